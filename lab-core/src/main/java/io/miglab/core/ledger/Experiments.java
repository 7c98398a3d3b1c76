package io.miglab.core.ledger;

import java.util.List;
import java.util.Optional;

/**
 * The ledger's experiments as the Experiments page reads them: list and filter, open one, read its artifacts, delete
 * it. {@link Ledger} implements it; the page's view model takes only this, so its tests fake a dozen lines.
 */
public interface Experiments {

    /** Experiments, newest first, at most {@link ExperimentFilter#limit()} of them (0: all). */
    List<Experiment> list(ExperimentFilter filter);

    /** The kinds of experiment the ledger holds, sorted; for filters. */
    List<String> kinds();

    Optional<Experiment> find(long id);

    List<Artifact> artifacts(long experimentId);

    /** How the experiment relates to others ("14 proves 12"), from its own side first. */
    List<ExperimentLink> links(long experimentId);

    /** The bytes of an artifact. */
    byte[] artifactContent(long artifactId);

    /** Deletes an experiment with everything recorded for it; false when there was none. */
    boolean delete(long id);
}
