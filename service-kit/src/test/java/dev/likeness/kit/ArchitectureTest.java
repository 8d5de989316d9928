package dev.likeness.kit;

import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Architecture;

/** The kit's packages (http, database, messaging, outbox) without cycles: see {@link Architecture}. */
class ArchitectureTest {

    @Test
    void packagesKeepTheirStructure() {
        Architecture.check("dev.likeness.kit");
    }
}
