package dev.likeness.notification;

import dev.likeness.devstack.testing.LikenessStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every test of this module runs against the shared stack, with notification-service's database. */
@WithTestResource(value = LikenessStackResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "notification-service"))
public final class StackResource {

    private StackResource() {
    }
}
