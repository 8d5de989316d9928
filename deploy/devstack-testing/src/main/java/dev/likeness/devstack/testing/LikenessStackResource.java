package dev.likeness.devstack.testing;

import java.util.Map;

import dev.likeness.devstack.Service;
import dev.likeness.devstack.ServiceConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service under test at the shared stack: its own database, the broker, the realm.
 * Use with {@code @WithTestResource(value = LikenessStackResource.class,
 * initArgs = @ResourceArg(name = "service", value = "consent-service"))}.
 *
 * <p>{@link #stop()} leaves the stack running: other test classes and modules of the same build
 * reuse it, and it stops itself when the build is over.
 */
public class LikenessStackResource implements QuarkusTestResourceLifecycleManager {

    private Service service;

    @Override
    public void init(Map<String, String> initArgs) {
        service = Service.ofModule(initArgs.getOrDefault("service", ""));
    }

    @Override
    public Map<String, String> start() {
        return ServiceConfig.of(service, TestStack.info());
    }

    @Override
    public void stop() {
        // the stack outlives this application: see class comment
    }
}
