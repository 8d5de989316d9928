package dev.likeness.consent.follow;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Follow", description = "On a platform, one person follows another, as the platform reported it")
public record FollowView(String platformId, String followerId, String followeeId, OffsetDateTime createdAt) {

    public static FollowView of(Follow follow) {
        return new FollowView(follow.platformId, follow.followerId, follow.followeeId, follow.createdAt);
    }
}
