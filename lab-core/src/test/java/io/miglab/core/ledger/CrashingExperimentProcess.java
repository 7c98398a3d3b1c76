package io.miglab.core.ledger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link LedgerCrashTest}: records three finished experiments, starts a fourth and keeps
 * writing samples to it until it is killed. Prints READY once the fourth is running and has samples on disk.
 */
public final class CrashingExperimentProcess {
    private CrashingExperimentProcess() {}

    public static void main(String[] args) {
        Ledger ledger = Ledger.open(Path.of(args[0]));
        for (int i = 1; i <= 3; i++) {
            ExperimentRun run = ledger.begin(
                    "baseline",
                    "finished " + i,
                    TargetFingerprint.NONE,
                    JsonNodeFactory.instance.objectNode().put("i", i));
            run.measure("latency.p50", i * 1.5, "ms");
            run.attach("latencies.csv", "text/csv", ("ms\n" + i + "\n").getBytes(StandardCharsets.UTF_8));
            run.tag("crash-test");
            run.succeed();
        }
        ExperimentRun running = ledger.begin("baseline", "killed mid-way", TargetFingerprint.NONE, null);
        long t = 0;
        boolean announced = false;
        while (true) {
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                points.add(new double[] {t++, Math.sin(t)});
            }
            running.samples("cpu", points);
            if (!announced) {
                System.out.println("READY " + running.id());
                System.out.flush();
                announced = true;
            }
        }
    }
}
