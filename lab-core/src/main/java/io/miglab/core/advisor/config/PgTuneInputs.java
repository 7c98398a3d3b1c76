package io.miglab.core.advisor.config;

import io.miglab.core.MigLabException;
import io.miglab.core.Parameters;
import io.miglab.core.units.Ranges;
import io.miglab.core.units.Sizes;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What PGTune asks for, validated once: the server's major version, its operating system, what the database serves,
 * the memory and CPUs it may use, the connections it must take, its storage and how big the data is against the
 * memory. Absurd numbers are refused up front with one line.
 *
 * @param version PostgreSQL major version (10 to 30)
 * @param ramBytes memory PostgreSQL may use, from 1 MB to 64 TB
 * @param cpus CPUs PostgreSQL may use, 1 to 1024
 * @param connections max_connections to plan for, or null for the workload type's own (web 200, oltp 300, ...)
 */
public record PgTuneInputs(
        int version,
        Os os,
        DbType type,
        long ramBytes,
        int cpus,
        Integer connections,
        Storage storage,
        DataSize dataSize) {
    public static final int MIN_VERSION = 10;
    public static final int MAX_VERSION = 30;
    public static final long MIN_RAM = Sizes.MB;
    public static final long MAX_RAM = 64 * Sizes.TB;
    public static final int MAX_CPUS = 1024;
    /** PostgreSQL's own ceiling for max_connections. */
    public static final int MAX_CONNECTIONS = 262_143;

    public PgTuneInputs {
        Ranges.require(version, MIN_VERSION, MAX_VERSION, "The PostgreSQL version");
        if (os == null || type == null || storage == null || dataSize == null) {
            throw new MigLabException(
                    "The config advice needs the OS, the workload type, the storage and the data size.");
        }
        if (ramBytes < MIN_RAM || ramBytes > MAX_RAM) {
            throw new MigLabException("The memory must be from 1.0 MB to 64.0 TB, not " + Sizes.format(ramBytes) + ".");
        }
        Ranges.require(cpus, 1, MAX_CPUS, "CPUs");
        if (connections != null) {
            Ranges.require(connections, 1, MAX_CONNECTIONS, "Connections");
        }
    }

    /** PGTune's own defaults (PostgreSQL 18, Linux, web, SSD, data about the size of the memory) for this machine. */
    public static PgTuneInputs forMachine(long ramBytes, int cpus) {
        return new PgTuneInputs(18, Os.LINUX, DbType.WEB, ramBytes, cpus, null, Storage.SSD, DataSize.MID);
    }

    public PgTuneInputs withVersion(int v) {
        return new PgTuneInputs(v, os, type, ramBytes, cpus, connections, storage, dataSize);
    }

    public PgTuneInputs withOs(Os o) {
        return new PgTuneInputs(version, o, type, ramBytes, cpus, connections, storage, dataSize);
    }

    public PgTuneInputs withType(DbType t) {
        return new PgTuneInputs(version, os, t, ramBytes, cpus, connections, storage, dataSize);
    }

    public PgTuneInputs withRam(long bytes) {
        return new PgTuneInputs(version, os, type, bytes, cpus, connections, storage, dataSize);
    }

    public PgTuneInputs withCpus(int c) {
        return new PgTuneInputs(version, os, type, ramBytes, c, connections, storage, dataSize);
    }

    public PgTuneInputs withConnections(Integer c) {
        return new PgTuneInputs(version, os, type, ramBytes, cpus, c, storage, dataSize);
    }

    public PgTuneInputs withStorage(Storage s) {
        return new PgTuneInputs(version, os, type, ramBytes, cpus, connections, s, dataSize);
    }

    public PgTuneInputs withDataSize(DataSize d) {
        return new PgTuneInputs(version, os, type, ramBytes, cpus, connections, storage, d);
    }

    /**
     * Overrides {@code defaults} with what a playbook step gives: {@code ram} (8GB), {@code cpus}, {@code type},
     * {@code connections}, {@code storage}, {@code os}, {@code pg-version}, {@code data-size}. Unknown names are
     * the caller's to refuse.
     */
    public static PgTuneInputs from(Parameters p, PgTuneInputs defaults) {
        PgTuneInputs in = defaults;
        String ram = p.optional("ram");
        if (ram != null) {
            in = in.withRam(parseRam(ram, "ram"));
        }
        if (p.optional("cpus") != null) {
            in = in.withCpus(p.integer("cpus", in.cpus(), 1, MAX_CPUS));
        }
        if (p.optional("connections") != null) {
            in = in.withConnections(p.integer("connections", 100, 1, MAX_CONNECTIONS));
        }
        if (p.optional("pg-version") != null) {
            in = in.withVersion(p.integer("pg-version", in.version(), MIN_VERSION, MAX_VERSION));
        }
        if (p.optional("type") != null) {
            in = in.withType(DbType.parse(p.optional("type"), "type"));
        }
        if (p.optional("os") != null) {
            in = in.withOs(Os.parse(p.optional("os"), "os"));
        }
        if (p.optional("storage") != null) {
            in = in.withStorage(Storage.parse(p.optional("storage"), "storage"));
        }
        if (p.optional("data-size") != null) {
            in = in.withDataSize(DataSize.parse(p.optional("data-size"), "data-size"));
        }
        return in;
    }

    /** A memory size such as 8GB or 512MB, from 1 MB to 64 TB. */
    public static long parseRam(String text, String what) {
        return Sizes.parse(text, what, MIN_RAM, MAX_RAM);
    }

    /** The operating system the server runs on. */
    public enum Os {
        LINUX,
        WINDOWS,
        MAC;

        public static Os parse(String text, String what) {
            return PgTuneInputs.parse(Os.class, text, what);
        }

        /** This JVM's own, as PGTune would be told it. */
        public static Os current() {
            String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            return name.contains("win") ? WINDOWS : name.contains("mac") || name.contains("darwin") ? MAC : LINUX;
        }
    }

    /** What the database serves: PGTune's "DB Type". */
    public enum DbType {
        WEB,
        OLTP,
        DW,
        DESKTOP,
        MIXED;

        public static DbType parse(String text, String what) {
            return PgTuneInputs.parse(DbType.class, text, what);
        }
    }

    /** The data storage: PGTune's "Data Storage". */
    public enum Storage {
        HDD,
        SSD,
        SAN,
        NVME;

        public static Storage parse(String text, String what) {
            return PgTuneInputs.parse(Storage.class, text, what);
        }
    }

    /** How big the data is against the memory: fits in it (less), about as big (mid), or bigger (greater). */
    public enum DataSize {
        LESS,
        MID,
        GREATER;

        public static DataSize parse(String text, String what) {
            return PgTuneInputs.parse(DataSize.class, text, what);
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        String wanted = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        String choices = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        String shown = text == null ? "" : text.length() > 40 ? text.substring(0, 40) + "..." : text;
        throw new MigLabException(what + " takes one of " + choices + ", not '" + shown + "'.");
    }
}
