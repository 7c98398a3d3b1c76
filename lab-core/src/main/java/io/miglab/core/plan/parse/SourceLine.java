package io.miglab.core.plan.parse;

/**
 * One line of plan text after psql decorations were taken off, remembering where it came from so errors can name
 * the user's own line and column.
 *
 * @param text the content
 * @param number the 1-based line number in the original input
 * @param columnOffset how many characters were removed from the start of the original line
 */
record SourceLine(String text, int number, int columnOffset) {}
