package dev.likeness.consent.grant;

import dev.likeness.consent.likeness.Likeness;

/** A grant as its grantee sees it: with the likeness' owner and status. */
public record HeldGrant(Grant grant, String ownerId, Likeness.Status likenessStatus) {
}
