package io.miglab.core.migration.timing;

/**
 * What the caller knows about memory at production size, to warn where the projection leaves the regime the
 * measurements were taken in. Every field may be null (not known); sizes are in bytes.
 *
 * @param dataBytes the table's size at the production row count; when null it is scaled from the measured bytes per
 *     row, if the measurements carry bytes
 * @param sharedBuffers the server's shared_buffers
 * @param ram the server's memory
 * @param sortBytes the largest sort the script does at production size (an index build sorts the indexed column)
 * @param maintenanceWorkMem the server's maintenance_work_mem, the memory an index build sorts in
 */
public record Regime(Long dataBytes, Long sharedBuffers, Long ram, Long sortBytes, Long maintenanceWorkMem) {
    /** Nothing known: only the extrapolation warning can be given. */
    public static final Regime UNKNOWN = new Regime(null, null, null, null, null);
}
