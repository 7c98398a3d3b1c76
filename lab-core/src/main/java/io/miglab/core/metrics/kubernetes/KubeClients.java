package io.miglab.core.metrics.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.miglab.core.metrics.MetricsUnavailableException;
import io.miglab.core.metrics.MetricsUnavailableException.Problem;
import java.time.Duration;

/**
 * Clients on the user's kubeconfig (KUBECONFIG, ~/.kube/config, or the pod's service account), checked before the
 * first request: a context that is not there, or no kubeconfig at all, is one line saying what to do.
 */
public final class KubeClients {
    private KubeClients() {}

    /**
     * @param context a kubeconfig context, or null for the current one
     * @param requestTimeout how long one request may take
     */
    public static KubernetesClient open(String context, Duration requestTimeout) {
        Config config;
        try {
            config = Config.autoConfigure(context);
        } catch (RuntimeException e) {
            throw new MetricsUnavailableException(
                    Problem.CONFIGURATION,
                    "Cannot read the kubeconfig" + (context == null ? "" : " for context '" + context + "'") + ": "
                            + e.getMessage(),
                    e);
        }
        if (context != null
                && (config.getCurrentContext() == null
                        || !context.equals(config.getCurrentContext().getName()))) {
            throw new MetricsUnavailableException(
                    Problem.CONFIGURATION,
                    "There is no context '" + context + "' in the kubeconfig (KUBECONFIG or ~/.kube/config); list"
                            + " them with: kubectl config get-contexts",
                    null);
        }
        if (context == null && config.getCurrentContext() == null && System.getenv("KUBERNETES_SERVICE_HOST") == null) {
            throw new MetricsUnavailableException(
                    Problem.CONFIGURATION,
                    "No kubeconfig found (KUBECONFIG or ~/.kube/config) and MigLab is not running in a cluster: point"
                            + " KUBECONFIG at one, or pass --context.",
                    null);
        }
        config.setRequestTimeout((int) requestTimeout.toMillis());
        config.setConnectionTimeout(5_000);
        // One retry, not fabric8's ten with backoff: a person is waiting for the answer.
        config.setRequestRetryBackoffLimit(1);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * The line for an API server that cannot be reached: where MigLab tried, the root cause, and what to check.
     */
    public static String unreachable(KubernetesClient client, Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = root instanceof java.net.UnknownHostException
                ? "unknown host " + root.getMessage()
                : root.getMessage() == null
                        ? root.getClass().getSimpleName()
                        : root.getMessage().lines().findFirst().orElse("");
        return "Cannot reach the Kubernetes API server at " + client.getMasterUrl() + ": " + cause
                + ". Check the context (kubectl config current-context), the VPN, and retry.";
    }

    /** Whether the error is the API server out of reach rather than an answer from it. */
    public static boolean isUnreachable(io.fabric8.kubernetes.client.KubernetesClientException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e.getCode() == 0
                || root instanceof java.net.ConnectException
                || root instanceof java.net.UnknownHostException;
    }

    /** The first line of the API server's own message for an error (its Status), or of the client's. */
    public static String statusLine(io.fabric8.kubernetes.client.KubernetesClientException e) {
        String m = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                : e.getMessage();
        return m == null ? "no message" : m.lines().findFirst().orElse("");
    }
}
