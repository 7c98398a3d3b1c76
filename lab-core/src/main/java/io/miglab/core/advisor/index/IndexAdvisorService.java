package io.miglab.core.advisor.index;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Artifact;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentLink;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.plan.PlanFields;
import io.miglab.core.plan.capture.CapturedPlan;
import io.miglab.core.plan.capture.ExplainOptions;
import io.miglab.core.plan.capture.PlanCapturer;
import io.miglab.core.sql.SqlStatements;
import io.miglab.core.sql.StatementClassifier;
import io.miglab.core.targets.ServerFingerprint;
import io.miglab.core.targets.TargetConnector;
import io.miglab.core.targets.TargetRegistry;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.workload.AbRequest;
import io.miglab.core.workload.AbRun;
import io.miglab.core.workload.AbTests;
import io.miglab.core.workload.BaselineOptions;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.Workload;
import io.miglab.core.workload.WorkloadStatement;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@link IndexAdvisor} on a workspace's ledger, targets and A/B tests. */
public final class IndexAdvisorService implements IndexAdvisor {
    static final String ADVICE_ARTIFACT = "index-advice.json";
    static final Duration EXPLAIN_TIMEOUT = Duration.ofSeconds(30);
    /** Building one candidate for real may take a while on a big table; a statement timeout still bounds it. */
    static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    private final Ledger ledger;
    private final TargetRegistry targets;
    private final AbTests abTests;

    public IndexAdvisorService(Ledger ledger, TargetRegistry targets, AbTests abTests) {
        this.ledger = ledger;
        this.targets = targets;
        this.abTests = abTests;
    }

    // ---------------------------------------------------------------- advise

    @Override
    public IndexAdvice advise(IndexAdviceRequest request, ProgressListener progress, Cancellation cancellation) {
        TargetConnector connector = targets.connector(request.target());
        boolean lab = targets.get(request.target()).role() == TargetRole.LAB;
        Workload workload = workload(request.workload());
        try (Connection connection = connector.openOrExplain(request.database())) {
            TargetFingerprint fingerprint = ServerFingerprint.capture(request.target(), connection, request.database());
            ObjectNode params = Json.mapper()
                    .createObjectNode()
                    .put("database", request.database())
                    .put("workload", workload.name())
                    .put("costing", request.costing().label())
                    .put("minSavingPercent", request.minSavingPercent());
            try (ExperimentRun run =
                    ledger.begin(ADVICE_KIND, "Index advice for " + workload.name(), fingerprint, params)) {
                try {
                    if (request.improves() != null) {
                        ledger.link(run.id(), ExperimentLink.IMPROVES, request.improves());
                    }
                    IndexAdvice advice =
                            adviseOn(connection, connector, lab, request, workload, run.id(), progress, cancellation);
                    run.attachJson(ADVICE_ARTIFACT, advice);
                    run.measure("candidates", advice.candidates().size(), "count");
                    run.measure("kept", advice.kept().size(), "count");
                    run.succeed();
                    return advice;
                } catch (CancelledException e) {
                    run.cancelled();
                    throw e;
                } catch (RuntimeException e) {
                    run.fail(e);
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new MigLabException("Lost the connection to target '" + request.target() + "': " + e.getMessage(), e);
        }
    }

    private IndexAdvice adviseOn(
            Connection connection,
            TargetConnector connector,
            boolean lab,
            IndexAdviceRequest request,
            Workload workload,
            long experimentId,
            ProgressListener progress,
            Cancellation cancellation)
            throws SQLException {
        List<IndexAdvice.Explained> explained = new ArrayList<>();
        Map<String, Costers.Bound> bound = new LinkedHashMap<>();
        Map<String, Double> before = new LinkedHashMap<>();
        Candidates candidates = new Candidates();
        Map<PlanColumns.Table, Set<String>> columns = new java.util.HashMap<>();
        int total = workload.statements().size();
        int done = 0;
        ExplainOptions options = ExplainOptions.estimate().withVerbose(true).withTimeout(EXPLAIN_TIMEOUT);
        for (WorkloadStatement s : workload.statements()) {
            cancellation.checkpoint();
            progress.report(Progress.of("Explaining " + s.name(), done++, total));
            String sql = Costers.bind(
                    SqlStatements.single(s.sql(), "EXPLAIN").text(),
                    s.parameterSets().isEmpty() ? List.of() : s.parameterSets().get(0));
            if (StatementClassifier.classify(sql).writes()) {
                explained.add(new IndexAdvice.Explained(s.name(), null, "writes: its cost is what an index adds to"));
                continue;
            }
            try {
                CapturedPlan plan = PlanCapturer.capture(connection, sql, options, cancellation);
                double cost = plan.plan().root().number(PlanFields.TOTAL_COST, 0);
                explained.add(new IndexAdvice.Explained(s.name(), cost, null));
                bound.put(s.name(), new Costers.Bound(s.name(), sql));
                before.put(s.name(), cost);
                candidates.add(
                        s.name(), PlanColumns.of(plan.plan(), plan.indexes()), t -> columnsOf(connection, t, columns));
            } catch (CancelledException e) {
                throw e;
            } catch (MigLabException e) {
                explained.add(new IndexAdvice.Explained(s.name(), null, e.getMessage()));
            }
        }
        Set<String> tables = new TreeSet<>();
        for (Candidates.Draft d : candidates.drafts()) {
            tables.add(d.schema + "." + d.table);
        }
        List<ExistingIndex> existing = ExistingIndex.read(connection, tables);
        Costers.Coster coster = coster(connection, lab, request);
        List<IndexCandidate> decided = new ArrayList<>();
        List<Candidates.Draft> drafts = candidates.drafts();
        int costedCount = 0;
        try {
            for (int i = 0; i < drafts.size(); i++) {
                cancellation.checkpoint();
                Candidates.Draft d = drafts.get(i);
                IndexSpec spec = unique(d.spec(), existing);
                List<String> serves = List.copyOf(d.serves);
                String origin = String.join("; ", d.origins);
                ExistingIndex cover = existing.stream()
                        .filter(e -> e.covers(d.schema, d.table, d.columns, d.include))
                        .findFirst()
                        .orElse(null);
                if (cover != null) {
                    decided.add(new IndexCandidate(
                            spec,
                            origin,
                            serves,
                            List.of(),
                            false,
                            "Rejected: the existing index " + cover.describe()
                                    + (cover.leadingPlainColumns().equals(d.columns) && d.include.isEmpty()
                                            ? " is the same index."
                                            : " already leads with these columns.")));
                    continue;
                }
                if (coster == null) {
                    decided.add(new IndexCandidate(spec, origin, serves, List.of(), false, notCostable(request)));
                    continue;
                }
                if (costedCount >= request.maxCandidates()) {
                    decided.add(new IndexCandidate(
                            spec,
                            origin,
                            serves,
                            List.of(),
                            false,
                            "Rejected unpriced: more than " + request.maxCandidates() + " candidates to cost."));
                    continue;
                }
                progress.report(Progress.of(
                        "Costing " + spec.name() + " (" + coster.method().label() + ")", i, drafts.size()));
                List<Costers.Bound> statements = serves.stream().map(bound::get).toList();
                List<Double> costsBefore = serves.stream().map(before::get).toList();
                costedCount++;
                try {
                    decided.add(new IndexCandidate(
                            spec, origin, serves, coster.cost(spec, statements, costsBefore), false, ""));
                } catch (SQLException e) {
                    if (cancellation.isCancelled()) {
                        throw new CancelledException();
                    }
                    decided.add(new IndexCandidate(
                            spec,
                            origin,
                            serves,
                            List.of(),
                            false,
                            "Rejected: could not be costed: " + firstLine(e.getMessage())));
                }
            }
        } finally {
            if (coster instanceof Costers.HypoPg h) {
                try {
                    h.close();
                } catch (SQLException ignored) {
                    // the session ends with the connection, and its hypothetical indexes with it
                }
            }
        }
        List<IndexCandidate> selected = Selection.select(decided, request.minSavingPercent());
        progress.report(Progress.of("Advice ready", total, total));
        return new IndexAdvice(
                experimentId,
                request.target(),
                request.database(),
                workload.name(),
                coster == null ? request.costing() : coster.method(),
                request.minSavingPercent(),
                explained,
                selected,
                connector.writable());
    }

    /** The columns of a table, read once per advice. */
    private static Set<String> columnsOf(
            Connection connection, PlanColumns.Table table, Map<PlanColumns.Table, Set<String>> cache) {
        return cache.computeIfAbsent(table, t -> {
            Set<String> out = new LinkedHashSet<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT attname FROM pg_attribute"
                    + " WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped")) {
                ps.setString(1, IndexSql.qualified(t.schema(), t.name()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new MigLabException(
                        "Cannot read the columns of " + t.name() + ": " + firstLine(e.getMessage()), e);
            }
            return out;
        });
    }

    /** The candidate under a name no existing index has (a seed index may already be called idx_film_title). */
    private static IndexSpec unique(IndexSpec spec, List<ExistingIndex> existing) {
        Set<String> taken = new java.util.HashSet<>();
        existing.forEach(e -> taken.add(e.schema() + "." + e.name()));
        if (!taken.contains(spec.schema() + "." + spec.name())) {
            return spec;
        }
        String name = spec.name().length() > IndexSql.MAX_NAME - 7
                ? spec.name().substring(0, IndexSql.MAX_NAME - 7)
                : spec.name();
        name = name + "_miglab";
        return new IndexSpec(
                spec.schema(),
                spec.table(),
                name,
                spec.columns(),
                spec.include(),
                IndexSql.create(spec.schema(), spec.table(), name, spec.columns(), spec.include()));
    }

    private static String notCostable(IndexAdviceRequest request) {
        return "Not costed: the database has no HypoPG extension (CREATE EXTENSION hypopg) and '" + request.target()
                + "' is not a lab instance, where MigLab could build the index to measure it.";
    }

    /** The coster the request and the target allow, or null when neither way is open (AUTO only). */
    private static Costers.Coster coster(Connection connection, boolean lab, IndexAdviceRequest request)
            throws SQLException {
        boolean hypopg = Costers.hasHypoPg(connection);
        switch (request.costing()) {
            case HYPOPG -> {
                if (!hypopg) {
                    throw new MigLabException("HypoPG is not installed in this database of '" + request.target()
                            + "': CREATE EXTENSION hypopg, or cost with real indexes on a lab instance.");
                }
                return new Costers.HypoPg(connection, EXPLAIN_TIMEOUT);
            }
            case REAL_INDEX -> {
                if (!lab) {
                    throw new MigLabException("Real indexes are built for costing on lab instances only; '"
                            + request.target() + "' is not one. Use HypoPG there.");
                }
                return new Costers.RealIndex(connection, BUILD_TIMEOUT);
            }
            default -> {
                if (hypopg) {
                    return new Costers.HypoPg(connection, EXPLAIN_TIMEOUT);
                }
                return lab ? new Costers.RealIndex(connection, BUILD_TIMEOUT) : null;
            }
        }
    }

    static Workload workload(BaselineRequest.WorkloadSource source) {
        if (source instanceof BaselineRequest.WorkloadSource.Given given) {
            return given.workload();
        }
        if (source instanceof BaselineRequest.WorkloadSource.File file) {
            return Workload.read(file.path());
        }
        throw new MigLabException("The index advisor takes a workload file or the bundled workload.");
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s).strip();
    }

    @Override
    public IndexAdvice open(long adviceExperimentId) {
        Experiment e = ledger.find(adviceExperimentId)
                .orElseThrow(() -> new MigLabException("There is no experiment " + adviceExperimentId + "."));
        if (!ADVICE_KIND.equals(e.kind())) {
            throw new MigLabException(
                    "Experiment " + adviceExperimentId + " is a " + e.kind() + ", not an index advice.");
        }
        for (Artifact a : ledger.artifacts(adviceExperimentId)) {
            if (a.name().equals(ADVICE_ARTIFACT)) {
                try {
                    return Json.mapper().readValue(ledger.artifactContent(a.id()), IndexAdvice.class);
                } catch (IOException ex) {
                    throw new MigLabException("The stored advice cannot be read: " + ex.getMessage(), ex);
                }
            }
        }
        throw new MigLabException("Index advice " + adviceExperimentId + " holds no result (it "
                + e.status().name().toLowerCase(java.util.Locale.ROOT) + ").");
    }

    // ---------------------------------------------------------------- apply, undo

    /** Refuses a change on a locked guarded target, showing the SQL it would have run. */
    private static void requireWritable(TargetConnector connector, String target, List<String> sql) {
        if (!connector.writable()) {
            throw new MigLabException("Writes are locked on guarded target '" + target + "'; unlock it first (miglab"
                    + " target unlock " + target + " --reason \"...\") to run: " + String.join("; ", sql) + ";");
        }
    }

    @Override
    public IndexBuild apply(IndexApplyRequest request, ProgressListener progress, Cancellation cancellation) {
        TargetConnector connector = targets.connector(request.target());
        List<String> sql =
                request.indexes().stream().map(IndexSpec::createConcurrentlySql).toList();
        requireWritable(connector, request.target(), sql);
        try (Connection connection = connector.openOrExplain(request.database())) {
            ObjectNode params = Json.mapper().createObjectNode().put("database", request.database());
            params.set("sql", Json.mapper().valueToTree(sql));
            try (ExperimentRun run = ledger.begin(
                    BUILD_KIND,
                    "Build " + request.indexes().size() + " index(es): "
                            + String.join(
                                    ", ",
                                    request.indexes().stream()
                                            .map(IndexSpec::name)
                                            .toList()),
                    ServerFingerprint.capture(request.target(), connection, request.database()),
                    params)) {
                try {
                    if (request.improves() != null) {
                        ledger.link(run.id(), ExperimentLink.IMPROVES, request.improves());
                    }
                    List<IndexBuild.Built> built = new ArrayList<>();
                    int i = 0;
                    for (IndexSpec spec : request.indexes()) {
                        cancellation.checkpoint();
                        progress.report(Progress.of(
                                "Building " + spec.name(),
                                i++,
                                request.indexes().size()));
                        String statement = spec.createConcurrentlySql();
                        long start = System.nanoTime();
                        execute(connection, statement, cancellation);
                        double ms = (System.nanoTime() - start) / 1e6;
                        long size = size(connection, spec);
                        built.add(new IndexBuild.Built(spec, statement, ms, size));
                        run.measure("build_ms." + spec.name(), ms, "ms");
                        run.measure("size_bytes." + spec.name(), size, "bytes");
                    }
                    IndexBuild build = new IndexBuild(run.id(), request.target(), request.database(), built);
                    run.measure("build_ms", build.totalBuildMs(), "ms");
                    run.measure("size_bytes", build.totalSizeBytes(), "bytes");
                    run.attachJson("index-build.json", build);
                    progress.report(Progress.of(
                            "Built", request.indexes().size(), request.indexes().size()));
                    run.succeed();
                    return build;
                } catch (RuntimeException e) {
                    run.fail(e);
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new MigLabException(
                    "Building the index failed on '" + request.target() + "': " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public IndexUndo undo(IndexUndoRequest request, ProgressListener progress, Cancellation cancellation) {
        TargetConnector connector = targets.connector(request.target());
        List<String> sql =
                request.indexes().stream().map(IndexSpec::dropConcurrentlySql).toList();
        requireWritable(connector, request.target(), sql);
        try (Connection connection = connector.openOrExplain(request.database())) {
            ObjectNode params = Json.mapper().createObjectNode().put("database", request.database());
            params.set("sql", Json.mapper().valueToTree(sql));
            try (ExperimentRun run = ledger.begin(
                    UNDO_KIND,
                    "Drop " + request.indexes().size() + " index(es)",
                    ServerFingerprint.capture(request.target(), connection, request.database()),
                    params)) {
                try {
                    if (request.undoes() != null) {
                        ledger.link(run.id(), ExperimentLink.UNDOES, request.undoes());
                    }
                    long start = System.nanoTime();
                    int i = 0;
                    for (String statement : sql) {
                        cancellation.checkpoint();
                        progress.report(Progress.of(statement, i++, sql.size()));
                        execute(connection, statement, cancellation);
                    }
                    double ms = (System.nanoTime() - start) / 1e6;
                    run.measure("drop_ms", ms, "ms");
                    run.succeed();
                    return new IndexUndo(run.id(), sql, ms);
                } catch (RuntimeException e) {
                    run.fail(e);
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new MigLabException(
                    "Dropping the index failed on '" + request.target() + "': " + firstLine(e.getMessage()), e);
        }
    }

    private static void execute(Connection connection, String sql, Cancellation cancellation) throws SQLException {
        try (Statement st = connection.createStatement();
                Cancellation.Registration r = cancellation.onCancel(() -> {
                    try {
                        st.cancel();
                    } catch (SQLException ignored) {
                        // the statement ended meanwhile
                    }
                })) {
            st.execute(sql);
        } catch (SQLException e) {
            if (cancellation.isCancelled()) {
                throw new CancelledException();
            }
            throw e;
        }
    }

    private static long size(Connection connection, IndexSpec spec) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_relation_size(to_regclass(?))")) {
            ps.setString(1, spec.qualifiedName());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    // ---------------------------------------------------------------- prove, compare

    @Override
    public IndexProof prove(IndexProveRequest request, ProgressListener progress, Cancellation cancellation) {
        TargetConnector connector = targets.connector(request.target());
        boolean lab = targets.get(request.target()).labInstance();
        String drop = settled(
                lab, request.indexes().stream().map(IndexSpec::dropIfExistsSql).toList());
        String create = settled(
                lab,
                request.indexes().stream().map(IndexSpec::createIfNotExistsSql).toList());
        requireWritable(connector, request.target(), List.of(drop, create));
        Map<String, Boolean> state = state(connector, request.database(), request.indexes());
        try {
            AbRun speed = abTests.run(
                    new AbRequest(
                            request.target(),
                            request.database(),
                            request.workload(),
                            AbRequest.AbSide.of("A: without " + names(request.indexes()), drop),
                            AbRequest.AbSide.of("B: with " + names(request.indexes()), create),
                            request.rounds(),
                            request.round(),
                            request.build()),
                    prefixed(progress, "Speed: "),
                    cancellation);
            AbRun writes = null;
            String writeText = null;
            if (request.measureWrites() && !speed.cancelled()) {
                writeText = writeWorkload(connector, request.database(), request.indexes());
                writes = writes(
                        request.target(),
                        request.database(),
                        writeText,
                        drop,
                        create,
                        "without " + names(request.indexes()),
                        "with " + names(request.indexes()),
                        request.rounds(),
                        request.round(),
                        request.build(),
                        progress,
                        cancellation);
            }
            return new IndexProof(speed, writes, writeText);
        } finally {
            restore(connector, request.database(), request.indexes(), state);
        }
    }

    @Override
    public SetComparison compareSets(
            SetComparisonRequest request, ProgressListener progress, Cancellation cancellation) {
        TargetConnector connector = targets.connector(request.target());
        boolean lab = targets.get(request.target()).labInstance();
        Map<String, IndexSpec> reference = byName(request.reference());
        Map<String, IndexSpec> proposed = byName(request.proposed());
        for (var e : proposed.entrySet()) {
            IndexSpec same = reference.get(e.getKey());
            if (same != null
                    && !normal(same.createSql()).equals(normal(e.getValue().createSql()))) {
                throw new MigLabException("Both sets have an index named "
                        + e.getValue().qualifiedName() + " with different definitions; rename one.");
            }
        }
        List<IndexSpec> onlyReference = request.reference().stream()
                .filter(i -> !proposed.containsKey(i.qualifiedName()))
                .toList();
        List<IndexSpec> onlyProposed = request.proposed().stream()
                .filter(i -> !reference.containsKey(i.qualifiedName()))
                .toList();
        List<IndexSpec> all = new ArrayList<>(request.reference());
        all.addAll(onlyProposed);
        String sideA = settled(
                lab,
                concat(
                        onlyProposed.stream().map(IndexSpec::dropIfExistsSql).toList(),
                        request.reference().stream()
                                .map(IndexSpec::createIfNotExistsSql)
                                .toList()));
        String sideB = settled(
                lab,
                concat(
                        onlyReference.stream().map(IndexSpec::dropIfExistsSql).toList(),
                        request.proposed().stream()
                                .map(IndexSpec::createIfNotExistsSql)
                                .toList()));
        String none = settled(lab, all.stream().map(IndexSpec::dropIfExistsSql).toList());
        String noneButReference = none;
        requireWritable(connector, request.target(), List.of(sideA, sideB));
        Map<String, Boolean> state = state(connector, request.database(), all);
        try {
            AbRun speed = abTests.run(
                    new AbRequest(
                            request.target(),
                            request.database(),
                            request.workload(),
                            AbRequest.AbSide.of("A: " + request.referenceLabel(), sideA),
                            AbRequest.AbSide.of("B: " + request.proposedLabel(), sideB),
                            request.rounds(),
                            request.round(),
                            request.improves()),
                    prefixed(progress, "Speed, " + request.referenceLabel() + " vs " + request.proposedLabel() + ": "),
                    cancellation);
            Set<String> tables = new LinkedHashSet<>();
            all.forEach(i -> tables.add(i.schema() + "." + i.table()));
            String writeText = writeWorkload(connector, request.database(), tables);
            AbRun writes = writes(
                    request.target(),
                    request.database(),
                    writeText,
                    sideA,
                    sideB,
                    request.referenceLabel(),
                    request.proposedLabel(),
                    request.rounds(),
                    request.round(),
                    request.improves(),
                    progress,
                    cancellation);
            AbRun referenceWrites = writes(
                    request.target(),
                    request.database(),
                    writeText,
                    noneButReference,
                    settled(
                            lab,
                            concat(
                                    onlyProposed.stream()
                                            .map(IndexSpec::dropIfExistsSql)
                                            .toList(),
                                    request.reference().stream()
                                            .map(IndexSpec::createIfNotExistsSql)
                                            .toList())),
                    "no index of either set",
                    request.referenceLabel(),
                    request.rounds(),
                    request.round(),
                    request.improves(),
                    progress,
                    cancellation);
            AbRun proposedWrites = writes(
                    request.target(),
                    request.database(),
                    writeText,
                    none,
                    settled(
                            lab,
                            concat(
                                    onlyReference.stream()
                                            .map(IndexSpec::dropIfExistsSql)
                                            .toList(),
                                    request.proposed().stream()
                                            .map(IndexSpec::createIfNotExistsSql)
                                            .toList())),
                    "no index of either set",
                    request.proposedLabel(),
                    request.rounds(),
                    request.round(),
                    request.improves(),
                    progress,
                    cancellation);
            return new SetComparison(speed, writes, referenceWrites, proposedWrites, writeText);
        } finally {
            restore(connector, request.database(), all, state);
        }
    }

    private AbRun writes(
            String target,
            String database,
            String writeText,
            String aSetup,
            String bSetup,
            String aLabel,
            String bLabel,
            int rounds,
            BaselineOptions round,
            Long costs,
            ProgressListener progress,
            Cancellation cancellation) {
        AbRun run = abTests.run(
                new AbRequest(
                        target,
                        database,
                        new BaselineRequest.WorkloadSource.Given(Workload.parse("index-writes.sql", writeText)),
                        AbRequest.AbSide.of("A: writes " + aLabel, aSetup),
                        AbRequest.AbSide.of("B: writes " + bLabel, bSetup),
                        rounds,
                        writeRound(round),
                        null),
                prefixed(progress, "Writes, " + bLabel + ": "),
                cancellation);
        if (costs != null) {
            ledger.link(run.experimentId(), ExperimentLink.COSTS, costs);
        }
        return run;
    }

    /**
     * A write takes a fraction of a millisecond where a read of the workload may take a second: the write rounds
     * run ten times the passes (at least {@value #MIN_WRITE_PASSES}), so each round's median rests on enough
     * executions to see a few per cent.
     */
    static BaselineOptions writeRound(BaselineOptions round) {
        return round.iterations() > 0
                ? round.withIterations(Math.max(MIN_WRITE_PASSES, round.iterations() * 10))
                : round;
    }

    static final int MIN_WRITE_PASSES = 100;

    private String writeWorkload(TargetConnector connector, String database, List<IndexSpec> indexes) {
        Set<String> tables = new LinkedHashSet<>();
        indexes.forEach(i -> tables.add(i.schema() + "." + i.table()));
        return writeWorkload(connector, database, tables);
    }

    private static String writeWorkload(TargetConnector connector, String database, Set<String> tables) {
        try (Connection c = connector.openOrExplain(database)) {
            return WriteWorkload.generate(c, tables);
        } catch (SQLException e) {
            throw new MigLabException("Cannot read the indexed tables' columns: " + firstLine(e.getMessage()), e);
        }
    }

    /** Which of the indexes exist now, by qualified name. */
    private static Map<String, Boolean> state(TargetConnector connector, String database, List<IndexSpec> indexes) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        try (Connection c = connector.openOrExplain(database);
                PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            for (IndexSpec i : indexes) {
                ps.setString(1, i.qualifiedName());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    out.put(i.qualifiedName(), rs.getBoolean(1));
                }
            }
        } catch (SQLException e) {
            throw new MigLabException("Cannot read which indexes exist: " + firstLine(e.getMessage()), e);
        }
        return out;
    }

    /** Puts the indexes back as {@link #state} found them: the A/B rounds end on either side. */
    private static void restore(
            TargetConnector connector, String database, List<IndexSpec> indexes, Map<String, Boolean> state) {
        try (Connection c = connector.openOrExplain(database);
                Statement st = c.createStatement()) {
            for (IndexSpec i : indexes) {
                if (Boolean.TRUE.equals(state.get(i.qualifiedName()))) {
                    st.execute(i.createConcurrentlySql());
                } else if (Boolean.FALSE.equals(state.get(i.qualifiedName()))) {
                    st.execute(i.dropConcurrentlySql());
                }
            }
        } catch (SQLException e) {
            throw new MigLabException("Cannot put the indexes back as they were: " + firstLine(e.getMessage()), e);
        }
    }

    private static String normal(String sql) {
        return sql.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }

    private static Map<String, IndexSpec> byName(List<IndexSpec> indexes) {
        Map<String, IndexSpec> out = new LinkedHashMap<>();
        indexes.forEach(i -> out.put(i.qualifiedName(), i));
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * A side's setup, ending on an embedded lab instance with a CHECKPOINT: building an index leaves dirty pages and WAL
     * that would otherwise be written out during the side's measured round (and only during B's, as A only drops),
     * which shows as a write cost of the index that is really the cost of its build. Both sides get it, so both
     * start from clean buffers. Not on a guarded target: CHECKPOINT needs rights MigLab should not ask for there.
     */
    private static String settled(boolean lab, List<String> statements) {
        return script(statements) + (lab ? "CHECKPOINT;\n" : "");
    }

    private static String script(List<String> statements) {
        StringBuilder out = new StringBuilder();
        statements.forEach(s -> out.append(s).append(";\n"));
        return out.toString();
    }

    private static String names(List<IndexSpec> indexes) {
        List<String> names = indexes.stream().map(IndexSpec::name).toList();
        return names.size() <= 2 ? String.join(", ", names) : names.size() + " indexes";
    }

    private static ProgressListener prefixed(ProgressListener progress, String prefix) {
        return p -> progress.report(new Progress(prefix + p.message(), p.done(), p.total()));
    }
}
