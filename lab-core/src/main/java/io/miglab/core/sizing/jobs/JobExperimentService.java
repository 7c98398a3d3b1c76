package io.miglab.core.sizing.jobs;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.ExperimentLink;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.metrics.ContainerUsage;
import io.miglab.core.metrics.MetricSource;
import io.miglab.core.metrics.MetricsSnapshot;
import io.miglab.core.metrics.PodSample;
import io.miglab.core.metrics.SamplesCsv;
import io.miglab.core.metrics.kubernetes.KubeClients;
import io.miglab.core.metrics.kubernetes.KubernetesMetricSource;
import io.miglab.core.metrics.kubernetes.KubernetesQuery;
import io.miglab.core.sizing.Quantiles;
import io.miglab.core.sizing.Resources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@link JobExperiments} through the fabric8 client on the user's kubeconfig.
 *
 * <p>Each run: the manifest's Job with the variant applied to the named container, renamed {@code
 * <name>-<variant>-<n>}, labelled with the matrix experiment and the variant, with ttlSecondsAfterFinished removed (so
 * the Job stays until MigLab has read its end), created, polled every second until it ends, then deleted with
 * propagation Background (its pods go with it). Pod metrics come from the metrics API on {@code job-name=<job>}, the
 * label the Job controller puts on its pods, at every poll; each metrics-server reading is kept once.
 *
 * <p>The interval of a variant's ratio to the fastest is a percentile bootstrap over repeats: 2,000 times, both
 * variants' successful durations are resampled with replacement and the ratio of the two medians taken; the 2.5th
 * and 97.5th percentiles of those ratios are the interval (fixed seed, so the same runs give the same interval). With
 * fewer than 2 successful runs on either side there is no interval. With so few repeats (at most 10) the bootstrap
 * is rough: it says how much the runs scattered, not a guarantee.
 */
public final class JobExperimentService implements JobExperiments {
    static final int BOOTSTRAP = 2_000;
    private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization SERIALIZATION =
            new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
    static final int MAX_SAMPLES_PER_RUN = 500_000;

    private final Ledger ledger;
    private final Function<String, KubernetesClient> clients;
    private final boolean ownsClients;
    private final BiFunction<KubernetesClient, KubernetesQuery, MetricSource> metrics;
    private final Duration pollInterval;

    public JobExperimentService(Ledger ledger) {
        this(
                ledger,
                context -> KubeClients.open(context, Duration.ofSeconds(20)),
                true,
                KubernetesMetricSource::on,
                Duration.ofSeconds(1));
    }

    /** On a client the caller owns (the mock API server's), with its own metrics source and poll interval. */
    public JobExperimentService(
            Ledger ledger,
            KubernetesClient client,
            BiFunction<KubernetesClient, KubernetesQuery, MetricSource> metrics,
            Duration pollInterval) {
        this(ledger, context -> client, false, metrics, pollInterval);
    }

    private JobExperimentService(
            Ledger ledger,
            Function<String, KubernetesClient> clients,
            boolean ownsClients,
            BiFunction<KubernetesClient, KubernetesQuery, MetricSource> metrics,
            Duration pollInterval) {
        this.ledger = ledger;
        this.clients = clients;
        this.ownsClients = ownsClients;
        this.metrics = metrics;
        this.pollInterval = pollInterval;
    }

    @Override
    public JobMatrix run(JobExperimentRequest request, ProgressListener progress, Cancellation cancellation) {
        Job template = JobExperimentRequest.job(request.manifest(), request.where());
        KubernetesClient client = clients.apply(request.context());
        try {
            return run(client, template, request, progress, cancellation);
        } finally {
            if (ownsClients) {
                client.close();
            }
        }
    }

    private JobMatrix run(
            KubernetesClient client,
            Job template,
            JobExperimentRequest request,
            ProgressListener progress,
            Cancellation cancellation) {
        String namespace = request.namespace() != null
                ? request.namespace()
                : template.getMetadata().getNamespace() != null
                        ? template.getMetadata().getNamespace()
                        : client.getNamespace() != null ? client.getNamespace() : "default";
        String base = template.getMetadata().getName() != null
                ? template.getMetadata().getName()
                : template.getMetadata().getGenerateName().replaceAll("-+$", "");
        var parameters = Json.mapper().createObjectNode();
        parameters.put("manifest", request.where());
        parameters.put("job", base);
        parameters.put("container", request.container());
        parameters.put("namespace", namespace);
        if (request.context() != null) {
            parameters.put("context", request.context());
        }
        parameters.put("repeats", request.repeats());
        parameters.put("timeoutSeconds", request.timeout().toSeconds());
        var vs = parameters.putArray("variants");
        request.variants().forEach(v -> vs.addObject()
                .put("label", v.label())
                .put("slug", v.slug())
                .put("change", v.describe()));
        ExperimentRun matrix = ledger.begin(
                MATRIX_KIND,
                "Job " + base + ": " + request.variants().size() + " variant(s) x " + request.repeats(),
                TargetFingerprint.NONE,
                parameters);
        List<JobRun> runs = new ArrayList<>();
        Map<String, List<PodSample>> samplesByVariant = new LinkedHashMap<>();
        int total = request.variants().size() * request.repeats();
        try {
            int done = 0;
            for (int n = 1; n <= request.repeats(); n++) {
                for (JobVariant v : request.variants()) {
                    cancellation.checkpoint();
                    String name = jobName(base, v.slug(), n);
                    progress.report(Progress.of(
                            "Run " + (done + 1) + " of " + total + ": " + name + " (" + v.describe() + ")",
                            done,
                            total));
                    List<PodSample> samples = new ArrayList<>();
                    JobRun r = runOne(
                            client, template, request, namespace, matrix.id(), v, n, name, samples, cancellation);
                    runs.add(r);
                    samplesByVariant
                            .computeIfAbsent(v.slug(), k -> new ArrayList<>())
                            .addAll(samples);
                    done++;
                    progress.report(Progress.of(
                            name + ": "
                                    + (r.succeeded()
                                            ? "succeeded in " + io.miglab.core.units.Durations.format(r.duration())
                                            : r.failure().reason() + " (" + r.failureMessage() + ")"),
                            done,
                            total));
                }
            }
            JobMatrix result = new JobMatrix(matrix.id(), namespace, summarize(request, runs, samplesByVariant), runs);
            for (VariantResult vr : result.variants()) {
                if (vr.median() != null) {
                    matrix.measure("median " + vr.variant().slug(), seconds(vr.median()), "s");
                }
                matrix.measure("failures " + vr.variant().slug(), vr.failures().size(), "runs");
            }
            matrix.attachJson("results.json", result);
            matrix.succeed();
            return result;
        } catch (RuntimeException e) {
            matrix.fail(e);
            throw e;
        } finally {
            matrix.close();
        }
    }

    private JobRun runOne(
            KubernetesClient client,
            Job template,
            JobExperimentRequest request,
            String namespace,
            long matrixId,
            JobVariant variant,
            int repeat,
            String name,
            List<PodSample> samples,
            Cancellation cancellation) {
        Job job = build(template, request.container(), variant, name, namespace, matrixId);
        var parameters = Json.mapper().createObjectNode();
        parameters.put("job", name);
        parameters.put("namespace", namespace);
        parameters.put("container", request.container());
        parameters.put("variant", variant.label());
        parameters.put("change", variant.describe());
        parameters.put("repeat", repeat);
        parameters.put("matrix", matrixId);
        ExperimentRun run = ledger.begin(
                RUN_KIND,
                "Job " + name + " (" + variant.label() + ", run " + repeat + ")",
                TargetFingerprint.NONE,
                parameters);
        // Linked at once, so a run that fails or is cancelled still belongs to its matrix.
        ledger.link(run.id(), ExperimentLink.PROVES, matrixId);
        var jobs = client.batch().v1().jobs().inNamespace(namespace);
        try {
            run.attach(
                    "job.yaml",
                    "application/yaml",
                    client.getKubernetesSerialization().asYaml(job).getBytes(StandardCharsets.UTF_8));
            long started = System.nanoTime();
            try {
                jobs.resource(job).create();
            } catch (KubernetesClientException e) {
                throw explain(client, e, "create", "jobs", namespace, name);
            }
            Outcome outcome;
            List<String> notes = new ArrayList<>();
            try (Cancellation.Registration r = cancellation.onCancel(() -> deleteQuietly(client, namespace, name))) {
                MetricSource source = metrics.apply(
                        client, new KubernetesQuery(request.context(), namespace, Map.of("job-name", name)));
                Set<String> seen = new HashSet<>();
                outcome = watch(client, request, namespace, name, started, source, samples, seen, notes, cancellation);
                // One more look: the last reading before the pod went away (an OOM kill ends it between polls).
                poll(source, samples, seen, notes);
            } finally {
                delete(client, namespace, name);
            }
            List<PodSample> mine = samples.stream()
                    .filter(s -> s.container().equals(request.container()))
                    .toList();
            long peak = mine.stream().mapToLong(PodSample::memoryBytes).max().orElse(-1);
            double p95 = Quantiles.of(
                    0.95, mine.stream().mapToDouble(PodSample::cpuMillicores).toArray());
            run.measure("duration", seconds(outcome.duration()), "s");
            if (peak >= 0) {
                run.measure("peak memory", peak, "bytes");
                run.measure("cpu p95", p95, "millicores");
            }
            run.measure("samples", samples.size(), "samples");
            run.attach(SamplesCsv.ARTIFACT, "text/csv", SamplesCsv.bytes(samples));
            if (!notes.isEmpty()) {
                run.attachJson("notes.json", notes);
            }
            run.tag(variant.slug());
            if (outcome.failure() == null) {
                run.succeed();
            } else {
                run.fail(outcome.failure().reason() + ": " + outcome.message());
            }
            return new JobRun(
                    variant.label(),
                    repeat,
                    name,
                    run.id(),
                    outcome.duration(),
                    outcome.timedByKubernetes(),
                    outcome.failure(),
                    outcome.message(),
                    samples.size(),
                    peak,
                    p95);
        } catch (RuntimeException e) {
            run.fail(e);
            throw e;
        } finally {
            run.close();
        }
    }

    private record Outcome(JobFailure failure, String message, Duration duration, boolean timedByKubernetes) {}

    private Outcome watch(
            KubernetesClient client,
            JobExperimentRequest request,
            String namespace,
            String name,
            long startedNanos,
            MetricSource source,
            List<PodSample> samples,
            Set<String> seen,
            List<String> notes,
            Cancellation cancellation) {
        long deadline = startedNanos + request.timeout().toNanos();
        while (true) {
            cancellation.checkpoint();
            long tick = System.nanoTime();
            Job now;
            try {
                now = client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(namespace)
                        .withName(name)
                        .get();
            } catch (KubernetesClientException e) {
                throw explain(client, e, "get", "jobs", namespace, name);
            }
            if (now == null) {
                // A cancel deletes the Job from the cancelling thread: that is no surprise.
                cancellation.checkpoint();
                throw new MigLabException("Job " + name + " disappeared from namespace " + namespace
                        + " while it ran (deleted by someone else?).");
            }
            poll(source, samples, seen, notes);
            Duration wall = Duration.ofNanos(System.nanoTime() - startedNanos);
            JobCondition complete = condition(now, "Complete");
            if (complete != null
                    || (now.getStatus() != null
                            && now.getStatus().getSucceeded() != null
                            && now.getStatus().getSucceeded()
                                    >= (now.getSpec().getCompletions() == null
                                            ? 1
                                            : now.getSpec().getCompletions()))) {
                Duration k8s =
                        between(now.getStatus().getStartTime(), now.getStatus().getCompletionTime());
                return new Outcome(null, null, k8s != null ? k8s : wall, k8s != null);
            }
            String oom = oomKilled(client, namespace, name);
            if (oom != null) {
                return new Outcome(JobFailure.OOM_KILLED, oom, wall, false);
            }
            JobCondition failed = condition(now, "Failed");
            if (failed != null) {
                JobFailure why = "BackoffLimitExceeded".equals(failed.getReason())
                        ? JobFailure.BACKOFF_LIMIT_EXCEEDED
                        : "DeadlineExceeded".equals(failed.getReason())
                                ? JobFailure.DEADLINE_EXCEEDED
                                : JobFailure.OTHER;
                String message = (failed.getReason() == null ? "" : failed.getReason())
                        + (failed.getMessage() == null ? "" : ": " + failed.getMessage());
                return new Outcome(why, message.isBlank() ? "the Job failed" : message, wall, false);
            }
            long elapsed = System.nanoTime() - startedNanos;
            if (elapsed >= request.timeout().toNanos()) {
                wall = Duration.ofNanos(elapsed);
                return new Outcome(
                        JobFailure.TIMEOUT,
                        "not finished after " + io.miglab.core.units.Durations.format(request.timeout())
                                + "; MigLab deleted it",
                        wall,
                        false);
            }
            long wait = pollInterval.toNanos() - (System.nanoTime() - tick);
            if (wait > 0) {
                pause(Math.min(wait, Math.max(0, deadline - System.nanoTime()) + 1), cancellation);
            }
        }
    }

    private static void poll(MetricSource source, List<PodSample> samples, Set<String> seen, List<String> notes) {
        MetricsSnapshot s;
        try {
            s = source.poll();
        } catch (MigLabException e) {
            // Metrics are a bonus to the duration: note why they are missing, keep the run going.
            if (notes.size() < 20 && !notes.contains(e.getMessage())) {
                notes.add(e.getMessage());
            }
            return;
        }
        for (ContainerUsage c : s.containers()) {
            if (samples.size() < MAX_SAMPLES_PER_RUN && seen.add(c.pod() + "/" + c.container() + "@" + c.at())) {
                samples.add(new PodSample(
                        c.at(),
                        c.namespace(),
                        c.pod(),
                        c.container(),
                        c.cpuMillicores(),
                        Math.max(0, c.memoryBytes())));
            }
        }
    }

    /** "pod x container y: OOMKilled (exit 137)" for the first container of the Job's pods killed for memory. */
    private static String oomKilled(KubernetesClient client, String namespace, String job) {
        List<Pod> pods;
        try {
            pods = client.pods()
                    .inNamespace(namespace)
                    .withLabel("job-name", job)
                    .list()
                    .getItems();
        } catch (KubernetesClientException e) {
            throw explain(client, e, "list", "pods", namespace, job);
        }
        for (Pod p : pods) {
            if (p.getStatus() == null) {
                continue;
            }
            List<ContainerStatus> statuses = new ArrayList<>();
            if (p.getStatus().getContainerStatuses() != null) {
                statuses.addAll(p.getStatus().getContainerStatuses());
            }
            if (p.getStatus().getInitContainerStatuses() != null) {
                statuses.addAll(p.getStatus().getInitContainerStatuses());
            }
            for (ContainerStatus s : statuses) {
                for (var state :
                        new io.fabric8.kubernetes.api.model.ContainerState[] {s.getState(), s.getLastState()}) {
                    if (state != null
                            && state.getTerminated() != null
                            && "OOMKilled".equals(state.getTerminated().getReason())) {
                        Integer exit = state.getTerminated().getExitCode();
                        return "pod " + p.getMetadata().getName() + " container " + s.getName() + " was OOMKilled"
                                + (exit == null ? "" : " (exit " + exit + ")");
                    }
                }
            }
        }
        return null;
    }

    private static JobCondition condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return null;
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equalsIgnoreCase(c.getStatus()))
                .findFirst()
                .orElse(null);
    }

    private static Duration between(String start, String end) {
        if (start == null || end == null) {
            return null;
        }
        try {
            Duration d = Duration.between(Instant.parse(start), Instant.parse(end));
            return d.isNegative() ? null : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The manifest's Job with the variant applied, fit to be created again and again. */
    static Job build(Job template, String container, JobVariant variant, String name, String namespace, long matrix) {
        Job job = SERIALIZATION.clone(template);
        var meta = job.getMetadata();
        meta.setName(name);
        meta.setGenerateName(null);
        meta.setNamespace(namespace);
        meta.setResourceVersion(null);
        meta.setUid(null);
        meta.setCreationTimestamp(null);
        meta.setManagedFields(null);
        meta.setOwnerReferences(null);
        Map<String, String> labels = new LinkedHashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
        labels.put(EXPERIMENT_LABEL, Long.toString(matrix));
        labels.put(VARIANT_LABEL, variant.slug());
        meta.setLabels(labels);
        job.setStatus(null);
        var spec = job.getSpec();
        spec.setTtlSecondsAfterFinished(null);
        if (!Boolean.TRUE.equals(spec.getManualSelector())) {
            // A Job exported from a cluster carries the controller's selector; a new Job gets its own.
            spec.setSelector(null);
            if (spec.getTemplate().getMetadata() != null
                    && spec.getTemplate().getMetadata().getLabels() != null) {
                Map<String, String> podLabels =
                        new LinkedHashMap<>(spec.getTemplate().getMetadata().getLabels());
                List.of(
                                "controller-uid",
                                "batch.kubernetes.io/controller-uid",
                                "job-name",
                                "batch.kubernetes.io/job-name")
                        .forEach(podLabels::remove);
                spec.getTemplate().getMetadata().setLabels(podLabels);
            }
        }
        if (spec.getTemplate().getMetadata() == null) {
            spec.getTemplate().setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        }
        Map<String, String> podLabels = new LinkedHashMap<>(
                spec.getTemplate().getMetadata().getLabels() == null
                        ? Map.of()
                        : spec.getTemplate().getMetadata().getLabels());
        podLabels.put(EXPERIMENT_LABEL, Long.toString(matrix));
        podLabels.put(VARIANT_LABEL, variant.slug());
        spec.getTemplate().getMetadata().setLabels(podLabels);
        Container c = spec.getTemplate().getSpec().getContainers().stream()
                .filter(x -> container.equals(x.getName()))
                .findFirst()
                .orElseThrow(() -> new MigLabException("The Job has no container '" + container + "'."));
        apply(c, variant);
        return job;
    }

    private static void apply(Container c, JobVariant v) {
        Resources r = v.resources();
        ResourceRequirements req = c.getResources() == null ? new ResourceRequirements() : c.getResources();
        Map<String, Quantity> requests = new LinkedHashMap<>(req.getRequests() == null ? Map.of() : req.getRequests());
        Map<String, Quantity> limits = new LinkedHashMap<>(req.getLimits() == null ? Map.of() : req.getLimits());
        if (!Double.isNaN(r.cpuRequest())) {
            requests.put("cpu", new Quantity(Resources.cpuQuantity(r.cpuRequest())));
        }
        if (r.memoryRequest() >= 0) {
            requests.put("memory", new Quantity(Resources.memoryQuantity(r.memoryRequest())));
        }
        if (!Double.isNaN(r.cpuLimit())) {
            limits.put("cpu", new Quantity(Resources.cpuQuantity(r.cpuLimit())));
        }
        if (r.memoryLimit() >= 0) {
            limits.put("memory", new Quantity(Resources.memoryQuantity(r.memoryLimit())));
        }
        req.setRequests(requests.isEmpty() ? null : requests);
        req.setLimits(limits.isEmpty() ? null : limits);
        c.setResources(req);
        if (!v.env().isEmpty()) {
            List<EnvVar> env = new ArrayList<>(c.getEnv() == null ? List.of() : c.getEnv());
            v.env().forEach((k, value) -> {
                env.removeIf(e -> k.equals(e.getName()));
                env.add(new EnvVar(k, value, null));
            });
            c.setEnv(env);
        }
        if (!v.args().isEmpty()) {
            c.setArgs(new ArrayList<>(v.args()));
        }
    }

    /** {@code <name>-<slug>-<n>}, the name cut so the whole is a DNS-1123 label of at most 63 characters. */
    static String jobName(String base, String slug, int repeat) {
        String suffix = "-" + slug + "-" + repeat;
        String b = base.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        if (b.length() > 63 - suffix.length()) {
            b = b.substring(0, 63 - suffix.length());
        }
        b = b.replaceAll("^-+|-+$", "");
        return (b.isEmpty() ? "job" : b) + suffix;
    }

    private static void delete(KubernetesClient client, String namespace, String name) {
        try {
            client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(namespace)
                    .withName(name)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                    .delete();
        } catch (KubernetesClientException e) {
            throw new MigLabException("Could not delete Job " + name + ": "
                    + explain(client, e, "delete", "jobs", namespace, name).getMessage()
                    + " Delete it with: kubectl delete job " + name + " -n " + namespace);
        }
    }

    private static void deleteQuietly(KubernetesClient client, String namespace, String name) {
        try {
            delete(client, namespace, name);
        } catch (RuntimeException ignored) {
            // The run's finally deletes it again and reports what went wrong.
        }
    }

    /** One line for an API error, in the style of {@code KubernetesMetricSource}: what failed and what to check. */
    static MigLabException explain(
            KubernetesClient client, KubernetesClientException e, String verb, String resource, String ns, String job) {
        if (KubeClients.isUnreachable(e)) {
            return new MigLabException(KubeClients.unreachable(client, e), e);
        }
        String message =
                switch (e.getCode()) {
                    case 403 -> "Forbidden: this user may not " + verb + " " + resource + " in namespace " + ns
                            + ". Check with: kubectl auth can-i " + verb + " " + resource + " -n " + ns
                            + "; a Role granting"
                            + " create, get, delete on jobs (apiGroup batch) and list on pods fixes it.";
                    case 401 -> "The API server refused the credentials of this kubeconfig context (401): log in again"
                            + " (kubectl get pods shows the same) and retry.";
                    case 404 -> "create".equals(verb)
                            ? "Namespace " + ns + " does not exist (404 creating Job " + job
                                    + "): kubectl get namespace " + ns
                            : "Job " + job + " is gone from namespace " + ns + " (404).";
                    case 409 -> "Job " + job + " already exists in namespace " + ns
                            + " (left by an earlier run?): delete it" + " with kubectl delete job " + job + " -n " + ns
                            + " and retry.";
                    case 422 -> "The API server refused Job " + job + " as invalid: " + KubeClients.statusLine(e);
                    default -> "The Kubernetes API answered " + e.getCode() + " to " + verb + " " + resource
                            + " in namespace " + ns + ": " + KubeClients.statusLine(e);
                };
        return new MigLabException(message, e);
    }

    private static void pause(long nanos, Cancellation cancellation) {
        CountDownLatch cancelled = new CountDownLatch(1);
        try (Cancellation.Registration r = cancellation.onCancel(cancelled::countDown)) {
            cancelled.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancellation.cancel();
        }
        cancellation.checkpoint();
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** Per variant: medians, spread, the bootstrap interval of the ratio to the fastest; ranked by median. */
    static List<VariantResult> summarize(
            JobExperimentRequest request, List<JobRun> runs, Map<String, List<PodSample>> samplesByVariant) {
        record Partial(JobVariant v, List<JobRun> runs, double[] seconds, double median) {}
        List<Partial> parts = new ArrayList<>();
        for (JobVariant v : request.variants()) {
            List<JobRun> mine =
                    runs.stream().filter(r -> r.variant().equals(v.label())).toList();
            double[] secs = mine.stream()
                    .filter(JobRun::succeeded)
                    .mapToDouble(r -> seconds(r.duration()))
                    .toArray();
            parts.add(new Partial(v, mine, secs, secs.length == 0 ? Double.NaN : Quantiles.of(0.5, secs)));
        }
        List<Partial> ranked = new ArrayList<>(parts);
        ranked.sort(Comparator.comparingDouble(p -> Double.isNaN(p.median()) ? Double.MAX_VALUE : p.median()));
        Partial fastest = ranked.isEmpty() || Double.isNaN(ranked.get(0).median()) ? null : ranked.get(0);
        List<VariantResult> out = new ArrayList<>();
        int rank = 0;
        for (Partial p : ranked) {
            rank++;
            double ratio = fastest == null || Double.isNaN(p.median()) ? Double.NaN : p.median() / fastest.median();
            double[] interval = p == fastest || fastest == null
                    ? new double[] {Double.NaN, Double.NaN}
                    : bootstrap(p.seconds(), fastest.seconds());
            List<PodSample> samples = samplesByVariant.getOrDefault(p.v().slug(), List.of()).stream()
                    .filter(s -> s.container().equals(request.container()))
                    .toList();
            long peak = samples.stream().mapToLong(PodSample::memoryBytes).max().orElse(-1);
            double p95 = Quantiles.of(
                    0.95, samples.stream().mapToDouble(PodSample::cpuMillicores).toArray());
            List<String> failures = p.runs().stream()
                    .filter(r -> !r.succeeded())
                    .map(r -> "run " + r.repeat() + ": " + r.failure().reason() + " (" + r.failureMessage() + ")")
                    .toList();
            out.add(new VariantResult(
                    p.v(),
                    rank,
                    p.runs(),
                    p.runs().stream()
                            .filter(JobRun::succeeded)
                            .map(JobRun::duration)
                            .toList(),
                    Double.isNaN(p.median()) ? null : Duration.ofNanos(Math.round(p.median() * 1e9)),
                    p.seconds().length == 0 ? null : Duration.ofNanos(Math.round(min(p.seconds()) * 1e9)),
                    p.seconds().length == 0 ? null : Duration.ofNanos(Math.round(Quantiles.max(p.seconds()) * 1e9)),
                    ratio,
                    interval[0],
                    interval[1],
                    peak,
                    p95,
                    failures));
        }
        return out;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    /** The 95 % percentile-bootstrap interval of median(a) / median(b); NaNs below 2 values on either side. */
    static double[] bootstrap(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        Random random = new Random(20261202L);
        double[] ratios = new double[BOOTSTRAP];
        double[] ra = new double[a.length];
        double[] rb = new double[b.length];
        for (int i = 0; i < BOOTSTRAP; i++) {
            for (int j = 0; j < a.length; j++) {
                ra[j] = a[random.nextInt(a.length)];
            }
            for (int j = 0; j < b.length; j++) {
                rb[j] = b[random.nextInt(b.length)];
            }
            ratios[i] = Quantiles.of(0.5, ra) / Quantiles.of(0.5, rb);
        }
        return new double[] {Quantiles.of(0.025, ratios), Quantiles.of(0.975, ratios)};
    }
}
