package io.miglab.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the {@code miglab} command line in-process, as the CLI tests do: a home of the test's own, no password file,
 * both streams captured.
 */
record CliRun(int code, String out, String err) {

    static CliRun in(Path home, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("MIGLAB_HOME", home.toString());
        env.put("PGPASSFILE", home.resolve("no-pgpass").toString());
        int code = Cli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env,
                null);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** stdout as the one JSON document {@code --json} promises. */
    JsonNode json() throws Exception {
        return Json.mapper().readTree(out);
    }
}
