package io.miglab.app.targets;

import io.miglab.app.task.TaskRunner;
import io.miglab.core.targets.Targets;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The database every page works in, one choice for the whole app so it follows the user from page to page: the
 * databases of the current target, and the one chosen there. Switching targets brings back the database last used
 * on that target (remembered in the ledger), else the target's own; a choice is never silently reset to another.
 */
public final class DatabaseChoice {
    private final Targets targets;
    private final TaskRunner runner;
    private final ObservableStringValue currentTarget;
    private final ObservableList<String> databases = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper selected = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private long generation;

    public DatabaseChoice(Targets targets, TaskRunner runner, ObservableStringValue currentTarget) {
        this.targets = targets;
        this.runner = runner;
        this.currentTarget = currentTarget;
        currentTarget.addListener((obs, old, now) -> refresh());
    }

    /** The databases of the current target a session could connect to, by name. */
    public ObservableList<String> databases() {
        return databases;
    }

    /** The chosen database; null until the target's databases are known. */
    public ReadOnlyStringProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public String selected() {
        return selected.get();
    }

    /** Why the databases could not be listed, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Re-reads the databases of the current target, keeping the choice when it is still there. */
    public void refresh() {
        String target = currentTarget.get();
        long asked = ++generation;
        if (target == null || target.isBlank()) {
            databases.clear();
            selected.set(null);
            return;
        }
        String keep = selected.get();
        runner.submit(
                "Listing the databases of " + target,
                (progress, cancel) -> new Found(
                        targets.databases(target),
                        targets.lastDatabase(target).orElse(null),
                        targets.get(target).connection().database()),
                found -> {
                    if (asked != generation) {
                        return; // the target changed meanwhile; a newer answer is on its way
                    }
                    problem.set("");
                    databases.setAll(found.names());
                    selected.set(pick(found, keep));
                },
                error -> {
                    if (asked == generation) {
                        databases.clear();
                        problem.set(
                                error.getMessage() == null
                                        ? "The databases cannot be listed."
                                        : io.miglab.app.task.Errors.userMessage(error));
                    }
                });
    }

    /** The user chose {@code database}: it becomes the choice here and the one remembered for the target. */
    public void choose(String database) {
        String target = currentTarget.get();
        if (database == null || database.isBlank() || target == null) {
            return;
        }
        selected.set(database);
        if (!databases.contains(database)) {
            databases.add(database); // a database just created, say by a load
        }
        runner.submit(
                "Remembering the database",
                (progress, cancel) -> {
                    targets.rememberDatabase(target, database);
                    return database;
                },
                ok -> {},
                error -> {});
    }

    /** The current choice if the target still has it, else the one last used there, else the target's own. */
    private static String pick(Found found, String current) {
        for (String candidate : new String[] {current, found.last(), found.own()}) {
            if (candidate != null && found.names().contains(candidate)) {
                return candidate;
            }
        }
        return found.names().isEmpty() ? null : found.names().get(0);
    }

    private record Found(List<String> names, String last, String own) {}
}
