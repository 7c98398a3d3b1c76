package io.miglab.app.cli;

import io.miglab.core.MigLabException;
import io.miglab.core.ledger.Artifact;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.Measurement;
import io.miglab.core.units.Durations;
import io.miglab.core.units.Ranges;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code miglab experiments ...}: the ledger. */
@Command(
        name = "experiments",
        description = "List, show and delete experiments in the ledger.",
        subcommands = {
            ExperimentsCommand.ListExperiments.class,
            ExperimentsCommand.Show.class,
            ExperimentsCommand.Delete.class
        })
final class ExperimentsCommand {
    @ParentCommand
    MigLabCommand root;

    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        ExperimentsCommand parent;

        CliContext context() {
            return parent.root.context();
        }

        Ledger ledger() {
            return context().workspace().ledger();
        }
    }

    @Command(
            name = "list",
            description = "List experiments, newest first: the newest " + ListExperiments.PAGE
                    + " unless --limit or --all says otherwise.")
    static final class ListExperiments extends Sub {
        static final int PAGE = 50;
        static final int MAX_LIMIT = 100_000;

        @Option(names = "--kind", description = "Only this kind (baseline, explain, inventory, ...).")
        String kind;

        @Option(names = "--status", description = "Only this status: ${COMPLETION-CANDIDATES}.")
        ExperimentStatus status;

        @Option(names = "--target", description = "Only experiments on this target.")
        String target;

        @Option(names = "--search", description = "Text in the title, kind, target or tags.")
        String search;

        @ArgGroup(exclusive = true)
        Paging paging;

        static final class Paging {
            @Option(names = "--limit", paramLabel = "N", description = "The newest N (default " + PAGE + ").")
            Integer limit;

            @Option(names = "--all", description = "Every experiment that matches.")
            boolean all;
        }

        @Override
        public Integer call() {
            CliContext c = context();
            int limit = paging == null || paging.limit == null ? PAGE : paging.limit;
            if (paging != null && paging.limit != null) {
                Ranges.require(paging.limit, 1, MAX_LIMIT, "--limit");
            }
            if (paging != null && paging.all) {
                limit = 0;
            }
            ExperimentFilter filter = new ExperimentFilter(kind, status, target, search, limit);
            List<Experiment> experiments = ledger().list(filter);
            long total = limit > 0 && experiments.size() == limit ? ledger().count(filter) : experiments.size();
            String more = total > experiments.size()
                    ? "Showing the newest " + experiments.size() + " of " + total + " experiments; --limit N or --all"
                            + " shows more."
                    : null;
            if (c.json()) {
                c.printJson(experiments);
                if (more != null) {
                    c.err().println(more);
                }
                return Cli.OK;
            }
            TextTable table = new TextTable("id", "kind", "title", "target", "status", "started", "duration");
            for (Experiment e : experiments) {
                table.row(
                        e.id(),
                        e.kind(),
                        e.title(),
                        e.target().targetName(),
                        e.status().label(),
                        WHEN.format(e.startedAt()),
                        e.duration() == null ? "-" : Durations.format(e.duration()));
            }
            table.print(c.out());
            if (more != null) {
                c.out().println(more);
            }
            return Cli.OK;
        }
    }

    @Command(name = "show", description = "Show one experiment with its measurements and artifacts.")
    static final class Show extends Sub {
        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            CliContext c = context();
            Experiment e = ledger().find(id).orElseThrow(() -> missing(id));
            List<Artifact> artifacts = ledger().artifacts(id);
            if (c.json()) {
                var node = io.miglab.core.Json.mapper().<com.fasterxml.jackson.databind.node.ObjectNode>valueToTree(e);
                node.set("artifacts", io.miglab.core.Json.mapper().valueToTree(artifacts));
                c.printJson(node);
                return Cli.OK;
            }
            var out = c.out();
            out.println("Experiment " + e.id() + ": " + e.title());
            out.println("  kind:     " + e.kind());
            out.println("  status:   " + e.status().label() + (e.error() == null ? "" : " (" + e.error() + ")"));
            out.println("  target:   " + nullToDash(e.target().targetName()) + "  version "
                    + nullToDash(e.target().serverVersion()) + "  settings "
                    + nullToDash(e.target().settingsHash())
                    + "  dataset " + nullToDash(e.target().dataset()));
            out.println("  started:  " + WHEN.format(e.startedAt()));
            out.println("  ended:    " + (e.endedAt() == null ? "-" : e.endedAt()) + "  ("
                    + (e.duration() == null ? "-" : Durations.format(e.duration())) + ")");
            out.println("  tags:     " + (e.tags().isEmpty() ? "-" : String.join(", ", e.tags())));
            out.println("  params:   " + e.parameters());
            if (!e.notes().isBlank()) {
                out.println("  notes:    " + e.notes());
            }
            if (!e.measurements().isEmpty()) {
                out.println("Measurements:");
                for (Measurement m : e.measurements()) {
                    out.printf("  %-32s %14.3f %s%n", m.name(), m.value(), m.unit());
                }
            }
            if (!artifacts.isEmpty()) {
                out.println("Artifacts:");
                for (Artifact a : artifacts) {
                    out.printf(
                            "  #%-5d %-32s %-24s %,d bytes%s%n",
                            a.id(), a.name(), a.mediaType(), a.sizeBytes(), a.storedInLedger() ? "" : "  " + a.path());
                }
            }
            return Cli.OK;
        }
    }

    @Command(name = "delete", description = "Delete an experiment with its measurements and artifacts.")
    static final class Delete extends Sub {
        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            if (!ledger().delete(id)) {
                throw missing(id);
            }
            context().err().println("Deleted experiment " + id + ".");
            if (context().json()) {
                context()
                        .printJson(
                                io.miglab.core.Json.mapper().createObjectNode().put("deleted", id));
            }
            return Cli.OK;
        }
    }

    /** Local time to the second: what people read in a terminal. */
    static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss")
            .withZone(java.time.ZoneId.systemDefault());

    static MigLabException missing(long id) {
        return new MigLabException(
                "There is no experiment " + id + " in the ledger.", "List them with: miglab experiments list", null);
    }

    private static String nullToDash(String s) {
        return s == null ? "-" : s;
    }
}
