package dev.likeness.identity.liveness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.likeness.captures.Captures;
import dev.likeness.captures.Noise;
import dev.likeness.identity.capture.Verification;

/**
 * Verification time of the built-in verifier per 5-second live clip, warm, and the process'
 * peak memory. Not part of the test suite (no *Test name): deploy/benchmark-liveness.sh runs it
 * and it writes identity-service/target/liveness-benchmark.md. It reports; it asserts nothing.
 */
class LivenessBenchmark {

    private static final int WARM_UP = 3;
    private static final int MEASURED = Integer.getInteger("bench.clips", 12);

    @Test
    void verificationTimePerClip() throws Exception {
        // The clips first: generating them (speech, 3D warping, encoding) must not weigh on the measures.
        List<Challenge> challenges = new ArrayList<>();
        List<Path> clips = new ArrayList<>();
        List<Path> cafe = new ArrayList<>();
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            Challenge challenge = new Challenge("bench", String.format(Locale.ROOT, "%06d", (i * 7919L) % 1_000_000),
                    List.of(Challenge.Move.LEFT, Challenge.Move.RIGHT, i % 2 == 0 ? Challenge.Move.LEFT : Challenge.Move.RIGHT));
            Captures.Container container = Captures.Container.values()[i % Captures.Container.values().length];
            Path file = Files.createTempFile("bench", ".bin");
            Files.write(file, Captures.record(container,
                    Captures.live(challenge.digits(), Answers.turns(challenge)).lasting(5), i));
            // The same answer with other people talking 10 dB under it: the span gated, Moonshine's beam.
            Path loud = Files.createTempFile("bench", ".bin");
            Files.write(loud, Captures.record(container,
                    Captures.live(challenge.digits(), Answers.turns(challenge)).lasting(5).inNoise(Noise.BABBLE, 10), i));
            challenges.add(challenge);
            clips.add(file);
            cafe.add(loud);
        }
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        // Linux: 5 resets the process' peak resident set size (VmHWM).
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");

        long started = System.nanoTime();
        BuiltInVerifier verifier = BuiltIn.verifier();
        double startup = (System.nanoTime() - started) / 1e9;
        List<Double> seconds = new ArrayList<>();
        List<Double> heardEveryWay = new ArrayList<>();
        List<Double> heardEveryWayInCafe = new ArrayList<>();
        int verified = 0;
        int rejected = 0;
        int rejectedInCafe = 0;
        for (int i = 0; i < clips.size(); i++) {
            Challenge challenge = challenges.get(i);
            long start = System.nanoTime();
            Verification verification = verifier.verify(clips.get(i), challenge).verification();
            double took = (System.nanoTime() - start) / 1e9;
            // The same clip against other digits: the slowest path, every check run and every hearing of the digits made.
            Challenge otherDigits = new Challenge("bench", challenges.get((i + 1) % clips.size()).digits(), challenge.moves());
            start = System.nanoTime();
            Verification wrong = verifier.verify(clips.get(i), otherDigits).verification();
            double tookEveryWay = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            Verification wrongInCafe = verifier.verify(cafe.get(i), otherDigits).verification();
            double tookEveryWayInCafe = (System.nanoTime() - start) / 1e9;
            if (i >= WARM_UP) {
                seconds.add(took);
                heardEveryWay.add(tookEveryWay);
                heardEveryWayInCafe.add(tookEveryWayInCafe);
                verified += verification.passed() ? 1 : 0;
                rejected += wrong.passed() ? 0 : 1;
                rejectedInCafe += wrongInCafe.passed() ? 0 : 1;
            }
        }
        long heap = peakHeapMegabytes();
        long resident = peakResidentMegabytes();
        // The café clips again, against their own digits: mostly Moonshine hears them first, and Sphinx4's
        // hearing beside it is thrown away. The processor time counts it: closing the verifier awaits it.
        List<Double> inCafe = new ArrayList<>();
        int verifiedInCafe = 0;
        double processor = processorSeconds();
        for (int i = WARM_UP; i < cafe.size(); i++) {
            long start = System.nanoTime();
            verifiedInCafe += verifier.verify(cafe.get(i), challenges.get(i)).verification().passed() ? 1 : 0;
            inCafe.add((System.nanoTime() - start) / 1e9);
        }
        verifier.close();
        double processorInCafe = (processorSeconds() - processor) / inCafe.size();
        for (Path clip : clips) {
            Files.delete(clip);
        }
        for (Path clip : cafe) {
            Files.delete(clip);
        }
        seconds.sort(null);
        heardEveryWay.sort(null);
        heardEveryWayInCafe.sort(null);
        inCafe.sort(null);
        String report = """
                | measure | value |
                | --- | --- |
                | clips (5 s, 320×240, 15 fps; each container of capture-fixtures in turn), after %d warm-up | %d |
                | verified | %d |
                | verification time min / median / max | %.2f / %.2f / %.2f s |
                | the same clips against other digits: rejected | %d |
                | their verification time (the digits heard three times: Moonshine filtered and as recorded, Sphinx4 once) min / median / max | %.2f / %.2f / %.2f s |
                | the same clips with babble 10 dB under the voice, against other digits: rejected | %d |
                | their verification time (heard three times, gated, Moonshine keeping four hypotheses, Sphinx4 beside it) min / median / max | %.2f / %.2f / %.2f s |
                | the same clips with babble 10 dB, against their own digits: verified | %d |
                | their verification time min / median / max; the process' processor time per clip (Sphinx4's hearing too, when thrown away) | %.2f / %.2f / %.2f s; %.2f s |
                | start-up (models loaded, first clip of silence heard) | %.1f s |
                | peak heap while verifying (limit) | %d MB (%d MB) |
                | peak resident memory of the process while verifying (heap, FFmpeg, ONNX Runtime and its models, Sphinx4) | %d MB |
                | processors / Java | %d / %s |
                """.formatted(WARM_UP, seconds.size(), verified, seconds.get(0), seconds.get(seconds.size() / 2),
                seconds.get(seconds.size() - 1), rejected, heardEveryWay.get(0), heardEveryWay.get(heardEveryWay.size() / 2),
                heardEveryWay.get(heardEveryWay.size() - 1), rejectedInCafe, heardEveryWayInCafe.get(0),
                heardEveryWayInCafe.get(heardEveryWayInCafe.size() / 2), heardEveryWayInCafe.get(heardEveryWayInCafe.size() - 1),
                verifiedInCafe, inCafe.get(0), inCafe.get(inCafe.size() / 2), inCafe.get(inCafe.size() - 1), processorInCafe,
                startup, heap, Runtime.getRuntime().maxMemory() >> 20, resident,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Files.writeString(Path.of("target/liveness-benchmark.md"), report);
        System.out.println(report);
    }

    /** The processor time of every thread of the process so far. */
    private static double processorSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static long peakHeapMegabytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() >> 20;
    }

    /** VmHWM: the most physical memory the process ever held. */
    private static long peakResidentMegabytes() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmHWM:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(0) >> 10;
    }
}
