package dev.likeness.identity.liveness;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** One named daemon thread that runs tasks in turn: it never keeps the service from stopping. */
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
}
