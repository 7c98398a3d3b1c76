package io.miglab.core.sizing.jobs;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.miglab.core.MigLabException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Run the Job of {@code manifest} once per variant and repeat, one run after another.
 *
 * @param manifest the user's Job manifest (YAML or JSON), one batch/v1 Job
 * @param where what to call the manifest in messages (its file name)
 * @param container the container the variants change
 * @param context a kubeconfig context, null for the current one
 * @param namespace null: the manifest's, else the context's
 * @param timeout per run; a run past it is deleted and counted as failed with {@link JobFailure#TIMEOUT}
 */
public record JobExperimentRequest(
        String manifest,
        String where,
        String container,
        List<JobVariant> variants,
        int repeats,
        String context,
        String namespace,
        Duration timeout) {
    static final int MAX_REPEATS = 10;
    static final int MAX_VARIANTS = 20;
    static final Duration MAX_TIMEOUT = Duration.ofHours(24);
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    public JobExperimentRequest {
        where = where == null || where.isBlank() ? "the manifest" : where;
        if (manifest == null || manifest.isBlank()) {
            throw new MigLabException(where + " is empty; it must hold one batch/v1 Job.");
        }
        if (container == null || container.isBlank()) {
            throw new MigLabException("Name the container the variants change (--container).");
        }
        container = container.strip();
        if (variants == null || variants.isEmpty()) {
            throw new MigLabException("Give at least one --variant (label, or label:cpu=500m,env.GOMAXPROCS=3).");
        }
        variants = List.copyOf(variants);
        if (variants.size() > MAX_VARIANTS) {
            throw new MigLabException("At most " + MAX_VARIANTS + " variants, not " + variants.size() + ".");
        }
        Set<String> slugs = new HashSet<>();
        for (JobVariant v : variants) {
            if (!slugs.add(v.slug())) {
                throw new MigLabException("Two variants share the name '" + v.slug() + "'; give each its own label.");
            }
        }
        if (repeats < 1 || repeats > MAX_REPEATS) {
            throw new MigLabException("--repeats must be from 1 to " + MAX_REPEATS + ", not " + repeats + ".");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new MigLabException("The timeout per run must be more than 0 and at most 24 h.");
        }
        context = context == null || context.isBlank() ? null : context.strip();
        namespace = namespace == null || namespace.isBlank() ? null : namespace.strip();
        if (namespace != null && !NAMESPACE.matcher(namespace).matches()) {
            throw new MigLabException("'" + namespace + "' is not a namespace name (lower-case letters, digits and '-',"
                    + " at most 63).");
        }
        Job job = job(manifest, where);
        List<Container> containers = job.getSpec() == null
                        || job.getSpec().getTemplate() == null
                        || job.getSpec().getTemplate().getSpec() == null
                        || job.getSpec().getTemplate().getSpec().getContainers() == null
                ? List.of()
                : job.getSpec().getTemplate().getSpec().getContainers();
        String wanted = container;
        if (containers.stream().noneMatch(c -> wanted.equals(c.getName()))) {
            throw new MigLabException(where + " has no container '" + container + "'"
                    + (containers.isEmpty()
                            ? "."
                            : "; its containers: "
                                    + String.join(
                                            ", ",
                                            containers.stream()
                                                    .map(Container::getName)
                                                    .toList()) + "."));
        }
    }

    /** A YAML syntax error with its line and column, as {@code ManifestPatcher} reports it. */
    private static void checkYaml(String manifest, String where) {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setMaxAliasesForCollections(20);
        try {
            for (var ignored : new org.yaml.snakeyaml.Yaml(options).composeAll(new java.io.StringReader(manifest))) {
                // Composing is the check.
            }
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            var m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new MigLabException(where + (m == null ? "" : ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
                    + ": not valid YAML: " + e.getProblem() + ".");
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new MigLabException(where + ": not valid YAML: " + e.getMessage());
        }
    }

    /** The manifest as a fabric8 Job, or a one-line refusal naming what it holds instead. */
    static Job job(String manifest, String where) {
        checkYaml(manifest, where);
        Object parsed;
        try {
            parsed = new KubernetesSerialization().unmarshal(manifest);
        } catch (RuntimeException e) {
            String m = e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("");
            throw new MigLabException(where + " is not a Kubernetes manifest: " + m);
        }
        if (parsed instanceof List<?> list) {
            if (list.size() != 1) {
                throw new MigLabException(where + " holds " + list.size() + " documents; give it one batch/v1 Job.");
            }
            parsed = list.get(0);
        }
        if (parsed instanceof Job job && "batch/v1".equals(job.getApiVersion())) {
            if (job.getMetadata() == null
                    || ((job.getMetadata().getName() == null
                                    || job.getMetadata().getName().isBlank())
                            && (job.getMetadata().getGenerateName() == null
                                    || job.getMetadata().getGenerateName().isBlank()))) {
                throw new MigLabException(where + ": the Job has no metadata.name.");
            }
            return job;
        }
        if (parsed instanceof io.fabric8.kubernetes.api.model.runtime.RawExtension) {
            throw new MigLabException(where + " is not a batch/v1 Job (it has no apiVersion and kind).");
        }
        String kind = parsed instanceof io.fabric8.kubernetes.api.model.HasMetadata h
                ? h.getApiVersion() + " " + h.getKind()
                : parsed == null ? "nothing" : parsed.getClass().getSimpleName();
        throw new MigLabException(where + " is not a batch/v1 Job (it holds " + kind + ").");
    }
}
