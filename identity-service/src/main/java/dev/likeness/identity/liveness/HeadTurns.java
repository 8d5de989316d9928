package dev.likeness.identity.liveness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The head turns in a capture, from the face's yaw frame by frame. Yaw is measured from where the
 * head rests at the clip's start and end (a person faces the camera before the first turn and
 * after the last), so a camera a little to one side, or a face not quite frontal at rest, does not
 * count as a turn. Not from the whole clip's median: three turns the same way keep the head turned
 * for so much of the clip that the median moved towards them, and the rest between two turns read
 * as a turn the other way. A yaw counts only when two sampled frames in a row reach it: one
 * frame's keypoints can jump (a photo tilted like a card read as a turn for a single frame). A turn
 * counts once the held yaw passes the turn threshold, and the next one only after the head faced
 * the camera again (hysteresis), so a shaky hold is one turn, not several.
 */
record HeadTurns(List<Challenge.Move> moves, double lowest, double highest) {

    /** How much of the clip, at either end, shows the head at rest: an eighth, at least three frames. */
    private static final int EDGE_PART = 8;
    private static final int EDGE_FRAMES = 3;

    static HeadTurns of(List<Float> yaws, double turnYaw, double neutralYaw) {
        if (yaws.isEmpty()) {
            return new HeadTurns(List.of(), 0, 0);
        }
        double straight = restingYaw(yaws);
        List<Challenge.Move> moves = new ArrayList<>();
        boolean turned = false;
        double lowest = 0;
        double highest = 0;
        for (int i = 1; i < yaws.size(); i++) {
            double relative = held(yaws.get(i - 1) - straight, yaws.get(i) - straight);
            lowest = Math.min(lowest, relative);
            highest = Math.max(highest, relative);
            if (!turned && Math.abs(relative) > turnYaw) {
                // Positive yaw: the nose went right in the picture, the person turned to their left.
                moves.add(relative > 0 ? Challenge.Move.LEFT : Challenge.Move.RIGHT);
                turned = true;
            } else if (turned && Math.abs(relative) < neutralYaw) {
                turned = false;
            }
        }
        return new HeadTurns(moves, lowest, highest);
    }

    /** How far two frames in a row are both turned: the lesser of the two, or none when they are turned different ways. */
    private static double held(double previous, double current) {
        return Math.signum(previous) != Math.signum(current) ? 0
                : Math.signum(current) * Math.min(Math.abs(previous), Math.abs(current));
    }

    /** The median yaw of the frames at the clip's start and end. */
    private static double restingYaw(List<Float> yaws) {
        int edge = Math.min(yaws.size(), Math.max(EDGE_FRAMES, yaws.size() / EDGE_PART));
        float[] rest = new float[Math.min(yaws.size(), 2 * edge)];
        for (int i = 0; i < rest.length; i++) {
            rest[i] = yaws.get(i < edge ? i : yaws.size() - rest.length + i);
        }
        Arrays.sort(rest);
        return rest[rest.length / 2];
    }
}
