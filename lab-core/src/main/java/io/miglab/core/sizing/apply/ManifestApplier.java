package io.miglab.core.sizing.apply;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.miglab.core.MigLabException;
import io.miglab.core.TextFiles;
import io.miglab.core.metrics.kubernetes.KubeClients;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies a patched manifest through the Kubernetes client: each object is created when absent; one that exists has
 * only its containers' resources patched (a JSON patch from the live object, so what others set stays), or, for a
 * kind without a pod template, a server-side apply owning only the fields the file sets. A Job that already exists is
 * refused before anything is sent, because its pod template cannot change: the cluster would answer 422.
 */
public final class ManifestApplier {
    /** The field manager the cluster records for what MigLab applied ({@code kubectl get -o yaml --show-managed-fields}). */
    public static final String FIELD_MANAGER = "miglab";

    private final Function<String, KubernetesClient> clients;

    /** @param clients a client for a kubeconfig context (null: the current one) */
    public ManifestApplier(Function<String, KubernetesClient> clients) {
        this.clients = clients;
    }

    /** What would be applied where: for the confirmation a person gives before {@link #apply}. */
    public Plan plan(Path manifest, String context, String namespace) {
        try (KubernetesClient client = clients.apply(context)) {
            List<HasMetadata> items = read(client, manifest);
            List<String> objects = new ArrayList<>();
            for (HasMetadata item : items) {
                objects.add(describe(item, namespaceOf(client, item, namespace)));
            }
            return new Plan(manifest, context == null ? currentContext(client) : context, objects);
        }
    }

    /** Creates or server-side applies every object in the file; stops at the first the cluster refuses. */
    public Applied apply(Path manifest, String context, String namespace) {
        try (KubernetesClient client = clients.apply(context)) {
            List<HasMetadata> items = read(client, manifest);
            List<String> done = new ArrayList<>();
            for (HasMetadata item : items) {
                String ns = namespaceOf(client, item, namespace);
                String name = describe(item, ns);
                try {
                    HasMetadata existing = client.resource(item).inNamespace(ns).get();
                    if (existing != null && "Job".equals(item.getKind())) {
                        throw new MigLabException(name + " already exists, and a Job's pod template cannot change:"
                                + " delete it first (kubectl delete job "
                                + item.getMetadata().getName() + " -n " + ns
                                + ") or give the sized Job a new name, then apply again.");
                    }
                    item.getMetadata().setNamespace(ns);
                    if (existing == null) {
                        client.resource(item).inNamespace(ns).create();
                    } else if (podSpec(existing) != null && podSpec(item) != null) {
                        // A JSON patch of the resources alone, computed from the live object: what the cluster or
                        // other tools set (replicas an autoscaler chose, defaults) stays as it is.
                        client.resource(existing).edit(live -> withResourcesOf(item, live));
                    } else {
                        client.resource(item)
                                .inNamespace(ns)
                                .fieldManager(FIELD_MANAGER)
                                .forceConflicts()
                                .serverSideApply();
                    }
                    done.add(name + (existing == null ? " created" : " configured"));
                } catch (KubernetesClientException e) {
                    throw explain(client, e, name, ns, done);
                }
            }
            return new Applied(manifest, context == null ? currentContext(client) : context, done);
        }
    }

    /** {@code live} with each container's resources taken from {@code file}'s container of the same name. */
    private static HasMetadata withResourcesOf(HasMetadata file, HasMetadata live) {
        Map<String, Container> sized = new HashMap<>();
        for (Container c : containers(podSpec(file))) {
            sized.put(c.getName(), c);
        }
        for (Container c : containers(podSpec(live))) {
            Container s = sized.get(c.getName());
            if (s != null) {
                c.setResources(s.getResources());
            }
        }
        return live;
    }

    private static List<Container> containers(PodSpec spec) {
        List<Container> all = new ArrayList<>();
        if (spec.getInitContainers() != null) {
            all.addAll(spec.getInitContainers());
        }
        if (spec.getContainers() != null) {
            all.addAll(spec.getContainers());
        }
        return all;
    }

    /** The pod template's spec of the kinds MigLab sizes, or null for any other kind. */
    private static PodSpec podSpec(HasMetadata o) {
        PodTemplateSpec template = null;
        if (o instanceof Deployment d && d.getSpec() != null) {
            template = d.getSpec().getTemplate();
        } else if (o instanceof StatefulSet s && s.getSpec() != null) {
            template = s.getSpec().getTemplate();
        } else if (o instanceof DaemonSet d && d.getSpec() != null) {
            template = d.getSpec().getTemplate();
        } else if (o instanceof Job j && j.getSpec() != null) {
            template = j.getSpec().getTemplate();
        } else if (o instanceof CronJob c
                && c.getSpec() != null
                && c.getSpec().getJobTemplate() != null
                && c.getSpec().getJobTemplate().getSpec() != null) {
            template = c.getSpec().getJobTemplate().getSpec().getTemplate();
        } else if (o instanceof Pod p) {
            return p.getSpec();
        }
        return template == null ? null : template.getSpec();
    }

    private static List<HasMetadata> read(KubernetesClient client, Path manifest) {
        String text = TextFiles.read(manifest, TextFiles.DEFAULT_MAX_BYTES, "the manifest");
        List<HasMetadata> items;
        try {
            items = client.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
                    .items();
        } catch (RuntimeException e) {
            throw new MigLabException(manifest.getFileName() + " is not a Kubernetes manifest the client can read: "
                    + firstLine(e.getMessage()));
        }
        if (items == null || items.isEmpty()) {
            throw new MigLabException(manifest.getFileName() + " holds no Kubernetes object to apply.");
        }
        for (HasMetadata item : items) {
            if (item.getMetadata() == null || item.getMetadata().getName() == null) {
                throw new MigLabException(
                        manifest.getFileName() + ": a " + item.getKind() + " without metadata.name cannot be applied.");
            }
        }
        return items;
    }

    private static String namespaceOf(KubernetesClient client, HasMetadata item, String namespace) {
        if (namespace != null) {
            return namespace;
        }
        if (item.getMetadata().getNamespace() != null) {
            return item.getMetadata().getNamespace();
        }
        return client.getNamespace() == null ? "default" : client.getNamespace();
    }

    private static String describe(HasMetadata item, String namespace) {
        return item.getKind() + "/" + item.getMetadata().getName() + " in namespace " + namespace;
    }

    private static String currentContext(KubernetesClient client) {
        var context = client.getConfiguration().getCurrentContext();
        return context == null ? client.getMasterUrl().toString() : context.getName();
    }

    private static MigLabException explain(
            KubernetesClient client, KubernetesClientException e, String object, String ns, List<String> done) {
        String already = done.isEmpty() ? "" : " (already applied: " + String.join(", ", done) + ")";
        if (KubeClients.isUnreachable(e)) {
            return new MigLabException(KubeClients.unreachable(client, e) + already, e);
        }
        String message =
                switch (e.getCode()) {
                    case 401 -> "The API server refused this kubeconfig context's credentials (401) applying " + object
                            + ": log in again and retry";
                    case 403 -> "Forbidden: this user may not apply " + object + ". Check with: kubectl auth can-i"
                            + " patch "
                            + object.substring(0, object.indexOf('/')).toLowerCase(java.util.Locale.ROOT)
                            + "s -n " + ns + "; create, get and patch on that kind fix it";
                    case 404 -> "Namespace " + ns + " does not exist (404 applying " + object + "): kubectl get"
                            + " namespace " + ns;
                    case 409 -> "Another field manager owns these fields of " + object + " (409): "
                            + KubeClients.statusLine(e);
                    case 422 -> "The API server refused " + object + " as invalid: " + KubeClients.statusLine(e);
                    default -> "The Kubernetes API answered " + e.getCode() + " applying " + object + ": "
                            + KubeClients.statusLine(e);
                };
        return new MigLabException(message + already + ".", e);
    }

    private static String firstLine(String m) {
        return m == null ? "no message" : m.lines().findFirst().orElse("");
    }

    /** @param objects {@code Kind/name in namespace N} for each object, in file order */
    public record Plan(Path manifest, String context, List<String> objects) {
        public Plan {
            objects = List.copyOf(objects);
        }
    }

    /** @param objects {@code Kind/name in namespace N created|configured}, in the order applied */
    public record Applied(Path manifest, String context, List<String> objects) {
        public Applied {
            objects = List.copyOf(objects);
        }
    }
}
