package dev.likeness.system;

import dev.likeness.devstack.testing.Tokens;

/**
 * Who calls: nobody, the owner of the resource in the path, another person (role user), a video
 * platform (client credentials) or trust and safety (dana).
 */
enum Caller {
    ANONYMOUS, OWNER, OTHER, PLATFORM, TRUST_SAFETY;

    /** The bearer token, or null for anonymous; owner and other are the people of this world. */
    String token(World world) {
        return switch (this) {
            case ANONYMOUS -> null;
            case OWNER -> Tokens.user(world.owner());
            case OTHER -> Tokens.user(world.other());
            case PLATFORM -> Tokens.platform();
            case TRUST_SAFETY -> Tokens.user("dana");
        };
    }
}
