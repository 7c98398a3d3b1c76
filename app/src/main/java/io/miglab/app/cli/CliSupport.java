package io.miglab.app.cli;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.targets.ServerFingerprint;
import io.miglab.core.targets.TargetConnector;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers the measuring commands share: durations, fingerprints and Ctrl-C as a cancel. */
final class CliSupport {
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private CliSupport() {}

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT30S}). */
    static Duration parseDuration(String text, String option) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(t);
        if (m.matches()) {
            double value = Double.parseDouble(m.group(1));
            long millis = (long)
                    switch (m.group(2)) {
                        case "ms" -> value;
                        case "s" -> value * 1000;
                        case "m" -> value * 60_000;
                        default -> value * 3_600_000;
                    };
            if (millis > 0) {
                return Duration.ofMillis(millis);
            }
        } else {
            try {
                Duration d = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
                if (!d.isNegative() && !d.isZero()) {
                    return d;
                }
            } catch (DateTimeParseException ignored) {
                // Reported below.
            }
        }
        throw new MigLabException(
                option + " takes a positive duration such as 500ms, 30s, 2m or 1h, not '" + text + "'.");
    }

    /** The target's name, server version and settings hash, so experiments on different servers are told apart. */
    static TargetFingerprint fingerprint(String targetName, TargetConnector connector, String dataset) {
        return ServerFingerprint.capture(targetName, connector, dataset);
    }

    /**
     * Runs {@code work} with Ctrl-C mapped to a cancel: the work stops, records what it has as cancelled, and the
     * JVM exits only after that (or after 15 s).
     */
    static <T> T cancellableByCtrlC(Cancellation cancellation, Supplier<T> work) {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    cancellation.cancel();
                    try {
                        done.await(15, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "miglab-cancel-on-interrupt");
        boolean hooked = false;
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            hooked = true;
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting; run without the hook.
        }
        try {
            return work.get();
        } finally {
            done.countDown();
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running: it has been waiting for us and now returns.
                }
            }
        }
    }

    static String ms(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
