package dev.likeness.consent.grant;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.purpose.Purpose;

/**
 * A consent receipt for one grant, shaped after the consent record of ISO/IEC TS 27560:2023:
 * who consented (the PII principal), to whom, for which purposes, its events and present state,
 * its validity and how to withdraw it.
 */
@Schema(name = "ConsentReceipt")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(
        @Schema(description = "The receipt's format: this service's profile of ISO/IEC TS 27560:2023") String schemaVersion,
        @Schema(description = "The consent record: the grant id") UUID recordId,
        @Schema(description = "The person whose likeness it is (Keycloak subject)") String piiPrincipalId,
        Controller piiController,
        List<String> piiCategories,
        UUID likenessId,
        @Schema(description = "Who may process (feature) the likeness") String recipientId,
        List<PurposeEntry> purposes,
        @Schema(description = "given, then withdrawn when revoked") List<Event> events,
        @Schema(description = "active, expired, used-up or withdrawn") String state,
        Validity validity,
        WithdrawalMethod withdrawalMethod,
        @Schema(description = "The likeness' ledger head when the receipt was made, to match it to GET …/ledger") String ledgerHead,
        OffsetDateTime issuedAt) {

    public static final String SCHEMA_VERSION = "likeness-consent-receipt/1; ISO/IEC TS 27560:2023";

    public record Controller(String id, String name) {
    }

    public record PurposeEntry(Purpose purpose, String description, String lawfulBasis) {
    }

    public record Event(String eventType, OffsetDateTime eventTime) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Validity(OffsetDateTime notBefore, OffsetDateTime notAfter, Integer maxUses, int uses) {
    }

    public record WithdrawalMethod(String description, String method, String uri) {
    }

    public static Receipt of(Grant grant, Likeness likeness, String controllerId, OffsetDateTime now) {
        String uri = "/v1/likenesses/" + likeness.id + "/grants/" + grant.id;
        List<Event> events = grant.revokedAt == null
                ? List.of(new Event("given", grant.createdAt))
                : List.of(new Event("given", grant.createdAt), new Event("withdrawn", grant.revokedAt));
        String state = switch (grant.status(now)) {
            case ACTIVE -> "active";
            case EXPIRED -> "expired";
            case USED_UP -> "used-up";
            case REVOKED -> "withdrawn";
        };
        return new Receipt(SCHEMA_VERSION, grant.id, likeness.ownerId,
                new Controller(controllerId, "Likeness consent service"),
                List.of("likeness: face", "likeness: voice"), likeness.id, grant.granteeId,
                grant.purposes.stream().sorted().map(p -> new PurposeEntry(p, description(p), "consent")).toList(),
                events, state, new Validity(grant.createdAt, grant.expiresAt, grant.maxUses, grant.uses),
                new WithdrawalMethod("The owner revokes the grant at any time; it takes effect at once", "DELETE", uri),
                likeness.ledgerHash, now);
    }

    private static String description(Purpose purpose) {
        return switch (purpose) {
            case DRAFT -> "Feature the likeness in AI-generated drafts the recipient keeps private";
            case PUBLISH -> "Publish videos featuring the likeness";
            case REMIX -> "Remix videos that feature the likeness";
        };
    }
}
