package io.miglab.core.sizing.jobs;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.miglab.core.MigLabException;

/**
 * A client on the user's kubeconfig, checked the way {@code KubernetesMetricSource.open} checks it (same messages),
 * with a longer request timeout: creating a Job can take a few seconds on a busy API server.
 */
final class JobClients {
    private JobClients() {}

    static KubernetesClient open(String context) {
        Config config;
        try {
            config = Config.autoConfigure(context);
        } catch (RuntimeException e) {
            throw new MigLabException("Cannot read the kubeconfig"
                    + (context == null ? "" : " for context '" + context + "'") + ": " + e.getMessage());
        }
        if (context != null
                && (config.getCurrentContext() == null
                        || !context.equals(config.getCurrentContext().getName()))) {
            throw new MigLabException("There is no context '" + context + "' in the kubeconfig (KUBECONFIG or"
                    + " ~/.kube/config); list them with: kubectl config get-contexts");
        }
        if (context == null && config.getCurrentContext() == null && System.getenv("KUBERNETES_SERVICE_HOST") == null) {
            throw new MigLabException("No kubeconfig found (KUBECONFIG or ~/.kube/config) and MigLab is not running in"
                    + " a cluster: point KUBECONFIG at one, or pass --context.");
        }
        config.setRequestTimeout(20_000);
        config.setConnectionTimeout(5_000);
        config.setRequestRetryBackoffLimit(1);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
