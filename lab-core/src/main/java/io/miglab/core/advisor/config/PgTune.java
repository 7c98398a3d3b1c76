package io.miglab.core.advisor.config;

import io.miglab.core.advisor.config.PgTuneInputs.DataSize;
import io.miglab.core.advisor.config.PgTuneInputs.DbType;
import io.miglab.core.advisor.config.PgTuneInputs.Os;
import io.miglab.core.advisor.config.PgTuneInputs.Storage;
import java.util.ArrayList;
import java.util.List;

/**
 * PGTune's calculator (pgtune.leopard.in.ua, its 2026 formulas; see DESIGN.md "Config advice"), as a pure
 * function: the same inputs give the same settings PGTune prints, in its order and with its units. All sizes are
 * worked out in kB as PGTune does; a size prints in GB or MB only when that loses nothing, else in kB.
 */
public final class PgTune {
    private static final long MB_KB = 1024;
    private static final long GB_KB = 1024 * 1024;
    /** The max_worker_processes PostgreSQL starts with, which work_mem plans for when PGTune sets none. */
    private static final int DEFAULT_WORKER_PROCESSES = 8;

    private PgTune() {}

    public static ConfigAdvice advise(PgTuneInputs in) {
        DbType type = in.type();
        Os os = in.os();
        int version = in.version();
        boolean windowsUpTo17 = os == Os.WINDOWS && version <= 17;
        // PGTune keeps memory as a (possibly fractional) number of kB and floors each result.
        double ramKb = in.ramBytes() / 1024.0;

        int maxConnections = in.connections() != null
                ? in.connections()
                : switch (type) {
                    case WEB -> 200;
                    case OLTP -> 300;
                    case DW -> 40;
                    case DESKTOP -> 20;
                    case MIXED -> 100;
                };

        long sharedBuffers = (long) Math.floor(type == DbType.DESKTOP ? ramKb / 16 : ramKb / 4);
        if (version < 10 && os == Os.WINDOWS) {
            sharedBuffers = Math.min(sharedBuffers, 512 * MB_KB);
        }
        String hugePages = os == Os.MAC ? "off" : sharedBuffers >= 2 * GB_KB ? "try" : "off";
        long effectiveCacheSize = (long) Math.floor(type == DbType.DESKTOP ? ramKb / 4 : ramKb * 3 / 4);

        long maintenanceWorkMem = (long) Math.floor(type == DbType.DW ? ramKb / 8 : ramKb / 16);
        long maintenanceLimit = windowsUpTo17 ? 2 * GB_KB : 8 * GB_KB;
        if (maintenanceWorkMem >= maintenanceLimit) {
            // 2 GB itself is refused on Windows up to PostgreSQL 17.
            maintenanceWorkMem = windowsUpTo17 ? maintenanceLimit - MB_KB : maintenanceLimit;
        }

        long minWal =
                switch (type) {
                            case WEB, MIXED -> 1024;
                            case OLTP -> 2048;
                            case DW -> 4096;
                            case DESKTOP -> 100;
                        }
                        * MB_KB;
        long maxWal =
                switch (type) {
                            case WEB, MIXED -> 4096;
                            case OLTP -> 8192;
                            case DW -> 16384;
                            case DESKTOP -> 2048;
                        }
                        * MB_KB;

        // 3 % of shared_buffers, at most 16 MB, rounded up to 16 MB when close to it, at least 32 kB.
        long walBuffers = Math.min(3 * sharedBuffers / 100, 16 * MB_KB);
        if (walBuffers > 14 * MB_KB && walBuffers < 16 * MB_KB) {
            walBuffers = 16 * MB_KB;
        }
        walBuffers = Math.max(walBuffers, 32);

        int statisticsTarget = type == DbType.DW ? 500 : 100;
        double randomPageCost;
        if (in.dataSize() == DataSize.LESS) {
            randomPageCost = 1.1; // all reads come from the page cache: seek time does not matter
        } else if (in.storage() == Storage.HDD || type == DbType.DW) {
            randomPageCost = 4;
        } else {
            randomPageCost = 1.1;
        }
        Integer ioConcurrency = os != Os.LINUX
                ? null
                : switch (in.storage()) {
                    case HDD -> 2;
                    case SSD -> 200;
                    case SAN -> 300;
                    case NVME -> 1000;
                };

        List<Recommendation> parallel = new ArrayList<>();
        int cpus = in.cpus();
        if (cpus >= 4) {
            int perGather = (cpus + 1) / 2;
            if (type != DbType.DW) {
                perGather = Math.min(perGather, 4);
            }
            parallel.add(plain("max_worker_processes", cpus));
            parallel.add(plain("max_parallel_workers_per_gather", perGather));
            if (version >= 10) {
                parallel.add(plain("max_parallel_workers", cpus));
            }
            if (version >= 11) {
                parallel.add(plain("max_parallel_maintenance_workers", Math.min(4, (cpus + 1) / 2)));
            }
        }
        int workersForWorkMem = cpus >= 4 ? cpus : DEFAULT_WORKER_PROCESSES;

        // (RAM - shared_buffers) / ((max_connections + max_worker_processes) * 3): each connection may use several.
        double w = (ramKb - sharedBuffers) / ((double) (maxConnections + workersForWorkMem) * 3);
        long workMem =
                switch (type) {
                    case WEB, OLTP -> (long) Math.floor(w);
                    case DW, MIXED -> (long) Math.floor(w / 2);
                    case DESKTOP -> (long) Math.floor(w / 6);
                };
        if (in.dataSize() == DataSize.LESS) {
            workMem = (long) Math.floor(workMem * 1.3);
        } else if (in.dataSize() == DataSize.GREATER) {
            workMem = (long) Math.floor(workMem * 0.9);
        }
        workMem = Math.max(workMem, 4 * MB_KB);
        if (windowsUpTo17) {
            workMem = Math.min(workMem, 2 * GB_KB - MB_KB);
        }

        String jit =
                version >= 12 && (type == DbType.WEB || type == DbType.OLTP || type == DbType.MIXED) ? "off" : null;
        String walCompression = version >= 15 ? "lz4" : version >= 10 ? "on" : null;
        Integer autovacuumWorkers = cpus >= 32 ? Integer.valueOf(5) : cpus >= 16 ? Integer.valueOf(4) : null;
        Long autovacuumWorkMem = maintenanceWorkMem >= 2 * GB_KB ? 2 * GB_KB : null;
        if (autovacuumWorkMem != null && windowsUpTo17) {
            autovacuumWorkMem = Math.min(autovacuumWorkMem, 2 * GB_KB - MB_KB);
        }
        Integer ioWorkers = null;
        if (version >= 18) {
            int x = Math.min(32, Math.max(3, cpus / 4));
            ioWorkers = x > 3 ? x : null;
        }
        String ioMethod = version < 18 ? null : os == Os.LINUX ? "io_uring" : "worker";

        List<Recommendation> out = new ArrayList<>();
        out.add(plain("max_connections", maxConnections));
        out.add(size("shared_buffers", sharedBuffers, "8kB"));
        out.add(size("effective_cache_size", effectiveCacheSize, "8kB"));
        out.add(size("maintenance_work_mem", maintenanceWorkMem, "kB"));
        out.add(real("checkpoint_completion_target", 0.9));
        out.add(size("wal_buffers", walBuffers, "8kB"));
        out.add(plain("default_statistics_target", statisticsTarget));
        out.add(real("random_page_cost", randomPageCost));
        if (ioConcurrency != null) {
            out.add(plain("effective_io_concurrency", ioConcurrency));
        }
        out.add(size("work_mem", workMem, "kB"));
        out.add(word("huge_pages", hugePages));
        if (jit != null) {
            out.add(word("jit", jit));
        }
        if (walCompression != null) {
            out.add(word("wal_compression", walCompression));
        }
        if (autovacuumWorkers != null) {
            out.add(plain("autovacuum_max_workers", autovacuumWorkers));
        }
        if (autovacuumWorkMem != null) {
            out.add(size("autovacuum_work_mem", autovacuumWorkMem, "kB"));
        }
        if (ioMethod != null) {
            out.add(word("io_method", ioMethod));
        }
        if (ioWorkers != null) {
            out.add(plain("io_workers", ioWorkers));
        }
        out.add(size("min_wal_size", minWal, "MB"));
        out.add(size("max_wal_size", maxWal, "MB"));
        out.addAll(parallel);
        if (type == DbType.DESKTOP) {
            out.add(word("wal_level", "minimal"));
            out.add(plain("max_wal_senders", 0)); // wal_level minimal needs it
        }
        return new ConfigAdvice(in, out, warnings(in, walCompression, ioMethod));
    }

    private static List<String> warnings(PgTuneInputs in, String walCompression, String ioMethod) {
        List<String> warnings = new ArrayList<>();
        if (in.ramBytes() < 256L * 1024 * 1024) {
            warnings.add("these formulas are not meant for systems with less than 256 MB of memory");
        } else if (in.ramBytes() > 100L * 1024 * 1024 * 1024) {
            warnings.add("these formulas are not meant for systems with more than 100 GB of memory");
        }
        if ("lz4".equals(walCompression)) {
            warnings.add("wal_compression = lz4 needs a PostgreSQL built with lz4 (--with-lz4)");
        }
        if ("io_uring".equals(ioMethod)) {
            warnings.add("io_method = io_uring needs a PostgreSQL built with liburing (--with-liburing)");
        }
        if (in.type() == DbType.DW && in.storage() != Storage.HDD && in.dataSize() != DataSize.LESS) {
            warnings.add("random_page_cost stays at 4 for a data warehouse bigger than memory, so the planner does not"
                    + " pick index scans for large reads; watch the plans and lower it if needed");
        }
        return warnings;
    }

    private static Recommendation plain(String name, long value) {
        return new Recommendation(name, Long.toString(value), (double) value, null);
    }

    private static Recommendation real(String name, double value) {
        String text = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        return new Recommendation(name, text, value, null);
    }

    private static Recommendation word(String name, String value) {
        return new Recommendation(name, value, null, null);
    }

    /** A size of {@code kb} kB, shown in GB or MB when that loses nothing, as a number in {@code unit}. */
    private static Recommendation size(String name, long kb, String unit) {
        return new Recommendation(name, format(kb), kb / (double) unitKb(unit), unit);
    }

    /** {@code kb} kB as PGTune prints it: whole GB, else whole MB, else kB. */
    public static String format(long kb) {
        if (kb % GB_KB == 0) {
            return kb / GB_KB + "GB";
        }
        if (kb % MB_KB == 0) {
            return kb / MB_KB + "MB";
        }
        return kb + "kB";
    }

    /**
     * A pg_settings value as the advice shows values: {@code 16384} in {@code 8kB} as {@code 128MB}; a value that
     * is not a size, or a negative one (-1 for "use another setting"), with its unit as pg_settings has it.
     */
    public static String show(String setting, String unit) {
        double unitKb = unitKbOrZero(unit);
        Double value;
        try {
            value = setting == null ? null : Double.valueOf(setting.strip());
        } catch (NumberFormatException e) {
            value = null;
        }
        if (value == null || value < 0) {
            return setting;
        }
        if (unitKb > 0) {
            double kb = value * unitKb;
            if (kb == Math.rint(kb) && kb >= 1) {
                return format((long) kb);
            }
        }
        return unit == null || unit.isBlank() ? setting : setting + unit;
    }

    /** How many kB one of pg_settings' memory units is; 0 for a unit that is not a size. */
    static double unitKbOrZero(String unit) {
        if (unit == null) {
            return 0;
        }
        return switch (unit) {
            case "B" -> 1 / 1024.0;
            case "kB" -> 1;
            case "8kB" -> 8;
            case "16kB" -> 16;
            case "32kB" -> 32;
            case "64kB" -> 64;
            case "MB" -> 1024;
            case "16MB" -> 16 * 1024;
            case "GB" -> 1024 * 1024;
            default -> 0;
        };
    }

    private static long unitKb(String unit) {
        return (long) unitKbOrZero(unit);
    }
}
