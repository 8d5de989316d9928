package dev.likeness.consent.likeness;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Teen accounts: who may feature a teen's likeness is limited (no EVERYONE audience). */
@ConfigMapping(prefix = "likeness.teen")
public interface TeenConfig {

    /** The access-token claim (a Keycloak user attribute) whose value {@code teen} marks a teen account. */
    @WithDefault("age_group")
    String ageGroupClaim();
}
