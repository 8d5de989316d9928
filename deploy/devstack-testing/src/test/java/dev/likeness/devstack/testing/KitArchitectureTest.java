package dev.likeness.devstack.testing;

import org.junit.jupiter.api.Test;

/** The service kit's packages (http, database, messaging, outbox) keep the services' rules: see {@link Architecture}. */
class KitArchitectureTest {

    @Test
    void kitPackagesKeepTheirStructure() {
        Architecture.check("dev.likeness.kit");
    }
}
