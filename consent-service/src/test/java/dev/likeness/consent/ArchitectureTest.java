package dev.likeness.consent;

import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Architecture;

/** Feature packages without cycles, resources through services, views not entities: see {@link Architecture}. */
class ArchitectureTest {

    @Test
    void featuresKeepTheirStructure() {
        Architecture.check("dev.likeness.consent");
    }
}
