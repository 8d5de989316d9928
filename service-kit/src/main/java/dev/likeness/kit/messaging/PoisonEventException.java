package dev.likeness.kit.messaging;

/** An event that can never be applied (unparseable, unknown type, invalid): it goes to the dead-letter topic. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String reason) {
        super(reason);
    }

    public PoisonEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
