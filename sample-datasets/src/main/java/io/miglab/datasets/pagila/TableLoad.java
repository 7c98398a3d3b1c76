package io.miglab.datasets.pagila;

import java.time.Duration;

/**
 * One table of a generated load.
 *
 * @param table the table name
 * @param rows rows copied in
 * @param elapsed from its first COPY stream starting to its last one ending (streams of one table can overlap)
 */
public record TableLoad(String table, long rows, Duration elapsed) {}
