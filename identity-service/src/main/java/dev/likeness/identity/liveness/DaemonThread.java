package dev.likeness.identity.liveness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A named daemon thread that runs tasks in turn (it never keeps the service from stopping), and waiting for one of its tasks. */
final class DaemonThread {

    private DaemonThread() {
    }

    /** @param stackSize in bytes; 0 for the JVM's default */
    static ExecutorService executor(String name, long stackSize) {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(null, task, name, stackSize);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** What a task run on {@code thread} gave, once it has; its failure thrown again, unchecked. */
    static <T> T awaited(Future<T> task, String thread) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException(thread + " failed", e.getCause());
        }
    }
}
