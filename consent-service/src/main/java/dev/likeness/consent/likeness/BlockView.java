package dev.likeness.consent.likeness;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Block")
public record BlockView(@Schema(description = "The blocked person's Keycloak subject") String personId, OffsetDateTime createdAt) {

    public static BlockView of(Block block) {
        return new BlockView(block.blockedId, block.createdAt);
    }
}
