package io.miglab.app.task;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;

/** Background work in lab-core's shape: synchronous, reporting progress, honouring a cancel flag. */
@FunctionalInterface
public interface Work<T> {
    T run(ProgressListener progress, Cancellation cancellation) throws Exception;
}
