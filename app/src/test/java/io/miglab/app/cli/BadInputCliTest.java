package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input through the whole CLI, in-process: every case is one line on stderr naming what is wrong, exit 1 (2 for
 * what picocli itself refuses), and never a stack trace. None of them reaches a server: options are checked first.
 */
class BadInputCliTest {
    @TempDir
    static Path home;

    static Path workload;
    static Path huge;
    static Path latin1;

    @BeforeAll
    static void files() throws IOException {
        workload = home.resolve("ok.sql");
        Files.writeString(workload, "-- name: one\nSELECT 1\n");
        huge = home.resolve("huge.sql");
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(3L * 1024 * 1024 * 1024);
        }
        Files.writeString(home.resolve("not-indexes.sql"), "-- a reference set\nCREATE INDEX i ON t (a);\nSELECT 1;\n");
        Files.writeString(home.resolve("unnamed-index.sql"), "CREATE INDEX ON t (a);\n");
        Files.writeString(
                home.resolve("bad-samples.csv"),
                "timestamp,namespace,pod,container,cpu_millicores,memory_bytes\nyesterday,etl,p,c,1,1\n");
        Files.writeString(
                home.resolve("samples.csv"),
                "timestamp,namespace,pod,container,cpu_millicores,memory_bytes\n2026-12-01T10:00:00Z,etl,p,c,1,1\n");
        Files.write(home.resolve("some.dump"), new byte[] {'P', 'G', 'D', 'M', 'P'});
        Files.writeString(
                home.resolve("job.yaml"),
                "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: m\nspec:\n  template:\n    spec:\n"
                        + "      containers:\n        - name: loader\n          image: x\n");
        Files.writeString(
                home.resolve("deploy.yaml"),
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: m\nspec:\n  template:\n    spec:\n"
                        + "      containers:\n        - name: loader\n          image: x\n");
        latin1 = home.resolve("latin1.sql");
        Files.write(
                latin1, new byte[] {'-', '-', ' ', 'n', 'a', 'm', 'e', ':', ' ', 'x', '\n', 'S', (byte) 0xE9, '\n'});
        // An instance created on PostgreSQL 15, as its descriptor records it; the clash below is refused before
        // anything would start it.
        Path old = home.resolve("instances").resolve("old");
        Files.createDirectories(old);
        Files.writeString(
                old.resolve("instance.json"),
                "{\"name\":\"old\",\"port\":1,\"pgMajor\":15,\"serverVersion\":\"15.19.0\"}");
        CliRun add = CliRun.in(
                home, "target", "add", "nowhere", "--url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        assertThat(add.code()).as(add.err()).isZero();
    }

    static Stream<Arguments> badInputs() {
        String w = home.resolve("ok.sql").toString();
        return Stream.of(
                bad(1, "--duration must be at most 24 h, not '99999999999h'.", base(w, "--duration", "99999999999h")),
                bad(1, "--duration must be a positive duration, not '0s'.", base(w, "--duration", "0s")),
                bad(
                        1,
                        "--duration takes a positive duration such as 500ms, 30s, 1.5s, 2m or 1h, not 'soon'.",
                        base(w, "--duration", "soon")),
                bad(1, "--duration must be at least 1 ms, not '0.0001s'.", base(w, "--duration", "0.0001s")),
                bad(
                        1,
                        "--statement-timeout must be a positive duration, not '-5s'.",
                        base(w, "--statement-timeout", "-5s")),
                bad(
                        1,
                        "--statement-timeout must be at most 24 h, not 'PT9999H'.",
                        base(w, "--statement-timeout", "PT9999H")),
                bad(1, "Clients must be from 1 to 1000, not 5000.", base(w, "--clients", "5000")),
                bad(1, "Clients must be from 1 to 1000, not 0.", base(w, "--clients", "0")),
                bad(
                        2,
                        "miglab: Invalid value for option '--clients': '99999999999' is not an int",
                        base(w, "--clients", "99999999999")),
                bad(1, "Warm-up passes must be from 0 to 100000, not -1.", base(w, "--warmup", "-1")),
                bad(1, "Iterations must be from 1 to 100000000, not 0.", base(w, "--iterations", "0")),
                bad(
                        1,
                        "Iterations must be from 1 to 100000000, not 2147483647.",
                        base(w, "--iterations", "2147483647")),
                bad(
                        1,
                        "--top-statements must be from 1 to 100, not 0.",
                        args("baseline", "--target", "nowhere", "--top-statements", "0")),
                bad(
                        1,
                        "The workload file " + home.resolve("missing.sql") + " does not exist.",
                        base(home.resolve("missing.sql").toString())),
                bad(
                        1,
                        "The workload file " + home.resolve("huge.sql") + " is 3.0 GB, over the 16.0 MB MigLab reads"
                                + " into memory.",
                        base(home.resolve("huge.sql").toString())),
                bad(
                        1,
                        "The workload file " + home.resolve("latin1.sql") + " is not valid UTF-8: line 2 has a byte"
                                + " sequence that is not UTF-8.",
                        base(home.resolve("latin1.sql").toString())),
                bad(1, "The workload file " + home + " is a folder, not a file.", base(home.toString())),
                bad(
                        1,
                        "--timeout must be a positive duration, not '0s'.",
                        args("explain", "--target", "nowhere", "--sql", "SELECT 1", "--timeout", "0s")),
                bad(
                        1,
                        "--timeout must be at most 24 h, not '99999999999h'.",
                        args("explain", "--target", "nowhere", "--sql", "SELECT 1", "--timeout", "99999999999h")),
                bad(
                        1,
                        "The statement file " + home.resolve("huge.sql") + " is 3.0 GB, over the 16.0 MB MigLab"
                                + " reads into memory.",
                        args(
                                "explain",
                                "--target",
                                "nowhere",
                                "--file",
                                home.resolve("huge.sql").toString())),
                bad(
                        1,
                        "The plan file " + home.resolve("huge.sql") + " is 3.0 GB, over the"
                                + " 64.0 MB MigLab reads into memory.",
                        args("explain", "--plan", home.resolve("huge.sql").toString())),
                bad(1, "--limit must be from 1 to 100000, not 0.", args("experiments", "list", "--limit", "0")),
                bad(1, "--limit must be from 1 to 100000, not -5.", args("experiments", "list", "--limit", "-5")),
                bad(
                        2,
                        "miglab: Invalid value for option '--limit': 'lots' is not an int",
                        args("experiments", "list", "--limit", "lots")),
                bad(
                        2,
                        "miglab: --limit=N, --all are mutually exclusive (specify only one)",
                        args("experiments", "list", "--limit", "5", "--all")),
                bad(
                        2,
                        "miglab: Invalid value for positional parameter at index 0 (ID): '99999999999999999999' is"
                                + " not a long",
                        args("experiments", "show", "99999999999999999999")),
                bad(1, "--lines must be from 1 to 100000, not 0.", args("lab", "log", "--lines", "0")),
                bad(
                        1,
                        "--pg-version must be one of 15, 16, 17, 18, not 14.",
                        args("lab", "start", "--name", "new", "--pg-version", "14")),
                bad(
                        1,
                        "--pg-version must be one of 15, 16, 17, 18, not 19.",
                        args("lab", "start", "--name", "old", "--pg-version", "19")),
                bad(
                        2,
                        "miglab: Invalid value for option '--pg-version': 'fifteen' is not an int",
                        args("lab", "start", "--pg-version", "fifteen")),
                bad(
                        1,
                        "Lab instance 'old' runs PostgreSQL 15, not 16.",
                        args("lab", "start", "--name", "old", "--pg-version", "16")),
                bad(
                        1,
                        "Transactions must be from 1 to 10000000, not 0.",
                        args("bench", "harness", "--target", "nowhere", "--transactions", "0")),
                bad(
                        1,
                        "Rounds must be from 1 to 1001, not 99999.",
                        args("bench", "harness", "--target", "nowhere", "--rounds", "99999")),
                bad(
                        1,
                        "--rounds must be from 4 to 100, not 2.",
                        args("ab", "--target", "nowhere", "--bundled", "--rounds", "2")),
                bad(
                        1,
                        "--iterations must be from 1 to 100000000, not 0.",
                        args("ab", "--target", "nowhere", "--bundled", "--iterations", "0")),
                bad(
                        1,
                        "--statement-timeout takes a positive duration such as 500ms, 30s, 1.5s, 2m or 1h, not 'soon'.",
                        args("ab", "--target", "nowhere", "--bundled", "--statement-timeout", "soon")),
                bad(
                        2,
                        "miglab: Missing required argument (specify one of these): (--workload=FILE | --bundled)",
                        args("ab", "--target", "nowhere")),
                bad(
                        1,
                        "--scale must be from 1 to 10000, not 0.",
                        args("bench", "dataset", "--target", "nowhere", "--scale", "0")),
                bad(
                        1,
                        "--rows must be from 1 to 100000000, not 0.",
                        args("dataset", "instances", "--target", "nowhere", "--rows", "0")),
                bad(
                        1,
                        "--batch-size must be from 1 to 1000000, not 0.",
                        args("dataset", "instances", "--target", "nowhere", "--batch-size", "0")),
                bad(
                        1,
                        "The instances dataset creates a database: the target is guarded and locked; use a lab"
                                + " instance or unlock it first.",
                        args("dataset", "instances", "--target", "nowhere", "--rows", "10")),
                bad(
                        1,
                        "--ram takes a size such as 64kB, 16MB or 1GB, not '8XB'.",
                        args("advise", "config", "--ram", "8XB")),
                bad(1, "--ram must be at least 1.0 MB, not '100kB'.", args("advise", "config", "--ram", "100kB")),
                bad(1, "--ram must be at most 64.0 TB, not '100TB'.", args("advise", "config", "--ram", "100TB")),
                bad(1, "--cpus must be from 1 to 1024, not 0.", args("advise", "config", "--cpus", "0")),
                bad(1, "--cpus must be from 1 to 1024, not 5000.", args("advise", "config", "--cpus", "5000")),
                bad(
                        1,
                        "--connections must be from 1 to 262143, not 0.",
                        args("advise", "config", "--connections", "0")),
                bad(1, "--pg-version must be from 10 to 30, not 9.", args("advise", "config", "--pg-version", "9")),
                bad(
                        1,
                        "--type takes one of web, oltp, dw, desktop, mixed, not 'webb'.",
                        args("advise", "config", "--type", "webb")),
                bad(
                        1,
                        "--storage takes one of hdd, ssd, san, nvme, not 'tape'.",
                        args("advise", "config", "--storage", "tape")),
                bad(
                        1,
                        "--data-size takes one of less, mid, greater, not 'huge'.",
                        args("advise", "config", "--data-size", "huge")),
                bad(1, "--os takes one of linux, windows, mac, not 'bsd'.", args("advise", "config", "--os", "bsd")),
                bad(1, "--apply needs --target: the target to change.", args("advise", "config", "--apply")),
                bad(
                        1,
                        "--prove measures what --apply changes: give both.",
                        args("advise", "config", "--target", "nowhere", "--prove", "--bundled")),
                bad(
                        1,
                        "--prove needs a workload: --workload FILE or --bundled.",
                        args("advise", "config", "--target", "nowhere", "--apply", "--prove")),
                bad(
                        1,
                        "--rounds must be from 4 to 100, not 1.",
                        args(
                                "advise",
                                "config",
                                "--target",
                                "nowhere",
                                "--apply",
                                "--prove",
                                "--bundled",
                                "--rounds",
                                "1")),
                bad(
                        1,
                        "There is no experiment 999999 in the ledger.",
                        args("advise", "config", "--rollback", "999999")),
                bad(
                        1,
                        "--costing must be auto, hypopg or real-index, not 'magic'.",
                        args("advise", "indexes", "--target", "nowhere", "--bundled", "--costing", "magic")),
                bad(
                        1,
                        "--rounds must be from 4 to 100, not 2.",
                        args("advise", "indexes", "--target", "nowhere", "--bundled", "--rounds", "2")),
                bad(
                        1,
                        "--min-saving must be from 1 to 99, not 100.",
                        args("advise", "indexes", "--target", "nowhere", "--workload", w, "--min-saving", "100")),
                bad(
                        1,
                        "not-indexes.sql line 3: expected CREATE INDEX, found: SELECT 1",
                        args(
                                "advise",
                                "indexes",
                                "--target",
                                "nowhere",
                                "--bundled",
                                "--compare-with",
                                home.resolve("not-indexes.sql").toString())),
                bad(
                        1,
                        "unnamed-index.sql line 1: the index needs a name (MigLab drops it by name): CREATE INDEX ON"
                                + " t (a)",
                        args(
                                "advise",
                                "indexes",
                                "--target",
                                "nowhere",
                                "--bundled",
                                "--compare-with",
                                home.resolve("unnamed-index.sql").toString())),
                bad(
                        2,
                        "miglab: Missing required argument (specify one of these): (--workload=FILE |" + " --bundled)",
                        args("advise", "indexes", "--target", "nowhere")),
                bad(
                        1,
                        "--scale must be from 0 to 10000, not -1.",
                        args("bench", "indexes", "--target", "nowhere", "--scale", "-1")),
                bad(
                        1,
                        "miglab: The source and the destination are the same database: choose another destination"
                                + " target or database.",
                        args("validate", "--source", "nowhere", "--target", "nowhere")),
                bad(
                        1,
                        "miglab: The filter is one condition, without ';'.",
                        args("validate", "--source", "nowhere", "--target", "other", "--where", "1=1; DROP TABLE t")),
                bad(
                        1,
                        "miglab: A table name is empty.",
                        args("validate", "--source", "nowhere", "--target", "other", "--tables", "a,,b")),
                bad(
                        1,
                        "miglab: --rows must be from 1 to 1000000000, not 0.",
                        args("bench", "validate", "--source", "nowhere", "--target", "other", "--rows", "0")),
                bad(2, "miglab: Missing required option: '--source=NAME'", args("validate", "--target", "nowhere")),
                bad(
                        1,
                        "There is no samples file " + home.resolve("none.csv") + ".",
                        args("size", "--samples", home.resolve("none.csv").toString())),
                bad(
                        1,
                        "bad-samples.csv:2:1: 'yesterday' is not an ISO-8601 timestamp with an offset, such as"
                                + " 2026-12-01T10:15:30Z.",
                        args(
                                "size",
                                "--samples",
                                home.resolve("bad-samples.csv").toString())),
                bad(
                        1,
                        "Unknown sizing rule 'magic'; choose team, krr, vpa, job or all.",
                        args("size", "--samples", home.resolve("samples.csv").toString(), "--rule", "team,magic")),
                bad(
                        1,
                        "The headroom is 50 to 100 % above the request, not 500.",
                        args("size", "--samples", home.resolve("samples.csv").toString(), "--headroom", "500")),
                bad(
                        1,
                        "No samples of container 'db'; the samples have c.",
                        args("size", "--samples", home.resolve("samples.csv").toString(), "--container", "db")),
                bad(1, "There is no experiment 999999.", args("size", "--experiment", "999999")),
                bad(1, "There is no experiment 999999 in the ledger.", args("report", "999999")),
                bad(
                        1,
                        "'pdf' is not a report format; use md, jira, adf, html, csv, bundle.",
                        args("report", "1", "--format", "pdf")),
                bad(1, "--format bundle needs --out DIR for its files.", args("report", "1", "--format", "bundle")),
                bad(
                        1,
                        "--compare takes two experiment ids as A:B (12:14), not '3-4'.",
                        args("report", "--compare", "3-4")),
                bad(1, "A report needs at least one experiment id.", args("report")),
                bad(
                        1,
                        "--step soon: the steps are prepare, requests, loader, resources, loaders, final.",
                        args(
                                "jira",
                                "loop",
                                "--project",
                                "MIG",
                                "--job",
                                "j",
                                "--step",
                                "soon=1",
                                "--url",
                                "https://x.atlassian.net")),
                bad(
                        1,
                        "--step prepare: 'x' is not an experiment id.",
                        args(
                                "jira",
                                "loop",
                                "--project",
                                "MIG",
                                "--job",
                                "j",
                                "--step",
                                "prepare=x",
                                "--url",
                                "https://x.atlassian.net")),
                bad(
                        1,
                        "--apply, --yes, --context and --namespace need --manifest FILE: the manifest to size and"
                                + " apply.",
                        args("size", "--samples", home.resolve("samples.csv").toString(), "--apply")),
                bad(
                        1,
                        "No samples between 2027-01-01T00:00:00Z and the end; they cover 2026-12-01T10:00:00Z to"
                                + " 2026-12-01T10:00:00Z.",
                        args(
                                "size",
                                "--samples",
                                home.resolve("samples.csv").toString(),
                                "--since",
                                "2027-01-01T00:00:00Z")),
                bad(1, "There is no lab instance named 'nope'.", args("lab", "top", "--name", "nope")),
                bad(
                        1,
                        "'Bad_NS' is not a namespace name (lower-case letters, digits and '-', at most 63).",
                        args("k8s", "top", "-n", "Bad_NS")),
                bad(
                        1,
                        "--selector takes key=value pairs joined by commas; 'app!=x' is a set-based selector, which"
                                + " MigLab does not read yet.",
                        args("k8s", "top", "-l", "app!=x")),
                bad(
                        1,
                        "The interval is from 200ms to 1h, not 10 ms.",
                        args("k8s", "top", "--watch", "--interval", "10ms")),
                bad(
                        1,
                        "Variant 'fast': 'cpu' is not key=value (cpu, memory, limit-cpu, limit-memory, env.NAME, arg).",
                        jobs("--variant", "fast:cpu")),
                bad(
                        1,
                        "Variant 'small': '12XB' is not a memory quantity (512Mi, 1Gi, 1G).",
                        jobs("--variant", "small:memory=12XB")),
                bad(1, "--repeats must be from 1 to 10, not 0.", jobs("--variant", "base", "--repeats", "0")),
                bad(
                        1,
                        "job.yaml has no container 'db'; its containers: loader.",
                        args(
                                "k8s",
                                "jobs",
                                "--manifest",
                                home.resolve("job.yaml").toString(),
                                "--container",
                                "db",
                                "--variant",
                                "base")),
                bad(
                        1,
                        "deploy.yaml is not a batch/v1 Job (it holds apps/v1 Deployment).",
                        args(
                                "k8s",
                                "jobs",
                                "--manifest",
                                home.resolve("deploy.yaml").toString(),
                                "--container",
                                "loader",
                                "--variant",
                                "base")),
                bad(
                        1,
                        "--manifest needs --container NAME: the container whose resources change.",
                        args("size", "--samples", home.resolve("samples.csv").toString(), "--manifest", w)),
                bad(
                        1,
                        "ok.sql:3:1: not valid YAML: could not find expected ':'.",
                        args(
                                "size",
                                "--samples",
                                home.resolve("samples.csv").toString(),
                                "--manifest",
                                w,
                                "--container",
                                "c")),
                bad(
                        2,
                        "miglab: Missing required argument (specify one of these): (--experiment=ID[,ID...]"
                                + " [--experiment=ID[,ID...]]... | --samples=CSV)",
                        args("size")),
                bad(
                        1,
                        "Unknown loader 'nope'; choose one of insert-row, insert-batch, insert-multirow, copy, copy-binary,"
                                + " copy-parallel, dump-custom, dump-directory.",
                        args("load", "--from", "nowhere", "--to", "other", "--loader", "nope")),
                bad(
                        1,
                        "Workers must be between 1 and 64, not 0.",
                        args(
                                "load",
                                "--from",
                                "nowhere",
                                "--to",
                                "other",
                                "--loader",
                                "copy-parallel",
                                "--workers",
                                "0")),
                bad(
                        1,
                        "Workers must be between 1 and 64, not 1000.",
                        args(
                                "load",
                                "--from",
                                "nowhere",
                                "--to",
                                "other",
                                "--loader",
                                "copy-parallel",
                                "--workers",
                                "1000")),
                bad(
                        1,
                        "The batch size must be between 1 and 100000, not 10000000.",
                        args(
                                "load",
                                "--from",
                                "nowhere",
                                "--to",
                                "other",
                                "--loader",
                                "insert-batch",
                                "--batch-size",
                                "10000000")),
                bad(
                        1,
                        "COPY FREEZE applies to the COPY loaders only, not insert-row.",
                        args("load", "--from", "nowhere", "--to", "other", "--loader", "insert-row", "--freeze")),
                bad(1, "There is no target named 'ghost'.", args("load", "--from", "ghost", "--to", "nowhere")),
                bad(
                        1,
                        "The source and the destination are the same database: choose another destination target or"
                                + " database.",
                        args("load", "--from", "nowhere", "--to", "nowhere")),
                bad(
                        1,
                        "The source and the destination are the same database: choose another destination target or"
                                + " database.",
                        args("bench", "loaders", "--from", "nowhere", "--to", "nowhere")),
                bad(
                        1,
                        "--repeats must be from 1 to 20, not 0.",
                        args("bench", "loaders", "--from", "nowhere", "--to", "other", "--repeats", "0")),
                bad(
                        1,
                        "The dump " + home.resolve("missing.dump") + " does not exist.",
                        args(
                                "restore",
                                "--target",
                                "nowhere",
                                "--from",
                                home.resolve("missing.dump").toString())),
                bad(
                        1,
                        "-j must be from 1 to 64, not 0.",
                        args(
                                "dump",
                                "--target",
                                "nowhere",
                                "--out",
                                home.resolve("d").toString(),
                                "-j",
                                "0")),
                bad(
                        1,
                        "pg_dump runs -j 2 only with the directory format; use --format directory, or -j 1 for the"
                                + " custom format.",
                        args(
                                "dump",
                                "--target",
                                "nowhere",
                                "--out",
                                home.resolve("d").toString(),
                                "-j",
                                "2")),
                bad(
                        1,
                        "Unknown dump format 'tar'; choose custom, directory or plain.",
                        args(
                                "dump",
                                "--target",
                                "nowhere",
                                "--out",
                                home.resolve("d").toString(),
                                "--format",
                                "tar")),
                bad(
                        1,
                        "'nowhere' is a guarded target and locked: a restore writes, so nothing was run.",
                        args(
                                "restore",
                                "--target",
                                "nowhere",
                                "--from",
                                home.resolve("some.dump").toString())),
                bad(
                        1,
                        "--to-version must be one of 15, 16, 17, 18, not 14.",
                        args("upgrade", "rehearse", "--from", "nowhere", "--to-version", "14")),
                bad(
                        1,
                        "--sizes: each size must be above 0% and at most 100%, not '0%'.",
                        time(w, "--sizes", "0%,3%,10%")),
                bad(
                        1,
                        "--sizes: each size must be above 0% and at most 100%, not '200%'.",
                        time(w, "--sizes", "1%,3%,200%")),
                bad(
                        1,
                        "A verdict needs at least 3 sizes; --sizes gives 2.",
                        time(w, "--sizes", "1%,3%", "--threshold", "2h")),
                bad(
                        1,
                        "--threshold takes a positive duration such as 500ms, 30s, 1.5s, 2m or 1h, not 'soon'.",
                        time(w, "--sizes", "1%,3%,10%", "--threshold", "soon")),
                bad(
                        1,
                        "--production-rows takes TABLE=ROWS, such as instance=16000000, not 'instance'.",
                        time(w, "--sizes", "1%,3%,10%", "--production-rows", "instance")),
                bad(1, "--repeats must be from 1 to 20, not 0.", time(w, "--sizes", "1%,3%,10%", "--repeats", "0")),
                bad(
                        1,
                        "Target 'nowhere' is guarded and locked: nothing was written; unlock it first (miglab target"
                                + " unlock nowhere --reason ...).",
                        time(w, "--sizes", "1%,3%,10%", "--threshold", "2h")));
    }

    private static List<String> time(String file, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of("script", "time", file, "--target", "nowhere"));
        all.addAll(List.of(more));
        return all;
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badInputs")
    void isOneLineOnStderrWithTheRightExitCodeAndNoStackTrace(int code, String firstLine, List<String> args) {
        CliRun r = CliRun.in(home, args.toArray(String[]::new));
        List<String> lines = r.err().lines().toList();
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(lines).as(r.err()).isNotEmpty();
        String expected = firstLine.startsWith("miglab: ") ? firstLine : "miglab: " + firstLine;
        assertThat(lines.get(0)).isEqualTo(expected);
        if (code == Cli.FAILURE) {
            assertThat(lines)
                    .as("one line, and a hint only where the error has one")
                    .hasSizeLessThanOrEqualTo(2);
        }
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnexpectedErrorIsOneLineAndItsStackTraceGoesToALogFileNamedOnTheSecondLine() throws IOException {
        CrashLogCheck check = CrashLogCheck.run(home);
        assertThat(check.lines()).hasSize(2);
        assertThat(check.lines().get(0))
                .isEqualTo("miglab: unexpected error: IllegalStateException: the ledger went away at"
                        + " jdbc:postgresql://***@db/prod Position: 8");
        assertThat(check.lines().get(1)).startsWith("miglab: the details are in " + home.resolve("logs"));
        String log = Files.readString(check.file());
        assertThat(log)
                .contains("Command: miglab baseline")
                .contains("\tat ")
                .contains("java.lang.IllegalStateException")
                .doesNotContain("s3cret");
    }

    private static Arguments bad(int code, String firstLine, List<String> args) {
        return Arguments.of(code, firstLine, args);
    }

    private static List<String> base(String workloadFile, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of("baseline", "--target", "nowhere", "--workload"));
        all.add(workloadFile);
        all.addAll(List.of(more));
        return all;
    }

    private static List<String> jobs(String... more) {
        List<String> all = new java.util.ArrayList<>(
                List.of("k8s", "jobs", "--manifest", home.resolve("job.yaml").toString(), "--container", "loader"));
        all.addAll(List.of(more));
        return all;
    }

    private static List<String> args(String... all) {
        return List.of(all);
    }

    /** Reports an exception no command expects, as the CLI's handler does, and reads what it left. */
    private record CrashLogCheck(List<String> lines, Path file) {
        static CrashLogCheck run(Path home) {
            var err = new java.io.ByteArrayOutputStream();
            Path file = CrashLog.report(
                    new IllegalStateException(
                            "the ledger went away at jdbc:postgresql://app:s3cret@db/prod\n" + "  Position: 8"),
                    new io.miglab.core.workspace.MigLabHome(home),
                    "miglab baseline",
                    new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
                    java.time.Clock.systemUTC());
            List<String> lines = err.toString(java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            assertThat(file).exists();
            assertThat(lines.get(1)).isEqualTo("miglab: the details are in " + file);
            return new CrashLogCheck(lines, file);
        }
    }
}
