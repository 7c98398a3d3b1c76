package io.miglab.app.targets;

import io.miglab.app.task.Errors;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.targets.ConnectionCheck;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.Target;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.targets.Targets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Add target" form: a URL and its parts (host, port, database, user, SSL mode) kept in step both ways, a
 * password for the test connection only, the kind, and Test before Save. Each part shows lab-core's own message
 * for what is wrong with it. The password lives in this object's memory while the form is open and is cleared when
 * it closes; it is never passed to the registry, so it never reaches the ledger.
 */
public final class AddTargetForm {
    static final Duration TEST_TIMEOUT = Duration.ofSeconds(5);

    /** The SSL modes offered, libpq's words; "prefer" is libpq's default. */
    public static final List<String> SSL_MODES = List.of("disable", "prefer", "require", "verify-ca", "verify-full");

    public static final String PASSWORD_HINT = "The password is used for the test connection only and is not"
            + " stored. Later connections read it from ~/.pgpass or PGPASSWORD, as psql does.";

    private final Targets targets;
    private final TaskRunner runner;
    /** Called on the UI thread after a save: the target, and the successful test or null. */
    private final BiConsumer<Target, ConnectionCheck> onSaved;

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty(Integer.toString(ConnectionSpec.DEFAULT_PORT));
    private final StringProperty database = new SimpleStringProperty("");
    private final StringProperty user = new SimpleStringProperty("");
    private final StringProperty sslMode = new SimpleStringProperty("prefer");
    private final StringProperty password = new SimpleStringProperty("");
    private final ObjectProperty<TargetRole> role = new SimpleObjectProperty<>(TargetRole.GUARDED);

    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper urlError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper hostError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper portError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper databaseError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ConnectionCheck> testResult = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(false);
    /** The spec and kind the last successful test connected with; Save needs the form to still say the same. */
    private final ReadOnlyObjectWrapper<TestedAs> tested = new ReadOnlyObjectWrapper<>();

    private final BooleanBinding valid;
    private final BooleanBinding canSave;
    private boolean syncing;

    private record TestedAs(ConnectionSpec spec, TargetRole role) {}

    public AddTargetForm(Targets targets, TaskRunner runner, BiConsumer<Target, ConnectionCheck> onSaved) {
        this.targets = targets;
        this.runner = runner;
        this.onSaved = onSaved;
        url.addListener((obs, old, now) -> {
            if (!syncing) {
                fromUrl(now);
            }
        });
        for (StringProperty part : List.of(host, port, database, user, sslMode)) {
            part.addListener((obs, old, now) -> {
                if (!syncing) {
                    fromParts();
                }
            });
        }
        name.addListener((obs, old, now) -> nameError.set(""));
        valid = Bindings.createBooleanBinding(
                () -> !name.get().isBlank()
                        && urlError.get().isEmpty()
                        && hostError.get().isEmpty()
                        && portError.get().isEmpty()
                        && databaseError.get().isEmpty()
                        && !host.get().isBlank()
                        && !database.get().isEmpty(),
                name,
                urlError,
                hostError,
                portError,
                databaseError,
                host,
                database);
        canSave = Bindings.createBooleanBinding(
                () -> valid.get()
                        && !testing.get()
                        && tested.get() != null
                        && tested.get().equals(new TestedAs(spec().orElse(null), role.get())),
                valid,
                testing,
                tested,
                role,
                host,
                port,
                database,
                user,
                sslMode);
    }

    // ---- fields --------------------------------------------------------------------------------------------

    public StringProperty nameProperty() {
        return name;
    }

    /** A JDBC or libpq URL; typing one fills the parts, editing a part rewrites it. */
    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty databaseProperty() {
        return database;
    }

    /** Empty means the operating-system user, as libpq does. */
    public StringProperty userProperty() {
        return user;
    }

    public StringProperty sslModeProperty() {
        return sslMode;
    }

    /** For the test connection only; never stored. */
    public StringProperty passwordProperty() {
        return password;
    }

    public ObjectProperty<TargetRole> roleProperty() {
        return role;
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty urlErrorProperty() {
        return urlError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hostErrorProperty() {
        return hostError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty portErrorProperty() {
        return portError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty databaseErrorProperty() {
        return databaseError.getReadOnlyProperty();
    }

    /** Something the user should know that is not an error (a password taken out of the URL). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The last test of this form's connection; null until one ran. */
    public ReadOnlyObjectProperty<ConnectionCheck> testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    /** Every part is well-formed: Test and "Save without test" can run. */
    public BooleanBinding validProperty() {
        return valid;
    }

    /** The connection as it is now passed a test: Save can run. */
    public BooleanBinding canSaveProperty() {
        return canSave;
    }

    // ---- commands ------------------------------------------------------------------------------------------

    /** Connects once with what the form says (and the typed password, if any), in the background. */
    public void test() {
        Optional<ConnectionSpec> spec = spec();
        if (spec.isEmpty() || testing.get()) {
            return;
        }
        TargetRole kind = role.get();
        String typed = password.get().isEmpty() ? null : password.get();
        String label = name.get().isBlank() ? "new target" : name.get().strip();
        testing.set(true);
        runner.submit(
                "Testing connection to " + spec.get().host() + ":" + spec.get().port(),
                (progress, cancel) ->
                        Errors.forPage(targets.tryConnection(label, spec.get(), kind, typed, TEST_TIMEOUT)),
                check -> {
                    testing.set(false);
                    testResult.set(check);
                    tested.set(check.ok() ? new TestedAs(spec.get(), kind) : null);
                },
                error -> {
                    testing.set(false);
                    tested.set(null);
                    testResult.set(new ConnectionCheck(
                            label, ConnectionCheck.Problem.OTHER, Errors.userMessage(error), null, null, false));
                });
    }

    /** Saves after a successful test of exactly this connection; does nothing otherwise. */
    public void save() {
        if (canSave.get()) {
            store(testResult.get());
        }
    }

    /** Saves without testing first: for a server that cannot be reached from here yet. */
    public void saveWithoutTest() {
        if (valid.get()) {
            store(null);
        }
    }

    /** Empties the form and forgets the password. */
    public void clear() {
        syncing = true;
        try {
            name.set("");
            url.set("");
            host.set("");
            port.set(Integer.toString(ConnectionSpec.DEFAULT_PORT));
            database.set("");
            user.set("");
            sslMode.set("prefer");
        } finally {
            syncing = false;
        }
        password.set("");
        role.set(TargetRole.GUARDED);
        for (ReadOnlyStringWrapper error : List.of(nameError, urlError, hostError, portError, databaseError, notice)) {
            error.set("");
        }
        testResult.set(null);
        tested.set(null);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void store(ConnectionCheck check) {
        ConnectionSpec spec = spec().orElseThrow();
        String targetName = name.get().strip();
        TargetRole kind = role.get();
        runner.submit(
                "Adding target '" + targetName + "'",
                (progress, cancel) -> targets.add(targetName, spec, kind),
                target -> {
                    clear();
                    onSaved.accept(target, check == null ? null : renamed(check, target.name()));
                },
                error -> nameError.set(Errors.userMessage(error)));
    }

    private static ConnectionCheck renamed(ConnectionCheck c, String name) {
        return new ConnectionCheck(
                name, c.problem(), c.message(), c.serverVersion(), c.latency(), c.readOnly(), c.capabilities());
    }

    /** The connection the parts describe, when every part is well-formed. */
    Optional<ConnectionSpec> spec() {
        if (!hostError.get().isEmpty()
                || !portError.get().isEmpty()
                || !databaseError.get().isEmpty()) {
            return Optional.empty();
        }
        try {
            String u = user.get().strip();
            return Optional.of(new ConnectionSpec(
                    host.get().strip(),
                    Integer.parseInt(port.get().strip()),
                    database.get(),
                    u.isEmpty() ? null : u,
                    sslMode.get() == null || sslMode.get().isEmpty() ? null : sslMode.get(),
                    Map.of()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void fromUrl(String text) {
        notice.set("");
        if (text == null || text.isBlank()) {
            urlError.set("");
            return;
        }
        try {
            ConnectionSpec.Parsed parsed = ConnectionSpec.parseUrl(text);
            ConnectionSpec spec = parsed.spec();
            if (!spec.options().isEmpty()) {
                urlError.set("This form keeps host, port, database, user and SSL mode; other connection options" + " ("
                        + String.join(", ", spec.options().keySet()) + ") are not kept.");
            } else {
                urlError.set("");
            }
            syncing = true;
            try {
                host.set(spec.host());
                port.set(Integer.toString(spec.port()));
                database.set(spec.database());
                user.set(spec.user() == null ? "" : spec.user());
                sslMode.set(spec.sslMode() == null ? "prefer" : spec.sslMode());
            } finally {
                syncing = false;
            }
            validateParts();
            if (parsed.passwordRemoved()) {
                notice.set("The password was taken out of the URL and is not stored; type it in the Password"
                        + " field to test with it.");
                syncing = true;
                try {
                    url.set(spec.jdbcUrl());
                } finally {
                    syncing = false;
                }
            }
        } catch (RuntimeException e) {
            urlError.set(Errors.userMessage(e));
        }
    }

    private void fromParts() {
        validateParts();
        urlError.set("");
        spec().ifPresent(spec -> {
            syncing = true;
            try {
                url.set(spec.jdbcUrl());
            } finally {
                syncing = false;
            }
        });
    }

    private void validateParts() {
        hostError.set(
                host.get().isBlank()
                        ? ""
                        : ConnectionSpec.hostProblem(host.get()).orElse(""));
        portError.set(ConnectionSpec.portProblem(port.get()).orElse(""));
        databaseError.set(
                database.get().isEmpty()
                        ? ""
                        : ConnectionSpec.databaseProblem(database.get()).orElse(""));
    }
}
