package io.miglab.core.migration.bench;

import io.miglab.core.MigLabException;
import io.miglab.core.TextFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of migration files in the order a migration tool would apply them. Two layouts are understood, one per
 * folder: Flyway's ({@code V<version>__<name>.sql}, versions compared numerically part by part with {@code .} or
 * {@code _} between parts, then {@code R__<name>.sql} repeatables in name order), and plain numbered files ({@code
 * 001_name.sql}, {@code 2-name.sql}). Other files (a README) are ignored.
 *
 * @param folder the folder read
 * @param layout which naming the folder uses
 * @param files in the order they apply
 */
public record MigrationSet(Path folder, Layout layout, List<MigrationFile> files) {
    public enum Layout {
        FLYWAY,
        NUMBERED
    }

    private static final Pattern FLYWAY = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBERED = Pattern.compile("(\\d+)[_-](.+)\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern DEPENDS = Pattern.compile("^\\s*--\\s*depends\\s*:(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern VERSION = Pattern.compile("\\d+(?:[._]\\d+)*");

    public MigrationSet {
        files = List.copyOf(files);
    }

    /** Reads and orders the migration files of {@code folder}. */
    public static MigrationSet read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new MigLabException("The migration folder " + folder + " does not exist or is not a folder.");
        }
        List<Path> sql;
        try (Stream<Path> listing = Files.list(folder)) {
            sql = listing.filter(p -> p.getFileName()
                            .toString()
                            .toLowerCase(java.util.Locale.ROOT)
                            .endsWith(".sql"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new MigLabException("Cannot list the migration folder " + folder + ": " + e.getMessage(), e);
        }
        if (sql.isEmpty()) {
            throw new MigLabException("The migration folder " + folder + " has no .sql files.");
        }
        List<MigrationFile> versioned = new ArrayList<>();
        List<MigrationFile> repeatables = new ArrayList<>();
        Path flywayExample = null;
        Path numberedExample = null;
        for (Path p : sql) {
            String fileName = p.getFileName().toString();
            Matcher m;
            if ((m = FLYWAY.matcher(fileName)).matches()) {
                flywayExample = p;
                versioned.add(file(p, m.group(1), m.group(2)));
            } else if ((m = REPEATABLE.matcher(fileName)).matches()) {
                flywayExample = p;
                repeatables.add(file(p, null, m.group(1)));
            } else if ((m = NUMBERED.matcher(fileName)).matches()) {
                numberedExample = p;
                versioned.add(file(p, m.group(1), m.group(2)));
            } else {
                throw new MigLabException("The migration file " + p + " is named neither V<version>__<name>.sql,"
                        + " R__<name>.sql nor <number>_<name>.sql.");
            }
            if (flywayExample != null && numberedExample != null) {
                throw new MigLabException("The migration folder " + folder + " mixes Flyway names ("
                        + flywayExample.getFileName() + ") with plain numbered ones (" + numberedExample.getFileName()
                        + "); use one naming.");
            }
        }
        versioned.sort(Comparator.comparing(MigrationFile::version, MigrationSet::compareVersions));
        for (int i = 1; i < versioned.size(); i++) {
            MigrationFile a = versioned.get(i - 1);
            MigrationFile b = versioned.get(i);
            if (compareVersions(a.version(), b.version()) == 0) {
                throw new MigLabException("The migration files " + a.fileName() + " and " + b.fileName() + " in "
                        + folder + " have the same version " + b.version() + ".");
            }
        }
        repeatables.sort(Comparator.comparing(MigrationFile::name));
        List<MigrationFile> all = new ArrayList<>(versioned);
        all.addAll(repeatables);
        return new MigrationSet(folder, flywayExample != null ? Layout.FLYWAY : Layout.NUMBERED, all);
    }

    /** Whether {@code text} is a version: numbers separated by {@code .} or {@code _}. */
    static boolean isVersion(String text) {
        return VERSION.matcher(text).matches();
    }

    /** Compares versions part by part as numbers: 1.2 before 1.10, 001 equal to 1, 1 before 1.0.1. */
    static int compareVersions(String a, String b) {
        BigInteger[] pa = parts(a);
        BigInteger[] pb = parts(b);
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            BigInteger x = i < pa.length ? pa[i] : BigInteger.ZERO;
            BigInteger y = i < pb.length ? pb[i] : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static BigInteger[] parts(String version) {
        return Arrays.stream(version.split("[._]")).map(BigInteger::new).toArray(BigInteger[]::new);
    }

    private static MigrationFile file(Path p, String version, String name) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new MigLabException("Cannot read the migration file " + p + ": " + e.getMessage(), e);
        }
        String text = TextFiles.read(p, TextFiles.DEFAULT_MAX_BYTES, "the migration file");
        return new MigrationFile(version, name, p, sha256(bytes), declared(text), text);
    }

    /** The references of every {@code -- depends:} line before the first statement. */
    private static List<String> declared(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                continue;
            }
            if (!stripped.startsWith("--")) {
                break;
            }
            Matcher m = DEPENDS.matcher(stripped);
            if (m.matches()) {
                Arrays.stream(m.group(1).split("[,\\s]+"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .forEach(out::add);
            }
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
