package io.miglab.core.metrics.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What Linux's /proc says about a process: CPU ticks, resident memory, parent, command line. */
public final class ProcFs {
    /** USER_HZ: what the kernel reports CPU times in; 100 on every Linux MigLab runs on. */
    public static final double TICKS_PER_SECOND = 100.0;

    private final Path proc;

    public ProcFs(Path proc) {
        this.proc = proc;
    }

    /** This machine's /proc, or empty where there is none to read (macOS, Windows). */
    public static Optional<ProcFs> local() {
        Path proc = Path.of("/proc");
        return Files.isReadable(proc.resolve("self").resolve("stat"))
                ? Optional.of(new ProcFs(proc))
                : Optional.empty();
    }

    /** utime + stime in clock ticks, or -1 when the process cannot be read. */
    public long ticks(long pid) {
        String[] f = statFields(pid);
        if (f == null) {
            return -1;
        }
        try {
            // After the name: state is field 3, so utime (14) and stime (15) sit at 11 and 12.
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The parent's pid, or -1. */
    public long parent(long pid) {
        String[] f = statFields(pid);
        try {
            return f == null ? -1 : Long.parseLong(f[1]);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** VmRSS in bytes, or 0 when it cannot be read. */
    public long rss(long pid) {
        try {
            for (String line :
                    Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The command line with NULs as spaces ("postgres: lab: checkpointer "), or "" when unreadable. */
    public String commandLine(long pid) {
        try {
            byte[] b = Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("cmdline"));
            return new String(b, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code root} and every process below it, found by scanning each process's parent. */
    public List<Long> tree(long root) {
        List<Long> all = new ArrayList<>();
        if (ticks(root) < 0) {
            return all;
        }
        all.add(root);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(
                proc, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            List<long[]> pairs = new ArrayList<>();
            for (Path p : entries) {
                long pid = Long.parseLong(p.getFileName().toString());
                pairs.add(new long[] {pid, parent(pid)});
            }
            // Breadth first: parents are found before their children whatever the directory order.
            for (int i = 0; i < all.size(); i++) {
                long parent = all.get(i);
                for (long[] pp : pairs) {
                    if (pp[1] == parent && !all.contains(pp[0])) {
                        all.add(pp[0]);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return all;
        }
        return all;
    }

    private String[] statFields(long pid) {
        try {
            String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
