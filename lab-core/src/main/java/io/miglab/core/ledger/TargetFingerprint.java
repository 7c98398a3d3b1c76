package io.miglab.core.ledger;

/**
 * What an experiment ran against, so two experiments can be told apart or matched: the target's name, the server
 * version, a hash of the settings that differ from their defaults, and the dataset (for example {@code pagila@1}).
 * Any part may be null when it was not known.
 */
public record TargetFingerprint(String targetName, String serverVersion, String settingsHash, String dataset) {
    public static final TargetFingerprint NONE = new TargetFingerprint(null, null, null, null);
}
