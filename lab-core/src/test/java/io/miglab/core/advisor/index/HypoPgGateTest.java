package io.miglab.core.advisor.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.sql.StatementClassifier;
import io.miglab.core.sql.StatementEffect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the advisor sends for HypoPG costing is a read to the gate, so it runs on a locked guarded target: HypoPG's
 * functions only touch the backend's memory (SideEffectFunctions leaves them out on purpose). The statements run
 * for real through the guard in {@link IndexAdvisorHypoPgTest}.
 */
class HypoPgGateTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT indexrelid, indexname FROM hypopg_create_index(?)",
                "SELECT hypopg_drop_index(?)",
                "SELECT hypopg_reset()",
                "SELECT * FROM hypopg_list_indexes",
                "SELECT hypopg_relation_size(13543)",
                "EXPLAIN (FORMAT JSON) SELECT 1"
            })
    void isAReadThatALockedGuardedTargetLetsThrough(String sql) {
        assertThat(StatementClassifier.classify(sql).effect()).isEqualTo(StatementEffect.READ);
        assertThat(StatementEffect.READ.allowedWhileLocked()).isTrue();
    }
}
