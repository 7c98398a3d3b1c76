package io.miglab.core.playbook;

import io.miglab.core.ledger.Ledger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Remembers, in the ledger, how far the user got in each playbook. */
public final class PlaybookProgress {
    private final Ledger ledger;
    private final Clock clock;

    public PlaybookProgress(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Status by step id; steps never touched are absent (not started). */
    public Map<String, StepStatus> statuses(String playbookId) {
        return ledger.withConnection(c -> {
            Map<String, StepStatus> result = new HashMap<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT step_id, status FROM playbook_progress WHERE playbook_id = ?")) {
                ps.setString(1, playbookId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.put(
                                rs.getString(1),
                                StepStatus.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)));
                    }
                }
            }
            return result;
        });
    }

    public void set(String playbookId, String stepId, StepStatus status) {
        ledger.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO playbook_progress (playbook_id, step_id, status, updated_at) VALUES (?,?,?,?)"
                            + " ON CONFLICT (playbook_id, step_id) DO UPDATE SET status = excluded.status,"
                            + " updated_at = excluded.updated_at")) {
                ps.setString(1, playbookId);
                ps.setString(2, stepId);
                ps.setString(3, status.name().toLowerCase(Locale.ROOT));
                ps.setString(4, clock.instant().toString());
                return ps.executeUpdate();
            }
        });
    }
}
