package dev.likeness.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * identity-service's capture upload: challenges expired, used or not this enrolment's; uploads
 * too large, of another media type, or not the container they claim to be.
 */
final class CaptureCases {

    private static final String CAPTURE = "identity PUT /v1/enrolments/{enrolmentId}/capture";
    private static final String NONCE = "Likeness-Challenge-Nonce";
    /** identity-service's likeness.capture.max-size (50M) and HTTP limit (64M), each plus one byte. */
    private static final int OVER_CAPTURE_LIMIT = 50 * 1024 * 1024 + 1;
    private static final int OVER_HTTP_LIMIT = 64 * 1024 * 1024 + 1;

    private CaptureCases() {
    }

    /**
     * Cases refused before the upload is looked at (nothing changes), and, into {@code unreadable},
     * uploads that are not their declared container: refused after reading, each recorded as a
     * failed attempt of the person (README "Rate limit"), the one change a refusal makes.
     */
    static List<Corpus.Case> of(List<OpenApi.Operation> operations, World world, List<Corpus.Case> unreadable) {
        OpenApi.Operation capture = operations.stream().filter(o -> o.key().equals(CAPTURE)).findFirst()
                .orElseThrow(() -> new IllegalStateException(CAPTURE + " is not documented"));
        List<Corpus.Case> cases = new ArrayList<>();
        cases.add(challenge(capture, "expired", world, world.expired, world.expired.nonce()));
        cases.add(challenge(capture, "used", world, world.used, world.used.nonce()));
        cases.add(challenge(capture, "another-enrolments-nonce", world, world.open, world.expired.nonce()));
        cases.add(new Corpus.Case("challenge", "no-nonce", capture, upload(capture, world, world.open, "video/mp4",
                ValidRequests.MP4_HEAD).header(NONCE, null), true));
        cases.add(new Corpus.Case("upload", "over-capture-limit", capture,
                upload(capture, world, world.open, "video/mp4", mp4Sized(OVER_CAPTURE_LIMIT)), true));
        cases.add(new Corpus.Case("upload", "over-http-limit", capture,
                upload(capture, world, world.open, "video/mp4", mp4Sized(OVER_HTTP_LIMIT)), true));
        for (String type : List.of("application/json", "text/plain", "image/png", "video/quicktime", "multipart/form-data; boundary=x",
                "application/octet-stream", "video/mp4x", "video")) {
            cases.add(new Corpus.Case("upload", "content-type " + type, capture,
                    upload(capture, world, world.open, type, ValidRequests.MP4_HEAD), true));
        }
        cases.add(new Corpus.Case("upload", "no-content-type", capture,
                upload(capture, world, world.open, null, ValidRequests.MP4_HEAD), true));
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        unreadable.add(new Corpus.Case("upload", "noise-as-mp4", capture, upload(capture, world, world.open, "video/mp4", noise), true));
        unreadable.add(new Corpus.Case("upload", "mp4-as-webm", capture,
                upload(capture, world, world.open, "video/webm", ValidRequests.MP4_HEAD), true));
        unreadable.add(new Corpus.Case("upload", "empty", capture, upload(capture, world, world.open, "video/mp4", new byte[0]), true));
        return cases;
    }

    /** A change the unreadable uploads make, and the only one allowed: a capture failure of the world's owner. */
    static boolean countedFailure(String change, World world) {
        return change.startsWith("identity.capture_failure + ") && change.contains(world.ownerId()) && change.contains("capture-unreadable");
    }

    private static Corpus.Case challenge(OpenApi.Operation capture, String name, World world, World.Enrolment enrolment, String nonce) {
        return new Corpus.Case("challenge", name, capture,
                upload(capture, world, enrolment, "video/mp4", ValidRequests.MP4_HEAD).header(NONCE, nonce), true);
    }

    private static Http.Request upload(OpenApi.Operation capture, World world, World.Enrolment enrolment, String type, byte[] body) {
        return Http.request("PUT", PackagedServices.url(capture.service()) + "/v1/enrolments/" + enrolment.id() + "/capture")
                .bearer(Caller.OWNER.token(world)).header(NONCE, enrolment.nonce()).body(type, body);
    }

    private static byte[] mp4Sized(int size) {
        byte[] bytes = new byte[size];
        System.arraycopy(ValidRequests.MP4_HEAD, 0, bytes, 0, ValidRequests.MP4_HEAD.length);
        return bytes;
    }
}
