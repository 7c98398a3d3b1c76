package io.miglab.core.sizing;

import io.miglab.core.MigLabException;
import io.miglab.core.metrics.PodSample;
import io.miglab.core.sizing.SizingReport.ContainerSizing;
import io.miglab.core.sizing.SizingReport.History;
import io.miglab.core.sizing.SizingReport.JobRun;
import io.miglab.core.sizing.SizingReport.Recommendation;
import io.miglab.core.sizing.SizingReport.Risk;
import io.miglab.core.sizing.SizingReport.Stats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sizing rules, as ../shared/DESIGN.md and the tools they come from state them, applied per container name to
 * the samples of every pod that ran it. Pure computation: no cluster, no ledger.
 */
public final class Sizer {
    /** KRR refuses under these; MigLab warns instead. */
    static final int KRR_MIN_POINTS = 100;

    static final Duration KRR_MIN_HISTORY = Duration.ofHours(3);
    /** VPA's floors: podMinCPUMillicores and podMinMemoryMb. */
    static final double VPA_MIN_CPU = 25;

    static final long VPA_MIN_MEMORY = 250 * Resources.MIB;
    /** Memory within this share of its limit is flagged as approaching it. */
    static final double NEAR_LIMIT = 0.9;

    private Sizer() {}

    /**
     * @param headroomPercent how far above the request the team rule (and the Job rule's CPU) puts the limit: 50 to 100
     * @param current the container's resources today, by container name (from the manifest or the pod specs); may be
     *     empty
     */
    public static SizingReport size(
            List<PodSample> samples, List<SizingRule> rules, int headroomPercent, Map<String, Resources> current) {
        if (samples.isEmpty()) {
            throw new MigLabException("There are no samples to size from.");
        }
        if (headroomPercent < 50 || headroomPercent > 100) {
            throw new MigLabException("The headroom is 50 to 100 % above the request, not " + headroomPercent + ".");
        }
        Map<String, List<PodSample>> byContainer = new LinkedHashMap<>();
        samples.stream().sorted(Comparator.comparing(PodSample::at)).forEach(s -> byContainer
                .computeIfAbsent(s.namespace() + "/" + s.container(), k -> new ArrayList<>())
                .add(s));
        List<ContainerSizing> out = new ArrayList<>();
        for (List<PodSample> one : byContainer.values()) {
            PodSample first = one.get(0);
            Resources now = current.getOrDefault(first.container(), Resources.NONE);
            History h = history(one);
            List<JobRun> runs = runs(one);
            List<Recommendation> recs = new ArrayList<>();
            for (SizingRule rule : rules) {
                recs.add(
                        switch (rule) {
                            case TEAM -> team(h, headroomPercent);
                            case KRR -> krr(h);
                            case VPA -> vpa(h, now);
                            case JOB -> job(h, runs, headroomPercent);
                        });
            }
            out.add(new ContainerSizing(
                    first.namespace(), first.container(), h, now, recs, runs, risks(h, now, "current")));
        }
        return new SizingReport(out, headroomPercent);
    }

    static History history(List<PodSample> samples) {
        double[] cpu = samples.stream().mapToDouble(PodSample::cpuMillicores).toArray();
        double[] memory =
                samples.stream().mapToDouble(s -> (double) s.memoryBytes()).toArray();
        Instant first = samples.get(0).at();
        Instant last = samples.get(samples.size() - 1).at();
        long pods = samples.stream().map(PodSample::pod).distinct().count();
        return new History(
                samples.size(),
                (int) pods,
                first,
                last,
                Duration.between(first, last),
                medianInterval(samples),
                stats(cpu),
                stats(memory));
    }

    static Stats stats(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Stats(
                Quantiles.mean(values),
                Quantiles.sorted(0.5, sorted),
                Quantiles.sorted(0.9, sorted),
                Quantiles.sorted(0.95, sorted),
                Quantiles.sorted(0.99, sorted),
                sorted[sorted.length - 1]);
    }

    private static Duration medianInterval(List<PodSample> samples) {
        Map<String, Instant> previous = new LinkedHashMap<>();
        List<Long> gaps = new ArrayList<>();
        for (PodSample s : samples) {
            Instant before = previous.put(s.pod(), s.at());
            if (before != null) {
                gaps.add(Duration.between(before, s.at()).toMillis());
            }
        }
        if (gaps.isEmpty()) {
            return Duration.ZERO;
        }
        gaps.sort(Long::compare);
        return Duration.ofMillis(gaps.get(gaps.size() / 2));
    }

    static Recommendation team(History h, int headroom) {
        double cpu = h.cpu().mean() * 1.2;
        long memory = (long) Math.ceil(h.memory().mean() * 1.2);
        double factor = 1 + headroom / 100.0;
        Resources r = new Resources(cpu, cpu * factor, memory, (long) Math.ceil(memory * factor)).rounded();
        List<String> basis = List.of(
                String.format(
                        Locale.ROOT,
                        "requests = average + 20 %%: CPU %.0fm x 1.2, memory %s x 1.2",
                        h.cpu().mean(),
                        Resources.memoryQuantity((long) h.memory().mean())),
                "limits = requests + " + headroom + " %");
        return new Recommendation(SizingRule.TEAM, r, basis, risks(h, r, "recommended"), null, null);
    }

    static Recommendation krr(History h) {
        long memory = (long) Math.ceil(h.memory().max() * 1.15);
        Resources r = new Resources(h.cpu().p95(), Double.NaN, memory, memory).rounded();
        List<String> basis = new ArrayList<>(List.of(
                String.format(
                        Locale.ROOT,
                        "CPU request = p95 = %.0fm, no CPU limit",
                        h.cpu().p95()),
                "memory request = limit = max "
                        + Resources.memoryQuantity((long) h.memory().max()) + " x 1.15"));
        List<Risk> risks = new ArrayList<>(risks(h, r, "recommended"));
        if (h.samples() < KRR_MIN_POINTS || h.span().compareTo(KRR_MIN_HISTORY) < 0) {
            risks.add(new Risk(
                    Risk.Level.WARNING,
                    "KRR itself would refuse this history: it needs " + KRR_MIN_POINTS + " points and "
                            + KRR_MIN_HISTORY.toHours() + " h; these samples have " + h.samples() + " over "
                            + human(h.span()) + "."));
        }
        return new Recommendation(SizingRule.KRR, r, basis, risks, null, null);
    }

    /**
     * VPA's recommender on these samples: target p90 x 1.15, lower bound p50, upper bound p95, the bounds widened by
     * the confidence min(lifespan in days, samples / 1440): upper x (1 + 1/c), lower x (1 + 0.001/c)^-2; floors of 25m
     * CPU and 250 MiB. VPA sets requests only and keeps today's limit-to-request ratio when there is one.
     */
    static Recommendation vpa(History h, Resources now) {
        double days = h.span().toMillis() / 86_400_000.0;
        double confidence = Math.min(days, h.samples() / 1440.0);
        double upperScale = confidence <= 0 ? Double.POSITIVE_INFINITY : 1 + 1 / confidence;
        double lowerScale = confidence <= 0 ? 0 : Math.pow(1 + 0.001 / confidence, -2);
        double cpuTarget = Math.max(VPA_MIN_CPU, h.cpu().p90() * 1.15);
        long memTarget = Math.max(VPA_MIN_MEMORY, (long) Math.ceil(h.memory().p90() * 1.15));
        double cpuLimit = !Double.isNaN(now.cpuRequest()) && now.hasCpuLimit() && now.cpuRequest() > 0
                ? cpuTarget * now.cpuLimit() / now.cpuRequest()
                : Double.NaN;
        long memLimit = now.memoryRequest() > 0 && now.hasMemoryLimit()
                ? (long) Math.ceil(memTarget * (double) now.memoryLimit() / now.memoryRequest())
                : -1;
        Resources r = new Resources(cpuTarget, cpuLimit, memTarget, memLimit).rounded();
        Resources lower = new Resources(
                        Math.max(VPA_MIN_CPU, h.cpu().p50() * lowerScale),
                        Double.NaN,
                        Math.max(VPA_MIN_MEMORY, (long) (h.memory().p50() * lowerScale)),
                        -1)
                .rounded();
        Resources upper = Double.isInfinite(upperScale)
                ? Resources.NONE
                : new Resources(
                                Math.max(VPA_MIN_CPU, h.cpu().p95() * upperScale),
                                Double.NaN,
                                Math.max(VPA_MIN_MEMORY, (long)
                                        Math.ceil(h.memory().p95() * upperScale)),
                                -1)
                        .rounded();
        List<String> basis = List.of(
                String.format(
                        Locale.ROOT,
                        "target = p90 x 1.15 (CPU %.0fm, memory %s), floors 25m and 250Mi",
                        h.cpu().p90(),
                        Resources.memoryQuantity((long) h.memory().p90())),
                String.format(
                        Locale.ROOT,
                        "confidence %.3f (%.2f days, %d samples / 1440): upper bound = p95 x %.2f, lower bound = p50 x"
                                + " %.4f",
                        confidence,
                        days,
                        h.samples(),
                        upperScale,
                        lowerScale),
                Double.isNaN(cpuLimit) && memLimit < 0
                        ? "no limits: VPA sets requests and keeps today's limit ratio, and there is none"
                        : "limits keep today's limit-to-request ratio");
        List<Risk> risks = new ArrayList<>(risks(h, r, "recommended"));
        if (confidence < 1) {
            risks.add(new Risk(
                    Risk.Level.WARNING,
                    String.format(
                            Locale.ROOT,
                            "Short history (confidence %.2f of 1): the bounds are %.1fx wide above; VPA would want a"
                                    + " day of samples.",
                            confidence,
                            upperScale)));
        }
        return new Recommendation(SizingRule.VPA, r, basis, risks, lower, upper);
    }

    /**
     * MigLab's rule for Jobs, whose pods each are one run: memory request = limit = the highest peak working set of
     * any run x 1.15; CPU request = the highest p95 of any run (what a run needed to go at its pace), limit that plus
     * the headroom.
     */
    static Recommendation job(History h, List<JobRun> runs, int headroom) {
        long peak = runs.stream().mapToLong(JobRun::peakMemory).max().orElse(0);
        double cpu = runs.stream().mapToDouble(JobRun::cpuP95).max().orElse(0);
        long memory = (long) Math.ceil(peak * 1.15);
        Resources r = new Resources(cpu, cpu * (1 + headroom / 100.0), memory, memory).rounded();
        List<String> basis = List.of(
                runs.size() + " run(s) (one pod each); the longest took "
                        + human(runs.stream()
                                .map(JobRun::duration)
                                .max(Comparator.naturalOrder())
                                .orElse(Duration.ZERO)),
                "memory request = limit = highest peak working set " + Resources.memoryQuantity(peak) + " x 1.15",
                String.format(Locale.ROOT, "CPU request = highest per-run p95 %.0fm, limit + %d %%", cpu, headroom));
        List<Risk> risks = new ArrayList<>(risks(h, r, "recommended"));
        if (runs.size() < 2) {
            risks.add(new Risk(
                    Risk.Level.WARNING,
                    "One run only: run the Job again (miglab can repeat it) to see how much the peak varies."));
        }
        return new Recommendation(SizingRule.JOB, r, basis, risks, null, null);
    }

    /** Each pod's samples as one run. */
    static List<JobRun> runs(List<PodSample> samples) {
        Map<String, List<PodSample>> byPod = new LinkedHashMap<>();
        samples.forEach(
                s -> byPod.computeIfAbsent(s.pod(), k -> new ArrayList<>()).add(s));
        List<JobRun> runs = new ArrayList<>();
        for (Map.Entry<String, List<PodSample>> e : byPod.entrySet()) {
            List<PodSample> pod = e.getValue();
            double[] cpu = pod.stream().mapToDouble(PodSample::cpuMillicores).toArray();
            double cpuSeconds = 0;
            for (int i = 1; i < pod.size(); i++) {
                double dt =
                        Duration.between(pod.get(i - 1).at(), pod.get(i).at()).toMillis() / 1000.0;
                cpuSeconds += dt * (pod.get(i - 1).cpuMillicores() + pod.get(i).cpuMillicores()) / 2 / 1000;
            }
            Instant start = pod.get(0).at();
            Instant end = pod.get(pod.size() - 1).at();
            runs.add(new JobRun(
                    e.getKey(),
                    start,
                    end,
                    Duration.between(start, end),
                    pod.size(),
                    Quantiles.mean(cpu),
                    Quantiles.of(0.95, cpu),
                    cpuSeconds,
                    pod.stream().mapToLong(PodSample::memoryBytes).max().orElse(0)));
        }
        return runs;
    }

    /** What the samples say would happen under {@code r}: throttling above a CPU limit, OOM above a memory limit. */
    static List<Risk> risks(History h, Resources r, String what) {
        List<Risk> risks = new ArrayList<>();
        if (r.hasCpuLimit()) {
            if (h.cpu().p95() > r.cpuLimit()) {
                risks.add(new Risk(
                        Risk.Level.DANGER,
                        String.format(
                                Locale.ROOT,
                                "Throttling: p95 CPU %.0fm is above the %s limit of %s.",
                                h.cpu().p95(),
                                what,
                                Resources.cpuQuantity(r.cpuLimit()))));
            } else if (h.cpu().p99() > r.cpuLimit()) {
                risks.add(new Risk(
                        Risk.Level.WARNING,
                        String.format(
                                Locale.ROOT,
                                "Throttling at peaks: p99 CPU %.0fm is above the %s limit of %s.",
                                h.cpu().p99(),
                                what,
                                Resources.cpuQuantity(r.cpuLimit()))));
            }
        }
        if (r.hasMemoryLimit()) {
            if (h.memory().max() > r.memoryLimit()) {
                risks.add(new Risk(
                        Risk.Level.DANGER,
                        "OOM kill: the peak working set "
                                + Resources.memoryQuantity((long) h.memory().max())
                                + " is above the " + what + " memory limit of "
                                + Resources.memoryQuantity(r.memoryLimit()) + "."));
            } else if (h.memory().max() > NEAR_LIMIT * r.memoryLimit()) {
                risks.add(new Risk(
                        Risk.Level.WARNING,
                        String.format(
                                Locale.ROOT,
                                "Near OOM: the peak working set %s is %.0f %% of the %s memory limit of %s.",
                                Resources.memoryQuantity((long) h.memory().max()),
                                100 * h.memory().max() / r.memoryLimit(),
                                what,
                                Resources.memoryQuantity(r.memoryLimit()))));
            }
        }
        return risks;
    }

    /** 45 s, 12 min, 3.5 h. */
    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", s / 3600.0);
    }
}
