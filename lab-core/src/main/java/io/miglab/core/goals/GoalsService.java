package io.miglab.core.goals;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.ledger.Ledger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;

/** {@link Goals} in the ledger's {@code goals} table, one JSON document per playbook. */
public final class GoalsService implements Goals {
    private final Ledger ledger;
    private final Clock clock;

    public GoalsService(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public MigrationGoals load(String playbookId) {
        String document = ledger.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT document FROM goals WHERE playbook_id = ?")) {
                ps.setString(1, playbookId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (document == null) {
            return MigrationGoals.none();
        }
        try {
            return Json.mapper().readValue(document, MigrationGoals.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new MigLabException(
                    "The goals stored for playbook " + playbookId + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(String playbookId, MigrationGoals goals) {
        String document;
        try {
            document = Json.mapper().writeValueAsString(goals);
        } catch (JsonProcessingException e) {
            throw new MigLabException("The goals cannot be written: " + e.getMessage(), e);
        }
        ledger.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO goals (playbook_id, document, updated_at) VALUES (?,?,?) ON CONFLICT"
                            + " (playbook_id) DO UPDATE SET document = excluded.document, updated_at ="
                            + " excluded.updated_at")) {
                ps.setString(1, playbookId);
                ps.setString(2, document);
                ps.setString(3, clock.instant().toString());
                return ps.executeUpdate();
            }
        });
    }
}
