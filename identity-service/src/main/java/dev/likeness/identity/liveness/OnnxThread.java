package dev.likeness.identity.liveness;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * One thread, with a large stack, that loads and runs a model's ONNX Runtime sessions: ONNX Runtime
 * can overflow a default 1 MB thread stack (seen loading it under a long class path).
 */
final class OnnxThread {

    interface Step<T> {
        T run() throws OrtException, IOException;
    }

    private final String name;
    private final ExecutorService runner;
    final OrtEnvironment environment;

    OnnxThread(String name) {
        this.name = name;
        this.runner = DaemonThread.executor(name, 64L << 20);
        this.environment = call(OrtEnvironment::getEnvironment);
    }

    /** A session on one intra-op thread (each capture is verified on one), from a model among the resources. */
    OrtSession session(String resource) {
        return call(() -> {
            try (InputStream model = OnnxThread.class.getResourceAsStream(resource);
                 OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                if (model == null) {
                    throw new IOException("missing model " + resource);
                }
                options.setIntraOpNumThreads(1);
                return environment.createSession(model.readAllBytes(), options);
            }
        });
    }

    <T> T call(Step<T> step) {
        return DaemonThread.awaited(runner.submit(step::run), name);
    }

    /**
     * Closes the sessions on the thread, after the run in flight: closing one under a running one
     * crashed the JVM (SIGSEGV in ONNX Runtime) when the service was stopped during its warm-up.
     */
    void close(OrtSession... sessions) {
        call(() -> {
            for (OrtSession session : sessions) {
                session.close();
            }
            return null;
        });
        runner.shutdown();
    }
}
