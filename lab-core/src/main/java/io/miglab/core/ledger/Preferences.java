package io.miglab.core.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;

/**
 * Small choices remembered in the ledger between runs: the database last used on a target, the theme. Keys are
 * dotted names ({@code target.lab.database}, {@code app.theme}); values are short text, never secrets.
 */
public final class Preferences {
    private final Ledger ledger;
    private final Clock clock;

    public Preferences(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    public Optional<String> get(String key) {
        return ledger.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM preference WHERE key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Sets the value; null or blank removes it. */
    public void put(String key, String value) {
        ledger.withConnection(c -> {
            if (value == null || value.isBlank()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM preference WHERE key = ?")) {
                    ps.setString(1, key);
                    return ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO preference (key, value, updated_at) VALUES (?,?,?)"
                            + " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")) {
                ps.setString(1, key);
                ps.setString(2, value);
                ps.setString(3, clock.instant().toString());
                return ps.executeUpdate();
            }
        });
    }
}
