package dev.likeness.identity.capture;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.likeness.kit.http.Codes;

/**
 * What went wrong with a failed check, in terms a person can act on when they record again; the
 * console shows each as advice. A code, so that any client can word it in its own language.
 */
public enum Hint {
    /** The file is not a video the service reads: record again in the browser, or send MP4 or WebM. */
    UNSUPPORTED_FORMAT,
    /** No picture: the camera was not allowed or not used. */
    NO_CAMERA,
    /** No sound: the microphone was not allowed or not used. */
    NO_MICROPHONE,
    TOO_SHORT,
    TOO_LONG,
    /** More pixels or frames a second than a capture may have: a camera setting, not a phone's usual video. */
    CAMERA_SETTINGS,
    /** Picture and sound of different lengths: a recording glitch; record again. */
    OUT_OF_STEP,
    /** Too few frames show a face: the face was out of the picture, too far, or in poor light. */
    FACE_NOT_CENTRED,
    /** Frames show more than one face: someone else was in the picture. */
    SEVERAL_FACES,
    /** The picture hardly changes: a photo or a still image, not a person. */
    STILL_PICTURE,
    /** Fewer turns were seen than asked: the head did not turn far enough, or not back to the camera between turns. */
    TURNS_TOO_SMALL,
    /** The turns seen are not those asked: another order or side (a mirrored preview misleads). */
    TURNED_WRONG_WAY,
    /** Too little voice: speak louder, closer to the microphone. */
    TOO_QUIET,
    /** The room's noise drowns the voice: move somewhere quieter. */
    TOO_NOISY,
    /** The voice was already there when the recording began: the first digits were cut off. */
    SPOKE_TOO_EARLY,
    /** The voice was heard but not the digits shown: read those digits, one by one. */
    WRONG_DIGITS,
    /** This very recording was sent before: record a new one. */
    RECORDING_REUSED,
    /** The vendor's liveness session found no live person: try the session again. */
    NOT_LIVE;

    @JsonValue
    public String code() {
        return Codes.of(this);
    }
}
