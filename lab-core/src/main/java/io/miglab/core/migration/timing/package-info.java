/**
 * Timing a migration script at several data sizes: the growth models fitted to the measured durations, the
 * projection to production size with a prediction interval, and the go/no-go verdict against the release window.
 * Pure arithmetic on measurements; running the script and making the data at each size live elsewhere.
 */
package io.miglab.core.migration.timing;
