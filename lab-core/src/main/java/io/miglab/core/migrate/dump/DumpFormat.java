package io.miglab.core.migrate.dump;

import io.miglab.core.MigLabException;
import java.util.Locale;

/** pg_dump's output formats MigLab runs; {@link #id()} is what the CLI and JSON use. */
public enum DumpFormat {
    /** {@code -Fc}: one compressed archive; pg_restore can restore it with {@code -j}, pg_dump writes it serially. */
    CUSTOM("custom", "c"),
    /** {@code -Fd}: a folder with a file per table; pg_dump and pg_restore both take {@code -j}. */
    DIRECTORY("directory", "d"),
    /** {@code -Fp}: a SQL script, restored by MigLab's script runner (psql-compatible), serially. */
    PLAIN("plain", "p");

    private final String id;
    private final String flag;

    DumpFormat(String id, String flag) {
        this.id = id;
        this.flag = flag;
    }

    public String id() {
        return id;
    }

    /** pg_dump's {@code -F} letter. */
    String flag() {
        return flag;
    }

    public static DumpFormat parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (DumpFormat f : values()) {
            if (f.id.equals(t) || f.flag.equals(t)) {
                return f;
            }
        }
        throw new MigLabException("Unknown dump format '" + text + "'; choose custom, directory or plain.");
    }
}
