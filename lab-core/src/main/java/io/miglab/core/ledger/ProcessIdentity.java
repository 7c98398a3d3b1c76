package io.miglab.core.ledger;

/**
 * A process told apart from a later one that reuses its pid: the pid and the process's start time. Used to decide
 * whether the owner of a running experiment is still alive.
 */
record ProcessIdentity(long pid, String startedAt) {

    static ProcessIdentity current() {
        ProcessHandle self = ProcessHandle.current();
        return new ProcessIdentity(self.pid(), startOf(self));
    }

    boolean isAlive() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(handle -> startedAt == null || startedAt.equals(startOf(handle)))
                .orElse(false);
    }

    private static String startOf(ProcessHandle handle) {
        return handle.info().startInstant().map(Object::toString).orElse(null);
    }
}
