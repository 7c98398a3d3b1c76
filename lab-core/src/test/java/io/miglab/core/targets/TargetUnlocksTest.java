package io.miglab.core.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import io.miglab.core.testing.MachineServices;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unlocks belong to a target's identity, last at most a day, and every check asks the ledger again: the write
 * access a connector holds follows lock, expiry and removal at its next question.
 */
class TargetUnlocksTest {
    private static final String SERVICE_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    @TempDir
    Path home;

    Workspace workspace;
    MovableClock clock = new MovableClock(Instant.parse("2026-03-01T09:00:00Z"));
    TargetRegistry targets;

    @BeforeEach
    void open() {
        workspace = Workspace.open(new MigLabHome(home), System.getenv());
        targets = new TargetRegistry(workspace.ledger(), workspace.labInstances(), System.getenv(), clock);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void aTargetAddedUnderARemovedOnesNameInheritsNoUnlock() throws Exception {
        Target first = add("prod");
        targets.unlock("prod", "build an index", Duration.ofMinutes(30));
        TargetConnector before = targets.connector("prod");
        assertThat(before.writable()).isTrue();

        targets.remove("prod");
        assertThat(before.writable()).as("a connector of the removed target").isFalse();
        Target second = add("prod");

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(targets.activeUnlock("prod")).isEmpty();
        assertThat(targets.unlocks("prod")).isEmpty();
        assertThat(targets.connector("prod").writable()).isFalse();
        assertThat(before.writable()).isFalse();
        int unlockRows = workspace.ledger().withConnection(c -> {
            try (var st = c.createStatement();
                    var rs = st.executeQuery("SELECT count(*) FROM target_unlock")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(unlockRows).as("removing a target removes its unlocks").isZero();
    }

    @Test
    void theSameNameOnTheServerIsReadOnlyAgainAfterRemoveAndAdd() throws Exception {
        MachineServices.assumePostgres();
        add("service");
        targets.unlock("service", "try a write", Duration.ofMinutes(10));
        targets.remove("service");
        add("service");

        try (Connection c = targets.connector("service").open();
                Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("CREATE TEMP TABLE miglab_inherit_probe (id int)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Writes are locked on guarded target 'service'");
        }
    }

    @Test
    void lockStopsWritesAtTheNextCheckOfAConnectorAlreadyHandedOut() {
        add("prod");
        TargetConnector connector = targets.connector("prod");
        assertThat(connector.writable()).isFalse();

        targets.unlock("prod", "migrate", Duration.ofMinutes(20));
        assertThat(connector.writable()).isTrue();

        targets.lock("prod");
        assertThat(connector.writable()).isFalse();
        assertThat(targets.activeUnlock("prod")).isEmpty();
    }

    @Test
    void anUnlockEndsByItselfWhenItExpires() {
        add("prod");
        TargetConnector connector = targets.connector("prod");
        WriteUnlock unlock = targets.unlock("prod", "migrate", Duration.ofMinutes(5));
        assertThat(unlock.remainingInWords(clock.instant())).isEqualTo("5 min left");

        clock.advance(Duration.ofMinutes(4).plusSeconds(30));
        assertThat(connector.writable()).isTrue();
        assertThat(unlock.remainingInWords(clock.instant())).isEqualTo("1 min left");

        clock.advance(Duration.ofSeconds(30));
        assertThat(connector.writable()).isFalse();
        assertThat(targets.activeUnlock("prod")).isEmpty();
    }

    @Test
    void unlocksLastFromAMinuteToADay() {
        add("prod");
        WriteUnlock day = targets.unlock("prod", "long migration", TargetRegistry.MAX_UNLOCK);
        assertThat(day.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));

        for (Duration bad : new Duration[] {
            Duration.ofHours(24).plusMinutes(1), Duration.ZERO, Duration.ofSeconds(-5), Duration.ofDays(365_000_000)
        }) {
            assertThatThrownBy(() -> targets.unlock("prod", "too long", bad))
                    .isInstanceOf(MigLabException.class)
                    .hasMessage("An unlock lasts from 1 minute to 24 hours (1440 minutes).");
        }
        clock.advance(Duration.ofHours(23).plusMinutes(59));
        assertThat(targets.connector("prod").writable()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(targets.connector("prod").writable()).isFalse();
    }

    @Test
    void aRowEditedToOutlastADayGrantsNothing() {
        add("prod");
        targets.unlock("prod", "migrate", Duration.ofMinutes(5));
        workspace.ledger().withConnection(c -> {
            try (var st = c.createStatement()) {
                return st.executeUpdate("UPDATE target_unlock SET expires_at = '2999-01-01T00:00:00.000Z'");
            }
        });
        assertThat(targets.connector("prod").writable()).isFalse();
    }

    @Test
    void targetsBuiltByHandNeverGetAnUnlock() {
        Target byHand = new Target(
                "x", TargetRole.GUARDED, ConnectionSpec.parseUrl(SERVICE_URL).spec(), false);
        assertThat(byHand.id()).isEqualTo(Target.UNREGISTERED);
        assertThat(targets.activeUnlock(byHand)).isEmpty();
    }

    private Target add(String name) {
        return targets.add(name, ConnectionSpec.parseUrl(SERVICE_URL).spec(), TargetRole.GUARDED);
    }

    /** A clock the test moves by hand, so expiry is tested without waiting. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
