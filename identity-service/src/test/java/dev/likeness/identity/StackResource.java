package dev.likeness.identity;

import dev.likeness.devstack.testing.LikenessStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every test of this module runs against the shared stack, with identity-service's database. */
@WithTestResource(value = LikenessStackResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "identity-service"))
public final class StackResource {

    private StackResource() {
    }
}
