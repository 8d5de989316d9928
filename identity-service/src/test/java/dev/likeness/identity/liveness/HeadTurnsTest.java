package dev.likeness.identity.liveness;

import static dev.likeness.identity.liveness.Challenge.Move.LEFT;
import static dev.likeness.identity.liveness.Challenge.Move.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HeadTurnsTest {

    private static final double TURN = 0.15;
    private static final double NEUTRAL = 0.08;

    @Test
    void threeLongTurnsTheSameWayFromAFaceNotQuiteFrontalAreThreeTurns() {
        // At rest the face is already turned a little (yaw 0.2); each turn holds it at 0.9 longer than it rests.
        List<Float> yaws = yaws(0.2, 5, 0.9, 9, 3, 4);
        assertEquals(List.of(LEFT, LEFT, LEFT), HeadTurns.of(yaws, TURN, NEUTRAL).moves());
    }

    @Test
    void turnsTheOtherWayAreTheOtherTurns() {
        List<Float> yaws = yaws(0, 5, -0.4, 9, 3, 4);
        HeadTurns turns = HeadTurns.of(yaws, TURN, NEUTRAL);
        assertEquals(List.of(RIGHT, RIGHT, RIGHT), turns.moves());
        assertEquals(-0.4, turns.lowest(), 1e-6);
        assertEquals(0, turns.highest(), 1e-6);
    }

    @Test
    void aShakyHoldIsOneTurn() {
        List<Float> yaws = new ArrayList<>(List.of(0f, 0f, 0f, 0f, 0.3f, 0.3f, 0.12f, 0.3f, 0.3f, 0.11f, 0.3f, 0.3f, 0f, 0f, 0f, -0.3f, -0.3f, 0f, 0f, 0f, 0f));
        assertEquals(List.of(LEFT, RIGHT), HeadTurns.of(yaws, TURN, NEUTRAL).moves());
    }

    @Test
    void aYawReachedInOneFrameOnlyIsNoTurn() {
        List<Float> yaws = new ArrayList<>(List.of(0f, 0f, 0f, 0f, 0.3f, 0f, 0f, 0f, -0.3f, -0.3f, 0f, 0f, 0f, 0f));
        HeadTurns turns = HeadTurns.of(yaws, TURN, NEUTRAL);
        assertEquals(List.of(RIGHT), turns.moves());
        assertEquals(0, turns.highest(), 1e-6);
    }

    @Test
    void aHeadThatHardlyMovesMakesNoTurn() {
        List<Float> yaws = yaws(0.05, 5, 0.17, 9, 3, 4);
        assertEquals(List.of(), HeadTurns.of(yaws, TURN, NEUTRAL).moves());
    }

    /** A head resting at {@code rest} for {@code restFrames} at the start and end and between {@code turns} turns to {@code turned}, each held {@code held} frames. */
    private static List<Float> yaws(double rest, int restFrames, double turned, int held, int turns, int between) {
        List<Float> yaws = new ArrayList<>();
        for (int i = 0; i < restFrames; i++) {
            yaws.add((float) rest);
        }
        for (int t = 0; t < turns; t++) {
            for (int i = 0; i < held; i++) {
                yaws.add((float) turned);
            }
            for (int i = 0; i < (t == turns - 1 ? restFrames : between); i++) {
                yaws.add((float) rest);
            }
        }
        return yaws;
    }
}
