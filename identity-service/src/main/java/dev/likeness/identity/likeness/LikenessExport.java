package dev.likeness.identity.likeness;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.identity.biometric.BiometricVault;
import dev.likeness.kit.paging.PageCursor;

/**
 * One of a person's likenesses in their export: the likeness as the API shows it (deleted ones
 * too), and its biometric data decrypted while it exists.
 */
@Schema(name = "LikenessExport", description = "One of the caller's likenesses, deleted ones included, with its biometric data")
public record LikenessExport(
        @Schema(description = "The likeness, as GET /v1/likenesses/{likenessId} shows it (deletedAt on a deleted one)")
        LikenessView likeness,
        @Schema(description = "Its last change: verification, suspension, reinstatement or deletion") OffsetDateTime updatedAt,
        @Schema(description = "KEPT: the data below is all there is; DESTROYED: the likeness was deleted and its data key and "
                + "biometric data destroyed with it; NONE: the verifier kept no reference image and no capture is retained")
        BiometricData biometricData,
        @Schema(description = "The reference image (the face kept from the capture), decrypted; null when there is none",
                nullable = true)
        BiometricCopy referenceImage,
        @Schema(description = "The capture itself (video and voice), decrypted, while likeness.biometrics.capture-retention "
                + "keeps it; absent otherwise (by default a capture is not kept)")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        BiometricCopy capture,
        @Schema(description = "What became of the biometric data, in words") String note) {

    public enum BiometricData { KEPT, DESTROYED, NONE }

    /** Where a page of the export's likenesses ends (they are read oldest first). */
    public static PageCursor position(LikenessExport item) {
        return new PageCursor(item.likeness().verifiedAt(), item.likeness().id());
    }

    static LikenessExport deleted(Likeness likeness) {
        return new LikenessExport(LikenessView.of(likeness), likeness.updatedAt, BiometricData.DESTROYED, null, null,
                "Deleted at " + likeness.deletedAt + ": its data key was destroyed in the same transaction, with its reference "
                        + "image and any capture kept; nothing of them can be decrypted any more, so there is nothing to show.");
    }

    static LikenessExport kept(Likeness likeness, BiometricVault.Content referenceImage, BiometricVault.Content capture) {
        if (referenceImage == null && capture == null) {
            return new LikenessExport(LikenessView.of(likeness), likeness.updatedAt, BiometricData.NONE, null, null,
                    "No biometric data is kept of this likeness: its verifier gave no reference image, and its capture "
                            + "is not kept (or its retention ended).");
        }
        return new LikenessExport(LikenessView.of(likeness), likeness.updatedAt, BiometricData.KEPT, BiometricCopy.of(referenceImage),
                BiometricCopy.of(capture), "Kept encrypted with this likeness' own key until the likeness is deleted"
                        + (capture == null ? "; the capture itself is not kept." : "; the capture only until deleteAfter."));
    }
}
