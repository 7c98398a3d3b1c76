package io.miglab.app.cli;

import io.miglab.core.Cancellation;
import io.miglab.core.metrics.ContainerUsage;
import io.miglab.core.metrics.Metrics;
import io.miglab.core.metrics.MetricsSnapshot;
import io.miglab.core.metrics.kubernetes.KubernetesQuery;
import io.miglab.core.sizing.Resources;
import io.miglab.core.units.Durations;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code miglab k8s}: the cluster side of a migration job. */
@Command(
        name = "k8s",
        description = "Kubernetes: pod CPU and memory against requests and limits; experiment Jobs.",
        subcommands = {K8sCommand.Top.class, K8sJobsCommand.class})
final class K8sCommand implements Callable<Integer> {
    @ParentCommand
    MigLabCommand root;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this), "Choose a k8s command: top, jobs.");
    }

    /** {@code miglab k8s top}: kubectl top pod --containers, with %request, %limit, restarts and OOM kills. */
    @Command(
            name = "top",
            description =
                    "CPU and memory per pod and container from the metrics API, as a share of their requests and"
                            + " limits, with restarts and OOM kills; --watch polls, --record keeps the samples for miglab size.")
    static final class Top implements Callable<Integer> {
        @ParentCommand
        K8sCommand k8s;

        @Option(names = "--context", paramLabel = "C", description = "A kubeconfig context (default: the current).")
        String context;

        @Option(
                names = {"--namespace", "-n"},
                paramLabel = "N",
                description = "Namespace (default: the context's).")
        String namespace;

        @Option(
                names = {"--selector", "-l"},
                paramLabel = "S",
                description = "Label selector: app=loader[,k=v].")
        String selector;

        @Option(names = "--watch", description = "Poll until Ctrl-C (or --for).")
        boolean watch;

        @Option(
                names = "--interval",
                paramLabel = "D",
                defaultValue = "5s",
                description = "Between polls (default 5s).")
        String interval;

        @Option(names = "--for", paramLabel = "D", description = "Stop watching after this long (e.g. 30m).")
        String forDuration;

        @Option(names = "--record", description = "Store the samples as an experiment (implies --watch).")
        boolean record;

        @Override
        public Integer call() {
            CliContext c = k8s.root.context();
            KubernetesQuery query = new KubernetesQuery(context, namespace, KubernetesQuery.parseSelector(selector));
            Metrics metrics = c.workspace().metrics();
            if (!watch && !record) {
                MetricsSnapshot s = metrics.top(query);
                if (c.json()) {
                    c.printJson(s);
                } else {
                    print(c.out(), s);
                }
                return Cli.OK;
            }
            Duration every = Durations.parse(interval, "--interval");
            Duration limit = forDuration == null ? null : Durations.parse(forDuration, "--for");
            Metrics.checkInterval(every);
            Cancellation cancellation = new Cancellation();
            c.err()
                    .println("Watching " + (namespace == null ? "the context's namespace" : namespace) + " every "
                            + interval + (record ? ", recording" : "") + "; Ctrl-C stops.");
            Metrics.Watch w = CliSupport.cancellableByCtrlC(
                    cancellation,
                    () -> metrics.watch(
                            query,
                            every,
                            limit,
                            record,
                            s -> {
                                if (c.json()) {
                                    c.printJson(s);
                                } else {
                                    print(c.out(), s);
                                }
                            },
                            cancellation));
            c.err()
                    .println(w.polls() + " poll(s), " + w.samples() + " sample(s)"
                            + (w.experimentId() > 0
                                    ? ", stored as experiment " + w.experimentId() + "; size from it with: miglab size"
                                            + " --experiment " + w.experimentId()
                                    : "."));
            return Cli.OK;
        }

        static void print(PrintStream out, MetricsSnapshot s) {
            out.println(s.source() + " at " + s.at() + window(s));
            TextTable t = new TextTable(
                    "pod", "container", "cpu", "%req", "%lim", "memory", "%req", "%lim", "restarts", "last exit");
            s.containers().stream()
                    .sorted(Comparator.comparing(ContainerUsage::pod).thenComparing(ContainerUsage::container))
                    .forEach(u -> t.row(
                            u.pod(),
                            u.container(),
                            String.format(Locale.ROOT, "%.0fm", u.cpuMillicores()),
                            percent(u.cpuOfRequest()),
                            percent(u.cpuOfLimit()),
                            Resources.memoryQuantity(u.memoryBytes()),
                            percent(u.memoryOfRequest()),
                            percent(u.memoryOfLimit()),
                            u.restarts(),
                            u.lastTermination() == null ? "" : u.lastTermination()));
            t.print(out);
            if (s.database() != null) {
                printDatabase(out, s.database());
            }
            s.notes().forEach(n -> out.println("note: " + n));
        }

        /** The server's activity under the processes: one line of rates, then each COPY or index build running. */
        static void printDatabase(PrintStream out, io.miglab.core.metrics.DatabaseActivity d) {
            out.println(String.format(
                    Locale.ROOT,
                    "database: %s tx/s, %s rows written/s, WAL %s/s, cache hit %s, %d active backend(s)",
                    rate(d.transactionsPerSecond()),
                    rate(d.rowsWrittenPerSecond()),
                    Double.isNaN(d.walBytesPerSecond())
                            ? "-"
                            : io.miglab.core.units.Sizes.format((long) d.walBytesPerSecond()),
                    Double.isNaN(d.cacheHitRatio()) ? "-" : percent(100 * d.cacheHitRatio()),
                    d.activeBackends()));
            for (io.miglab.core.metrics.DatabaseActivity.Progress p : d.progress()) {
                out.println(String.format(
                        Locale.ROOT,
                        "  %s %s (pid %d, %s): %s, %,d %s%s, %,d rows",
                        p.command(),
                        p.relation(),
                        p.pid(),
                        p.database(),
                        p.phase(),
                        p.done(),
                        p.unit(),
                        p.total() > 0
                                ? String.format(Locale.ROOT, " of %,d (%.0f%%)", p.total(), 100 * p.fraction())
                                : "",
                        p.tuples()));
            }
        }

        private static String rate(double r) {
            return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%,.0f", r);
        }

        private static String window(MetricsSnapshot s) {
            return s.containers().stream()
                    .map(ContainerUsage::window)
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .map(w -> " (metrics-server averages CPU over " + w.toSeconds() + " s and refreshes about every"
                            + " 15 s)")
                    .orElse("");
        }

        private static String percent(double p) {
            return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.0f%%", p);
        }
    }
}
