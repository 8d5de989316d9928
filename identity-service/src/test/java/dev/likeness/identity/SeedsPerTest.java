package dev.likeness.identity;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Before every test, {@link Seeds} starts from that test's name. A Quarkus callback, not a JUnit
 * extension: it runs in Quarkus' class loader, so it seeds the {@link Seeds} the tests see.
 */
public class SeedsPerTest implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        Seeds.startTest(context.getTestInstance().getClass().getName() + "#" + context.getTestMethod().getName());
    }
}
