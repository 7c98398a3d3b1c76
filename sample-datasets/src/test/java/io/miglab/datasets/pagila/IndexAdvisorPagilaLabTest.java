package io.miglab.datasets.pagila;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.advisor.index.Costing;
import io.miglab.core.advisor.index.IndexAdvice;
import io.miglab.core.advisor.index.IndexAdviceRequest;
import io.miglab.core.advisor.index.IndexApplyRequest;
import io.miglab.core.advisor.index.IndexBuild;
import io.miglab.core.advisor.index.IndexCandidate;
import io.miglab.core.advisor.index.IndexProof;
import io.miglab.core.advisor.index.IndexProveRequest;
import io.miglab.core.advisor.index.IndexSpec;
import io.miglab.core.advisor.index.IndexSql;
import io.miglab.core.advisor.index.IndexUndo;
import io.miglab.core.advisor.index.IndexUndoRequest;
import io.miglab.core.ledger.ExperimentLink;
import io.miglab.core.targets.lab.SharedBinaries;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.Workload;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index advisor on generated Pagila in a lab instance, whose embedded binaries have no HypoPG: candidates from
 * the real plans of the bundled workload, costed by building each index inside a transaction that is rolled back;
 * then apply, prove with A/B rounds, measure writes and undo, each an experiment linked to the one before.
 */
@Tag("postgres")
class IndexAdvisorPagilaLabTest {
    @TempDir
    static Path home;

    static Workspace workspace;

    @BeforeAll
    static void labWithPagila() {
        workspace = Workspace.open(
                new MigLabHome(home),
                Map.of(Workspace.BINARIES_VARIABLE, SharedBinaries.dir().toString()));
        workspace.labInstances().start("idx", ProgressListener.NONE);
        new PagilaLoads(workspace.ledger(), "idx", workspace.targets().connector("idx"))
                .generate(GenerateOptions.of(1, "pagila"), ProgressListener.NONE, Cancellation.none());
    }

    @AfterAll
    static void stopLab() {
        if (workspace != null) {
            workspace.labInstances().stopStartedHere();
            workspace.close();
        }
    }

    @Test
    void candidatesComeFromThePagilaPlansAndAreCostedWithRealIndexes() throws SQLException {
        List<String> before = indexes();
        IndexAdvice advice = workspace
                .indexAdvisor()
                .advise(
                        IndexAdviceRequest.of(
                                "idx", "pagila", new BaselineRequest.WorkloadSource.Given(PagilaWorkload.bundled())),
                        ProgressListener.NONE,
                        Cancellation.none());

        assertThat(advice.costing()).isEqualTo(Costing.REAL_INDEX);
        assertThat(advice.statements()).hasSize(10).allSatisfy(s -> assertThat(s.cost())
                .as(s.statement() + ": " + s.problem())
                .isPositive());
        // The category classic filters category on name and joins film_category on category_id and film_id, and
        // inventory on film_id: the seed's hand-written indexes are among the candidates, serving it.
        for (String[] expected :
                new String[][] {{"category", "name"}, {"film_category", "category_id"}, {"inventory", "film_id"}}) {
            assertThat(advice.candidates())
                    .as(expected[0] + "(" + expected[1] + ")")
                    .anySatisfy(c -> {
                        assertThat(c.index().table()).isEqualTo(expected[0]);
                        assertThat(c.index().columns()).containsExactly(expected[1]);
                        assertThat(c.serves()).contains("category_rentals");
                    });
        }
        // The customer lookup filters rental on customer_id and sorts by rental_date: both orders are candidates.
        assertThat(advice.candidates())
                .extracting(c -> c.index().table() + c.index().columns())
                .contains("rental[customer_id, rental_date]", "rental[rental_date, customer_id]");
        // rental(inventory_id) is a join column, and idx_fk_inventory_id is that index already.
        assertThat(advice.candidates())
                .filteredOn(c -> c.index().table().equals("rental")
                        && c.index().columns().equals(List.of("inventory_id"))
                        && c.index().include().isEmpty())
                .singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("idx_fk_inventory_id"));
        assertThat(advice.candidates()).allSatisfy(c -> assertThat(c.reason()).matches("(Kept|Rejected|Not).*"));
        assertThat(advice.kept()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.bestSavingPercent()).isGreaterThanOrEqualTo(50);
            assertThat(c.best().used()).isTrue();
        });
        // Costing left nothing behind.
        assertThat(indexes()).isEqualTo(before);
    }

    @Test
    void applyProveAndUndoAreLinkedExperiments() throws SQLException {
        IndexAdvice advice = workspace
                .indexAdvisor()
                .advise(
                        IndexAdviceRequest.of(
                                "idx", "pagila", new BaselineRequest.WorkloadSource.Given(PagilaWorkload.bundled())),
                        ProgressListener.NONE,
                        Cancellation.none());
        IndexSpec index = IndexSql.parseScript("CREATE INDEX idx_category_name ON category (name);", "lab.sql")
                .get(0);
        IndexBuild build = workspace
                .indexAdvisor()
                .apply(
                        new IndexApplyRequest("idx", "pagila", List.of(index), advice.experimentId()),
                        ProgressListener.NONE,
                        Cancellation.none());
        assertThat(indexes()).contains("idx_category_name");
        Workload small = Workload.parse(
                "small.sql",
                "-- name: category_rentals\n"
                        + PagilaWorkload.bundled().statements().get(7).sql()
                        + "\n-- name: film_by_id\nSELECT title FROM film WHERE film_id = 42;\n");
        IndexProof proof = workspace
                .indexAdvisor()
                .prove(
                        new IndexProveRequest(
                                "idx",
                                "pagila",
                                build.experimentId(),
                                build.specs(),
                                new BaselineRequest.WorkloadSource.Given(small),
                                4,
                                null,
                                true),
                        ProgressListener.NONE,
                        Cancellation.none());

        assertThat(proof.speed().comparison().statements()).hasSize(2);
        assertThat(proof.writeWorkload()).contains("-- name: insert_category").contains("-- name: update_category");
        assertThat(proof.writes().comparison().statements())
                .extracting(s -> s.statement())
                .containsExactly("insert_category", "update_category");
        // The rounds end on either side; the build's index is back afterwards.
        assertThat(indexes()).contains("idx_category_name");
        assertThat(workspace.ledger().links(build.experimentId()))
                .contains(
                        new ExperimentLink(build.experimentId(), ExperimentLink.IMPROVES, advice.experimentId()),
                        new ExperimentLink(proof.speed().experimentId(), ExperimentLink.PROVES, build.experimentId()),
                        new ExperimentLink(proof.writes().experimentId(), ExperimentLink.COSTS, build.experimentId()));

        IndexUndo undo =
                workspace.indexAdvisor().undo(IndexUndoRequest.of(build), ProgressListener.NONE, Cancellation.none());
        assertThat(indexes()).doesNotContain("idx_category_name");
        assertThat(workspace.ledger().links(undo.experimentId()))
                .contains(new ExperimentLink(undo.experimentId(), ExperimentLink.UNDOES, build.experimentId()));
        assertThat(advice.candidates()).extracting(IndexCandidate::reason).doesNotContainNull();
    }

    private static List<String> indexes() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = workspace.targets().connector("idx").open("pagila");
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
