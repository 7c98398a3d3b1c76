package io.miglab.app.cli;

import io.miglab.core.Cancellation;
import io.miglab.core.TextFiles;
import io.miglab.core.sizing.Resources;
import io.miglab.core.sizing.jobs.JobExperimentRequest;
import io.miglab.core.sizing.jobs.JobMatrix;
import io.miglab.core.sizing.jobs.JobVariant;
import io.miglab.core.sizing.jobs.VariantResult;
import io.miglab.core.units.Durations;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code miglab k8s jobs}: run a migration Job's variants one after another and compare their durations. */
@Command(
        name = "jobs",
        description = "Run a Job manifest once per variant (requests/limits, env such as GOMAXPROCS, args) and repeat,"
                + " one Job at a time: duration, peak memory, CPU p95 and failures per variant, ranked by median.")
final class K8sJobsCommand implements Callable<Integer> {
    @ParentCommand
    K8sCommand k8s;

    @Option(names = "--manifest", required = true, paramLabel = "FILE", description = "The Job (batch/v1) YAML.")
    Path manifest;

    @Option(names = "--container", required = true, paramLabel = "NAME", description = "The container to vary.")
    String container;

    @Option(names = "--context", paramLabel = "C", description = "A kubeconfig context (default: the current).")
    String context;

    @Option(
            names = {"--namespace", "-n"},
            paramLabel = "N",
            description = "Namespace (default: the manifest's, else the context's).")
    String namespace;

    @Option(
            names = "--variant",
            required = true,
            paramLabel = "SPEC",
            description = "label[:cpu=500m,memory=512Mi,limit-cpu=1,limit-memory=1Gi,env.GOMAXPROCS=3,arg=X]"
                    + " (repeatable; a bare label runs the manifest as it is).")
    List<String> variants = new ArrayList<>();

    @Option(names = "--repeats", defaultValue = "1", paramLabel = "N", description = "Runs per variant, 1 to 10.")
    int repeats;

    @Option(names = "--timeout", defaultValue = "30m", paramLabel = "D", description = "Per run (default 30m).")
    String timeout;

    @Override
    public Integer call() {
        CliContext c = k8s.root.context();
        List<JobVariant> parsed = variants.stream().map(JobVariant::parse).toList();
        Duration perRun = Durations.parse(timeout, "--timeout");
        String text = TextFiles.read(manifest, TextFiles.DEFAULT_MAX_BYTES, "the manifest");
        JobExperimentRequest request = new JobExperimentRequest(
                text, manifest.getFileName().toString(), container, parsed, repeats, context, namespace, perRun);
        Cancellation cancellation = new Cancellation();
        JobMatrix m = CliSupport.cancellableByCtrlC(
                cancellation, () -> c.workspace().jobExperiments().run(request, c.progressOnStderr(), cancellation));
        if (c.json()) {
            c.printJson(m);
        } else {
            print(c.out(), m);
        }
        return Cli.OK;
    }

    static void print(PrintStream out, JobMatrix m) {
        out.println("Experiment " + m.experimentId() + ", namespace " + m.namespace() + ": "
                + m.variants().stream().mapToInt(v -> v.runs().size()).sum()
                + " run(s), one at a time; ranked by median duration.");
        TextTable t = new TextTable(
                "variant", "runs", "median", "min-max", "vs fastest", "peak memory", "cpu p95", "failures");
        for (VariantResult v : m.variants()) {
            int ok = v.durations().size();
            t.row(
                    v.variant().label(),
                    ok + "/" + v.runs().size(),
                    v.median() == null ? "-" : Durations.format(v.median()),
                    v.min() == null ? "-" : Durations.format(v.min()) + " to " + Durations.format(v.max()),
                    v.ratioText(),
                    v.peakMemoryBytes() < 0 ? "-" : Resources.memoryQuantity(v.peakMemoryBytes()),
                    Double.isNaN(v.cpuP95Millicores())
                            ? "-"
                            : String.format(Locale.ROOT, "%.0fm", v.cpuP95Millicores()),
                    v.failures().isEmpty()
                            ? ""
                            : String.join(
                                    "; ",
                                    v.runs().stream()
                                            .filter(r -> !r.succeeded())
                                            .map(r -> r.failure().reason())
                                            .distinct()
                                            .toList()));
        }
        t.print(out);
        for (VariantResult v : m.variants()) {
            v.failures().forEach(f -> out.println(v.variant().label() + " " + f));
        }
        out.println("Each run is an experiment (kind k8s-job); size from one with: miglab size --experiment ID.");
    }
}
