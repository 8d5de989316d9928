package dev.likeness.identity.liveness;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Faces in a 128×128 RGB image, with six keypoints each, by MediaPipe's BlazeFace model
 * (src/main/resources/blazeface) on ONNX Runtime.
 */
public final class FaceDetector implements AutoCloseable {

    public static final int SIZE = 128;
    private static final float MIN_SCORE = 0.6f;
    private static final float MAX_OVERLAP = 0.3f;

    private final OnnxThread onnx = new OnnxThread("blazeface");
    private final OrtSession session = onnx.session("/blazeface/face_detection_front_128x128_barracuda.onnx");

    /** A face: score 0–1, box centre and size, keypoints as x,y pairs; all in 0–1 image units. */
    public record Face(float score, float centerX, float centerY, float width, float height, float[] keypoints) {

        static final int RIGHT_EYE = 0;
        static final int LEFT_EYE = 1;
        static final int NOSE = 2;

        float x(int keypoint) {
            return keypoints[keypoint * 2];
        }

        /**
         * How far the nose sits from the eyes' midpoint, in eye distances: about 0 facing the camera,
         * positive when the person turns to their left (their nose moves right in an unmirrored image).
         */
        public float yaw() {
            float eyes = x(LEFT_EYE) - x(RIGHT_EYE);
            float middle = (x(LEFT_EYE) + x(RIGHT_EYE)) / 2;
            return Math.abs(eyes) < 1e-4f ? 0 : (x(NOSE) - middle) / Math.abs(eyes);
        }

        float overlap(Face other) {
            float left = Math.max(centerX - width / 2, other.centerX - other.width / 2);
            float right = Math.min(centerX + width / 2, other.centerX + other.width / 2);
            float top = Math.max(centerY - height / 2, other.centerY - other.height / 2);
            float bottom = Math.min(centerY + height / 2, other.centerY + other.height / 2);
            float inner = Math.max(0, right - left) * Math.max(0, bottom - top);
            return inner / (width * height + other.width * other.height - inner);
        }
    }

    /** @param rgb 128×128×3, row by row, each channel in −1..1 */
    public List<Face> detect(float[] rgb) {
        return onnx.call(() -> {
            try (OnnxTensor input = OnnxTensor.createTensor(onnx.environment, FloatBuffer.wrap(rgb), new long[] {1, SIZE, SIZE, 3});
                 OrtSession.Result result = session.run(Map.of("input:0", input))) {
                List<Face> candidates = new ArrayList<>();
                decode(output(result, "Identity:0"), output(result, "Identity_2:0"), 16, 2, candidates);
                decode(output(result, "Identity_1:0"), output(result, "Identity_3:0"), 8, 6, candidates);
                return suppressOverlaps(candidates);
            }
        });
    }

    private static float[] output(OrtSession.Result result, String name) throws OrtException {
        FloatBuffer buffer = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    /** Anchors sit at the centre of each grid cell; boxes and keypoints are offsets from them in input pixels. */
    private static void decode(float[] scores, float[] boxes, int cells, int anchorsPerCell, List<Face> into) {
        for (int cell = 0; cell < cells * cells; cell++) {
            float anchorX = (cell % cells + 0.5f) / cells;
            float anchorY = (cell / cells + 0.5f) / cells;
            for (int a = 0; a < anchorsPerCell; a++) {
                int anchor = cell * anchorsPerCell + a;
                float score = (float) (1 / (1 + Math.exp(-scores[anchor])));
                if (score < MIN_SCORE) {
                    continue;
                }
                int b = anchor * 16;
                float[] keypoints = new float[12];
                for (int k = 0; k < 12; k += 2) {
                    keypoints[k] = anchorX + boxes[b + 4 + k] / SIZE;
                    keypoints[k + 1] = anchorY + boxes[b + 5 + k] / SIZE;
                }
                into.add(new Face(score, anchorX + boxes[b] / SIZE, anchorY + boxes[b + 1] / SIZE,
                        boxes[b + 2] / SIZE, boxes[b + 3] / SIZE, keypoints));
            }
        }
    }

    /** Overlapping candidates are one face: keep the most confident. */
    private static List<Face> suppressOverlaps(List<Face> candidates) {
        candidates.sort(Comparator.comparing(Face::score).reversed());
        List<Face> faces = new ArrayList<>();
        for (Face candidate : candidates) {
            if (faces.stream().noneMatch(kept -> kept.overlap(candidate) > MAX_OVERLAP)) {
                faces.add(candidate);
            }
        }
        return faces;
    }

    @Override
    public void close() {
        onnx.close(session);
    }
}
