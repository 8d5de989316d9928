package dev.likeness.identity.liveness;

import java.util.ArrayList;
import java.util.List;

/**
 * The head turns in a capture, from the face's yaw frame by frame. Yaw is measured from the
 * clip's median, so a camera a little to one side does not count as a turn. A turn counts once
 * the yaw passes the turn threshold, and the next one only after the head faced the camera
 * again (hysteresis), so a shaky hold is one turn, not several.
 */
record HeadTurns(List<Challenge.Move> moves, double lowest, double highest) {

    static HeadTurns of(List<Float> yaws, double turnYaw, double neutralYaw) {
        if (yaws.isEmpty()) {
            return new HeadTurns(List.of(), 0, 0);
        }
        float[] sorted = new float[yaws.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = yaws.get(i);
        }
        java.util.Arrays.sort(sorted);
        double straight = sorted[sorted.length / 2];
        List<Challenge.Move> moves = new ArrayList<>();
        boolean turned = false;
        for (float yaw : yaws) {
            double relative = yaw - straight;
            if (!turned && Math.abs(relative) > turnYaw) {
                // Positive yaw: the nose went right in the picture, the person turned to their left.
                moves.add(relative > 0 ? Challenge.Move.LEFT : Challenge.Move.RIGHT);
                turned = true;
            } else if (turned && Math.abs(relative) < neutralYaw) {
                turned = false;
            }
        }
        return new HeadTurns(moves, sorted[0] - straight, sorted[sorted.length - 1] - straight);
    }
}
