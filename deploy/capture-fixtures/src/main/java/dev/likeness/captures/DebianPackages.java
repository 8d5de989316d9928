package dev.likeness.captures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.sun.security.auth.module.UnixSystem;

/**
 * Debian packages a test or benchmark needs (Chromium, espeak-ng, flite): installed with apt-get
 * when one of their programs is missing and the build runs as root, as on a fresh machine or in
 * CI; otherwise the failure names the packages to install.
 */
public final class DebianPackages {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);

    private DebianPackages() {
    }

    public static synchronized void ensure(String neededBy, List<String> packages, List<Path> programs) {
        if (programs.stream().allMatch(Files::isExecutable)) {
            return;
        }
        boolean root = new UnixSystem().getUid() == 0;
        if (!root || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new IllegalStateException(neededBy + " need " + programs + ": install the Debian packages "
                    + String.join(" and ", packages) + " (apt-get install " + String.join(" ", packages) + ")");
        }
        apt("update");
        List<String> install = new ArrayList<>(List.of("install", "-y"));
        install.addAll(packages);
        apt(install.toArray(String[]::new));
        if (!programs.stream().allMatch(Files::isExecutable)) {
            throw new IllegalStateException("apt-get installed " + packages + " but one of " + programs + " is still missing");
        }
    }

    private static void apt(String... arguments) {
        List<String> command = new ArrayList<>(List.of("apt-get", "-q"));
        command.addAll(List.of(arguments));
        Commands.run(command, Map.of("DEBIAN_FRONTEND", "noninteractive"), INSTALL_TIMEOUT);
    }
}
