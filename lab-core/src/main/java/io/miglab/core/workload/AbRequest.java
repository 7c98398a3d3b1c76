package io.miglab.core.workload;

import io.miglab.core.MigLabException;
import io.miglab.core.Parameters;
import io.miglab.core.units.Durations;
import io.miglab.core.units.Ranges;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One A/B test: the workload, the two sides and how many rounds of each.
 *
 * @param database a database on the target's server, or null for the target's own
 * @param rounds measured rounds per side (4 to 100; 6 by default); each side also gets one uncounted first round
 * @param round how each round measures: passes or a duration, clients, warm-up, statement timeout
 * @param proves the experiment this run gives evidence for (an index build, a settings change), or null
 */
public record AbRequest(
        String target,
        String database,
        BaselineRequest.WorkloadSource workload,
        AbSide a,
        AbSide b,
        int rounds,
        BaselineOptions round,
        Long proves) {
    public static final int DEFAULT_ROUNDS = 6;
    public static final int MIN_ROUNDS = 4;
    public static final int MAX_ROUNDS = 100;

    public AbRequest {
        if (target == null || target.isBlank()) {
            throw new MigLabException("Choose the target to run the A/B test on.");
        }
        if (workload == null) {
            throw new MigLabException("Choose a workload for the A/B test.");
        }
        if (a == null || b == null) {
            throw new MigLabException("An A/B test needs both sides.");
        }
        Ranges.require(rounds, MIN_ROUNDS, MAX_ROUNDS, "The number of rounds");
        if (round == null) {
            round = defaultRound();
        }
        database = database == null || database.isBlank() ? null : database.strip();
    }

    /** A round as the CLI runs it by default: 20 passes after 2 uncounted ones, one client. */
    public static BaselineOptions defaultRound() {
        return BaselineOptions.defaults().withIterations(20).withWarmup(2).withStatStatements(false);
    }

    /** The same test as evidence for another experiment. */
    public AbRequest proving(long experimentId) {
        return new AbRequest(target, database, workload, a, b, rounds, round, experimentId);
    }

    /**
     * From a playbook step: {@code target}, {@code workload} (a file), {@code a-setup}, {@code b-setup}, and
     * optionally {@code database}, {@code rounds}, {@code iterations} (per round), {@code clients}, {@code
     * statement-timeout}.
     */
    public static AbRequest fromParameters(Parameters p) {
        p.allowOnly(
                "target",
                "database",
                "workload",
                "a-setup",
                "b-setup",
                "rounds",
                "iterations",
                "clients",
                "statement-timeout");
        BaselineOptions round = defaultRound()
                .withIterations(p.integer("iterations", 20, 1, 1_000_000))
                .withClients(p.integer("clients", 1, 1, BaselineOptions.MAX_CLIENTS))
                .withStatementTimeout(
                        p.duration("statement-timeout", Duration.ofSeconds(30), Durations.SHORTEST, Durations.LONGEST));
        return new AbRequest(
                p.required("target"),
                p.optional("database"),
                new BaselineRequest.WorkloadSource.File(Path.of(p.required("workload"))),
                AbSide.of("A", p.optional("a-setup")),
                AbSide.of("B", p.optional("b-setup")),
                p.integer("rounds", DEFAULT_ROUNDS, MIN_ROUNDS, MAX_ROUNDS),
                round,
                null);
    }

    /**
     * One side of the test.
     *
     * @param label what the side is, in reports ({@code "A: no index"}, {@code "B: idx_rental_inventory"})
     * @param setup SQL run before each of the side's rounds, as a script (several statements allowed); empty for
     *     none. It goes through the target's gate like any other statement.
     * @param restart restart the server after the setup, for settings of context postmaster (shared_buffers...);
     *     only a lab instance can be restarted by MigLab
     */
    public record AbSide(String label, String setup, boolean restart) {
        public AbSide {
            if (label == null || label.isBlank()) {
                throw new MigLabException("A side of an A/B test needs a label.");
            }
            setup = setup == null ? "" : setup.strip();
        }

        public static AbSide of(String label, String setup) {
            return new AbSide(label, setup, false);
        }

        /** The same side, restarting the lab instance after its setup. */
        public AbSide withRestart() {
            return new AbSide(label, setup, true);
        }

        public boolean hasSetup() {
            return !setup.isEmpty();
        }
    }

    /** The order of the measured rounds: A B B A A B B A ..., so a steady drift of the machine hits both alike. */
    public static List<Character> order(int rounds) {
        List<Character> order = new java.util.ArrayList<>();
        for (int pair = 0; pair < rounds; pair++) {
            boolean aFirst = pair % 2 == 0;
            order.add(aFirst ? 'A' : 'B');
            order.add(aFirst ? 'B' : 'A');
        }
        return List.copyOf(order);
    }
}
