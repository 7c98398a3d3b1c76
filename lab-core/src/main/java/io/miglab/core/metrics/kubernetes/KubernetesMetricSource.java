package io.miglab.core.metrics.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.miglab.core.MigLabException;
import io.miglab.core.metrics.ContainerUsage;
import io.miglab.core.metrics.MetricSource;
import io.miglab.core.metrics.MetricsSnapshot;
import io.miglab.core.metrics.MetricsUnavailableException;
import io.miglab.core.metrics.MetricsUnavailableException.Problem;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pod and container usage from the metrics API (metrics.k8s.io, what {@code kubectl top pod --containers} reads),
 * joined with the pods' specs for requests and limits and their status for restarts and OOM kills, through the
 * fabric8 client and the user's kubeconfig.
 */
public final class KubernetesMetricSource implements MetricSource {
    private final KubernetesClient client;
    private final KubernetesQuery query;
    private final String namespace;
    private final Clock clock;

    KubernetesMetricSource(KubernetesClient client, KubernetesQuery query, Clock clock) {
        this.client = client;
        this.query = query;
        this.namespace = query.namespace() != null ? query.namespace() : defaultNamespace(client);
        this.clock = clock;
    }

    /** A source on the kubeconfig's context (KUBECONFIG, ~/.kube/config), or the one named. */
    public static KubernetesMetricSource open(KubernetesQuery query) {
        return new KubernetesMetricSource(
                KubeClients.open(query.context(), Duration.ofSeconds(10)), query, Clock.systemUTC());
    }

    /** For tests and callers that already hold a client (the mock API server's). */
    public static KubernetesMetricSource on(KubernetesClient client, KubernetesQuery query) {
        return new KubernetesMetricSource(client, query, Clock.systemUTC());
    }

    private static String defaultNamespace(KubernetesClient client) {
        String ns = client.getNamespace();
        return ns == null || ns.isBlank() ? "default" : ns;
    }

    @Override
    public String describe() {
        String context = query.context() != null
                ? query.context()
                : client.getConfiguration().getCurrentContext() == null
                        ? client.getMasterUrl().toString()
                        : client.getConfiguration().getCurrentContext().getName();
        return "context " + context + ", namespace " + namespace
                + (query.selector().isEmpty() ? "" : ", " + KubernetesQuery.selectorText(query.selector()));
    }

    @Override
    public MetricsSnapshot poll() {
        Instant now = clock.instant();
        List<PodMetrics> metrics;
        List<Pod> pods;
        try {
            var podMetrics = client.top().pods().inNamespace(namespace);
            metrics = (query.selector().isEmpty() ? podMetrics : podMetrics.withLabels(query.selector()))
                    .metrics()
                    .getItems();
        } catch (KubernetesClientException e) {
            throw explain(e, true);
        }
        try {
            var listed = client.pods().inNamespace(namespace);
            pods = (query.selector().isEmpty() ? listed : listed.withLabels(query.selector()))
                    .list()
                    .getItems();
        } catch (KubernetesClientException e) {
            throw explain(e, false);
        }
        Map<String, Pod> byName = new HashMap<>();
        pods.forEach(p -> byName.put(p.getMetadata().getName(), p));
        List<ContainerUsage> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (PodMetrics pm : metrics) {
            String podName = pm.getMetadata().getName();
            Pod pod = byName.get(podName);
            Instant at = parse(pm.getTimestamp(), now);
            Duration window = pm.getWindow() == null ? null : pm.getWindow().getDuration();
            for (ContainerMetrics cm : pm.getContainers()) {
                Map<String, Quantity> usage = cm.getUsage() == null ? Map.of() : cm.getUsage();
                ResourceRequirements spec = containerResources(pod, cm.getName());
                ContainerStatus status = containerStatus(pod, cm.getName());
                out.add(new ContainerUsage(
                        at,
                        window,
                        namespace,
                        podName,
                        cm.getName(),
                        millicores(usage.get("cpu")),
                        bytes(usage.get("memory")),
                        millicores(get(spec == null ? null : spec.getRequests(), "cpu")),
                        millicores(get(spec == null ? null : spec.getLimits(), "cpu")),
                        bytes(get(spec == null ? null : spec.getRequests(), "memory")),
                        bytes(get(spec == null ? null : spec.getLimits(), "memory")),
                        status == null || status.getRestartCount() == null ? 0 : status.getRestartCount(),
                        lastTermination(status)));
            }
        }
        // Pods the API lists but metrics-server has not measured yet (just started, or finished).
        Map<String, Boolean> measured = new LinkedHashMap<>();
        metrics.forEach(m -> measured.put(m.getMetadata().getName(), true));
        for (Pod p : pods) {
            if (!measured.containsKey(p.getMetadata().getName())) {
                String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
                notes.add("Pod " + p.getMetadata().getName() + (phase == null ? "" : " (" + phase + ")")
                        + " has no metrics yet: metrics-server measures running pods about every 15 s.");
            }
        }
        if (metrics.isEmpty() && pods.isEmpty()) {
            notes.add("No pods in namespace " + namespace
                    + (query.selector().isEmpty() ? "" : " match " + KubernetesQuery.selectorText(query.selector()))
                    + ".");
        }
        return new MetricsSnapshot(describe(), now, out, notes);
    }

    private MetricsUnavailableException explain(KubernetesClientException e, boolean metricsApi) {
        String what = metricsApi ? "pods.metrics.k8s.io" : "pods";
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e.getCode() == 404 && metricsApi) {
            return new MetricsUnavailableException(
                    Problem.NO_METRICS_SERVER,
                    "The cluster serves no metrics API (metrics.k8s.io): metrics-server is not installed or not ready."
                            + " Install it (kubectl apply -f https://github.com/kubernetes-sigs/metrics-server/releases/"
                            + "latest/download/components.yaml) and retry; kubectl top needs it too.",
                    e);
        }
        if (e.getCode() == 403) {
            return new MetricsUnavailableException(
                    Problem.FORBIDDEN,
                    "Forbidden: this user may not list " + what + " in namespace " + namespace + ". Check with: kubectl"
                            + " auth can-i list " + what + " -n " + namespace + "; a Role granting get/list on pods"
                            + (metricsApi ? " (apiGroup metrics.k8s.io)" : "") + " fixes it.",
                    e);
        }
        if (e.getCode() == 401) {
            return new MetricsUnavailableException(
                    Problem.UNAUTHORIZED,
                    "The API server refused the credentials of this kubeconfig context (401): log in again"
                            + " (kubectl get pods shows the same) and retry.",
                    e);
        }
        if (e.getCode() == 0
                || root instanceof ConnectException
                || root instanceof UnknownHostException
                || root instanceof IOException) {
            return new MetricsUnavailableException(
                    Problem.UNREACHABLE,
                    "Cannot reach the Kubernetes API server at " + client.getMasterUrl() + ": "
                            + (root instanceof UnknownHostException
                                    ? "unknown host " + root.getMessage()
                                    : root.getMessage() == null
                                            ? root.getClass().getSimpleName()
                                            : root.getMessage())
                            + ". Check the context (kubectl config current-context), the VPN, and retry.",
                    e);
        }
        return new MetricsUnavailableException(
                Problem.OTHER,
                "The Kubernetes API answered " + e.getCode() + " listing " + what + ": " + e.getMessage(),
                e);
    }

    private static Instant parse(String timestamp, Instant fallback) {
        if (timestamp == null) {
            return fallback;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    private static ResourceRequirements containerResources(Pod pod, String container) {
        if (pod == null || pod.getSpec() == null || pod.getSpec().getContainers() == null) {
            return null;
        }
        return pod.getSpec().getContainers().stream()
                .filter(c -> container.equals(c.getName()))
                .map(io.fabric8.kubernetes.api.model.Container::getResources)
                .findFirst()
                .orElse(null);
    }

    private static ContainerStatus containerStatus(Pod pod, String container) {
        if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(s -> container.equals(s.getName()))
                .findFirst()
                .orElse(null);
    }

    private static String lastTermination(ContainerStatus s) {
        if (s == null || s.getLastState() == null || s.getLastState().getTerminated() == null) {
            return null;
        }
        return s.getLastState().getTerminated().getReason();
    }

    private static Quantity get(Map<String, Quantity> map, String key) {
        return map == null ? null : map.get(key);
    }

    static double millicores(Quantity q) {
        if (q == null) {
            return Double.NaN;
        }
        try {
            return q.getNumericalAmount().doubleValue() * 1000;
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new MigLabException("Unreadable CPU quantity '" + q + "' from the cluster.");
        }
    }

    static long bytes(Quantity q) {
        if (q == null) {
            return -1;
        }
        try {
            return q.getNumericalAmount().longValue();
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new MigLabException("Unreadable memory quantity '" + q + "' from the cluster.");
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
