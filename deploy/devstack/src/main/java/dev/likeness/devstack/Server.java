package dev.likeness.devstack;

/** One server of the stack. Stop and start again keep its port and its data. */
interface Server {

    /** {@code postgres}, {@code kafka} or {@code keycloak}: the name the control API uses. */
    String name();

    /** Starts the server and returns once it accepts requests. */
    void start() throws Exception;

    void stop();
}
