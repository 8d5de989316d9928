package dev.likeness.captures;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Who reads the digits aloud, and how they say 0 ({@code zero}: "zero" or "oh"). {@link #FREETTS}
 * is FreeTTS' kevin16 in the JVM, the voice of every test; the others are other engines as Debian
 * ships them (espeak-ng, flite, installed when missing), for the liveness corpus: voices the
 * verifier was not built on.
 */
public record Voice(String name, List<String> command, String zero) {

    /** FreeTTS' kevin16, in the JVM: no command. */
    public static final Voice FREETTS = new Voice("FreeTTS kevin16", List.of(), "zero");

    private static final List<String> DIGITS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

    /** espeak-ng in one of its English variants ({@code en-us}, {@code en-gb}, ...), at words a minute and a pitch (0–99, 50 its own). */
    public static Voice espeak(String variant, int wordsPerMinute, int pitch) {
        return new Voice("espeak-ng " + variant + " " + wordsPerMinute + " wpm pitch " + pitch,
                List.of("/usr/bin/espeak-ng", "-v", variant, "-s", Integer.toString(wordsPerMinute), "-p", Integer.toString(pitch), "-w"), "zero");
    }

    /** flite with one of its voices ({@code slt}, {@code kal}, {@code awb}, {@code rms}). */
    public static Voice flite(String voice) {
        return new Voice("flite " + voice, List.of("/usr/bin/flite", "-voice", voice, "-o"), "zero");
    }

    /** The same voice saying "oh" for 0, as many people read digits aloud. */
    public Voice sayingOh() {
        return new Voice(name + " saying oh", command, "oh");
    }

    /** FreeTTS, which reads in the JVM (in Captures), not by a command. */
    boolean inJvm() {
        return command.isEmpty();
    }

    /** The digits as this voice reads them: a word each, a comma between two. */
    String words(String digits) {
        return String.join(", ", digits.chars().mapToObj(digit -> digit == '0' ? zero : DIGITS.get(digit - '0')).toList());
    }

    /** The words read aloud as 16-bit mono samples at the given rate; an external engine writes a WAV file first. */
    short[] read(String words, int sampleRate) throws IOException {
        if (inJvm()) {
            throw new IllegalStateException("FreeTTS reads in Captures, in the JVM");
        }
        Path program = Path.of(command.get(0));
        DebianPackages.ensure("voices of the liveness corpus", List.of(program.getFileName().toString()), List.of(program));
        Path wav = Files.createTempFile("voice", ".wav");
        try {
            List<String> run = new ArrayList<>(command);
            run.add(wav.toString());
            if (command.get(0).endsWith("flite")) {
                run.addAll(List.of("-t", words));
            } else {
                run.add(words);
            }
            Commands.run(run, Duration.ofMinutes(1));
            try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
                AudioFormat format = in.getFormat();
                if (format.getSampleSizeInBits() != 16 || format.getChannels() != 1) {
                    throw new IllegalStateException(name + " wrote " + format + ", not 16-bit mono");
                }
                return Captures.resampled(ByteBuffer.wrap(in.readAllBytes())
                        .order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN).asShortBuffer(),
                        format.getSampleRate(), sampleRate);
            } catch (UnsupportedAudioFileException e) {
                throw new IllegalStateException(name + " wrote no WAV file", e);
            }
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
