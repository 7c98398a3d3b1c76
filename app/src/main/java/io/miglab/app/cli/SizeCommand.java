package io.miglab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.metrics.PodSample;
import io.miglab.core.metrics.SamplesCsv;
import io.miglab.core.sizing.ManifestPatcher;
import io.miglab.core.sizing.Resources;
import io.miglab.core.sizing.Sizer;
import io.miglab.core.sizing.SizingReport;
import io.miglab.core.sizing.SizingReport.ContainerSizing;
import io.miglab.core.sizing.SizingReport.Recommendation;
import io.miglab.core.sizing.SizingReport.Risk;
import io.miglab.core.sizing.SizingRule;
import io.miglab.core.sizing.Sizings;
import io.miglab.core.sizing.apply.ManifestApplier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code miglab size}: requests and limits from recorded samples, the rules side by side. */
@Command(
        name = "size",
        description = "Size a container's CPU and memory requests and limits from its samples: the team rule, KRR's"
                + " simple strategy, a VPA-like recommender and MigLab's Job rule side by side, with the risks each"
                + " would run.")
final class SizeCommand implements Callable<Integer> {
    @ParentCommand
    MigLabCommand root;

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @Option(
                names = "--experiment",
                paramLabel = "ID",
                split = ",",
                description = "Experiments that recorded pod samples (several: the runs of one Job, together).")
        List<Long> experiments;

        @Option(
                names = "--samples",
                paramLabel = "CSV",
                description = "A samples file: " + SamplesCsv.HEADER + " (ISO-8601 timestamps).")
        Path samples;
    }

    @Option(
            names = "--rule",
            paramLabel = "RULE",
            defaultValue = "all",
            description = "team, krr, vpa, job, or all (default), comma-separated.")
    String rule;

    @Option(
            names = "--headroom",
            paramLabel = "PERCENT",
            defaultValue = "50",
            description = "How far above the request the team rule puts the limit: 50 to 100 (default 50).")
    int headroom;

    @Option(names = "--since", paramLabel = "TIME", description = "Only samples from this ISO-8601 time on.")
    java.time.OffsetDateTime since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only samples before this ISO-8601 time.")
    java.time.OffsetDateTime until;

    @Option(names = "--container", paramLabel = "NAME", description = "Only this container.")
    String container;

    @Option(
            names = "--manifest",
            paramLabel = "FILE",
            description = "A Job, CronJob, Deployment or StatefulSet YAML: today's resources are judged too, and a copy"
                    + " with only the container's resources changed is written.")
    Path manifest;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where the patched manifest goes (default: FILE.sized.yaml beside --manifest).")
    Path out;

    @Option(
            names = "--apply",
            description = "Apply the patched manifest to the cluster after showing what changes where; asks first on"
                    + " a terminal.")
    boolean apply;

    @Option(names = "--yes", description = "With --apply: apply without asking.")
    boolean yes;

    @Option(
            names = "--context",
            paramLabel = "C",
            description = "With --apply: the kubeconfig context (default: current).")
    String context;

    @Option(
            names = "--namespace",
            paramLabel = "N",
            description = "With --apply: the namespace (default: the manifest's, else the context's).")
    String namespace;

    @Override
    public Integer call() {
        CliContext c = root.context();
        List<SizingRule> rules = SizingRule.parse(rule);
        Sizings sizings = c.workspace().sizings();
        List<PodSample> samples = source.samples != null
                ? SamplesCsv.read(source.samples)
                : source.experiments.stream()
                        .flatMap(id -> sizings.samplesOf(id).stream())
                        .toList();
        samples = Sizings.between(
                samples, since == null ? null : since.toInstant(), until == null ? null : until.toInstant());
        if (container != null && container.isBlank()) {
            throw new MigLabException("--container is empty.");
        }
        Map<String, Resources> current = Map.of();
        List<ManifestPatcher.Found> found = List.of();
        if ((apply || yes || context != null || namespace != null) && manifest == null) {
            throw new MigLabException("--apply, --yes, --context and --namespace need --manifest FILE: the manifest to"
                    + " size and apply.");
        }
        if (manifest != null) {
            if (container == null) {
                throw new MigLabException("--manifest needs --container NAME: the container whose resources change.");
            }
            found = sizings.readManifest(manifest, container);
            current = Map.of(container, found.get(0).resources());
        }
        SizingReport report = sizings.size(new Sizings.SizingRequest(samples, rules, headroom, container, current));
        Sizings.PatchedManifest patched = null;
        SizingRule used = null;
        Resources sized = null;
        if (manifest != null) {
            used = rules.size() == 1
                    ? rules.get(0)
                    : Sizings.defaultRuleFor(found.get(0).kind());
            SizingRule chosen = used;
            sized = report.containers().get(0).recommendations().stream()
                    .filter(r -> r.rule() == chosen)
                    .findFirst()
                    .orElseThrow()
                    .resources();
            patched = sizings.patchManifest(manifest, container, sized, out != null ? out : sizedBeside(manifest));
        }
        if (c.json()) {
            ObjectNode node = Json.mapper().valueToTree(report);
            if (patched != null) {
                node.put("patchedManifest", patched.file().toString());
                node.put("patchRule", used.id());
                node.put("applyCommand", patched.applyCommand());
            }
            c.printJson(node);
        } else {
            print(c.out(), report);
            if (patched != null) {
                c.out()
                        .println("Patched " + String.join(", ", patched.patch().workloads()) + " with the "
                                + used.id() + " rule" + (rules.size() == 1 ? "" : " (choose another with --rule)")
                                + ": "
                                + patched.patch().before().get(0) + "  ->  " + sized);
                c.out().println("Wrote " + patched.file() + "; only the resources of '" + container + "' changed.");
                if (!apply) {
                    c.out().println("Apply it with: " + patched.applyCommand() + "  (or add --apply)");
                }
            }
        }
        if (apply) {
            apply(c, sizings, patched.file());
        }
        return Cli.OK;
    }

    /** Shows what changes on which cluster, asks unless --yes, then applies through the client. */
    private void apply(CliContext c, Sizings sizings, Path file) {
        ManifestApplier.Plan plan = sizings.planApply(file, context, namespace);
        c.err().println("To apply on context " + plan.context() + ": " + String.join(", ", plan.objects()));
        if (!yes) {
            if (System.console() == null) {
                throw new MigLabException(
                        "Not applied: nobody at a terminal to confirm.",
                        "Run again with --apply --yes to apply.",
                        null);
            }
            c.err().print("Apply? [y/N] ");
            c.err().flush();
            String answer;
            try {
                answer = new BufferedReader(new InputStreamReader(c.in(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                answer = null;
            }
            if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                c.err().println("Not applied; " + file + " is written.");
                return;
            }
        }
        ManifestApplier.Applied applied = sizings.apply(file, context, namespace);
        applied.objects().forEach(o -> c.err().println("Applied " + o + " (context " + applied.context() + ")."));
    }

    private static Path sizedBeside(Path manifest) {
        String name = manifest.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String sized = dot > 0 ? name.substring(0, dot) + ".sized" + name.substring(dot) : name + ".sized.yaml";
        return manifest.resolveSibling(sized);
    }

    static void print(PrintStream out, SizingReport report) {
        for (ContainerSizing cs : report.containers()) {
            SizingReport.History h = cs.history();
            out.printf(
                    Locale.ROOT,
                    "Container %s/%s: %,d samples from %d pod(s) over %s, every %s s%n",
                    cs.namespace(),
                    cs.container(),
                    h.samples(),
                    h.pods(),
                    Sizer.human(h.span()),
                    h.interval().toMillis() / 1000.0);
            out.printf(
                    Locale.ROOT,
                    "  CPU     mean %.0fm  p50 %.0fm  p90 %.0fm  p95 %.0fm  p99 %.0fm  max %.0fm%n",
                    h.cpu().mean(),
                    h.cpu().p50(),
                    h.cpu().p90(),
                    h.cpu().p95(),
                    h.cpu().p99(),
                    h.cpu().max());
            out.printf(
                    Locale.ROOT,
                    "  memory  mean %s  p50 %s  p90 %s  p95 %s  p99 %s  max %s%n%n",
                    mem(h.memory().mean()),
                    mem(h.memory().p50()),
                    mem(h.memory().p90()),
                    mem(h.memory().p95()),
                    mem(h.memory().p99()),
                    mem(h.memory().max()));
            TextTable table =
                    new TextTable("rule", "cpu request", "cpu limit", "memory request", "memory limit", "risks");
            for (Recommendation r : cs.recommendations()) {
                Resources x = r.resources();
                table.row(
                        r.rule().id(),
                        dash(Resources.cpuQuantity(x.cpuRequest())),
                        dash(Resources.cpuQuantity(x.cpuLimit())),
                        dash(Resources.memoryQuantity(x.memoryRequest())),
                        dash(Resources.memoryQuantity(x.memoryLimit())),
                        r.risks().isEmpty()
                                ? "none"
                                : r.risks().stream()
                                        .map(k -> k.level() == Risk.Level.DANGER ? "DANGER" : "warning")
                                        .collect(Collectors.joining(", ")));
            }
            table.print(out);
            if (!cs.current().equals(Resources.NONE)) {
                out.println();
                out.println("today: " + cs.current()
                        + (cs.currentRisks().isEmpty() ? ", no risk seen in these samples" : ""));
                cs.currentRisks()
                        .forEach(k -> out.println(
                                "  " + (k.level() == Risk.Level.DANGER ? "DANGER " : "warning ") + k.message()));
            }
            for (Recommendation r : cs.recommendations()) {
                out.println();
                out.println(r.rule().id() + ": " + String.join("; ", r.basis()));
                if (r.lowerBound() != null) {
                    out.println("  bounds: lower " + r.lowerBound() + ", upper "
                            + (r.upperBound().equals(Resources.NONE)
                                    ? "unbounded"
                                    : r.upperBound().toString()));
                }
                r.risks()
                        .forEach(k -> out.println(
                                "  " + (k.level() == Risk.Level.DANGER ? "DANGER " : "warning ") + k.message()));
            }
            if (cs.runs().size() > 1 || cs.recommendations().stream().anyMatch(r -> r.rule() == SizingRule.JOB)) {
                out.println();
                TextTable runs = new TextTable(
                        "run (pod)",
                        "started",
                        "duration",
                        "samples",
                        "cpu mean",
                        "cpu p95",
                        "cpu seconds",
                        "peak memory");
                for (SizingReport.JobRun run : cs.runs()) {
                    runs.row(
                            run.pod(),
                            run.start(),
                            Sizer.human(run.duration()),
                            run.samples(),
                            String.format(Locale.ROOT, "%.0fm", run.cpuMean()),
                            String.format(Locale.ROOT, "%.0fm", run.cpuP95()),
                            String.format(Locale.ROOT, "%.1f", run.cpuSeconds()),
                            Resources.memoryQuantity(run.peakMemory()));
                }
                runs.print(out);
            }
            out.println();
        }
    }

    private static String mem(double bytes) {
        return Resources.memoryQuantity((long) Math.ceil(bytes));
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
