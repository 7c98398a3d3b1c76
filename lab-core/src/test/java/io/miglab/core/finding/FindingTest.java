package io.miglab.core.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FindingTest {

    @ParameterizedTest(name = "{0} at least {1}: {2}")
    @CsvSource({
        "CRITICAL, CRITICAL, true",
        "CRITICAL, WARNING,  true",
        "CRITICAL, INFO,     true",
        "WARNING,  CRITICAL, false",
        "WARNING,  WARNING,  true",
        "WARNING,  INFO,     true",
        "INFO,     CRITICAL, false",
        "INFO,     WARNING,  false",
        "INFO,     INFO,     true"
    })
    void atLeastReadsTheWayItSays(Severity level, Severity other, boolean expected) {
        assertThat(level.atLeast(other)).isEqualTo(expected);
    }

    @Test
    void oneOrderMostSevereFirst() {
        List<Severity> levels = new ArrayList<>(List.of(Severity.INFO, Severity.CRITICAL, Severity.WARNING));
        levels.sort(Severity.MOST_SEVERE_FIRST);
        assertThat(levels).containsExactly(Severity.CRITICAL, Severity.WARNING, Severity.INFO);
        assertThat(Severity.mostSevere(Severity.INFO, Severity.WARNING)).isEqualTo(Severity.WARNING);
        assertThat(Severity.mostSevere(null, Severity.INFO)).isEqualTo(Severity.INFO);
        assertThat(Severity.leastSevere(Severity.CRITICAL, Severity.WARNING)).isEqualTo(Severity.WARNING);
        assertThat(Severity.leastSevere(Severity.CRITICAL, null)).isNull();
        assertThat(Severity.WARNING.label()).isEqualTo("warning");
    }

    @Test
    void findingsSortBySeverityThenSubjectWithNodeIdsAsNumbers() {
        Finding node10 = node("slow-node", Severity.WARNING, 10);
        Finding node9 = node("slow-node", Severity.WARNING, 9);
        Finding node2Critical = node("misestimate", Severity.CRITICAL, 2);
        Finding node9Misestimate = node("misestimate", Severity.WARNING, 9);
        Finding info = node("heap-fetches", Severity.INFO, 1);
        List<Finding> list = new ArrayList<>(List.of(info, node10, node9, node2Critical, node9Misestimate));
        list.sort(Finding.ORDER);
        assertThat(list).containsExactly(node2Critical, node9Misestimate, node9, node10, info);
    }

    @Test
    void aPlanNodeSubjectCarriesTheIdAndTheLabel() {
        Finding f = node("slow-node", Severity.INFO, 3);
        assertThat(f.planNodeId()).isEqualTo(3);
        assertThat(f.subject().label()).isEqualTo("#3 Seq Scan on orders");
        Finding index = new Finding(
                "unused-index",
                Severity.INFO,
                Subject.of(Subject.INDEX, "\"public\".\"i\"", null),
                "Index i is unused",
                "0 scans",
                null,
                null,
                null);
        assertThat(index.planNodeId()).isZero();
        assertThat(index.subject().label()).as("defaults to the key").isEqualTo("\"public\".\"i\"");
        assertThat(index.headline()).isEqualTo("[INFO] Index i is unused");
    }

    @Test
    void itsJsonHasTheModelsFieldsAndReadsBack() throws Exception {
        Finding f = node("slow-node", Severity.WARNING, 4);
        JsonNode json = Json.mapper().valueToTree(f);
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly("code", "severity", "subject", "title", "evidence", "threshold", "advice", "value");
        assertThat(json.at("/subject/kind").asText()).isEqualTo("plan-node");
        assertThat(json.at("/subject/key").asText()).isEqualTo("4");
        assertThat(json.get("severity").asText()).isEqualTo("WARNING");
        assertThat(Json.mapper().treeToValue(json, Finding.class)).isEqualTo(f);
    }

    @Test
    void textShowsTheNodeIdEvidenceAdviceAndThreshold() {
        String text = FindingText.render(List.of(node("slow-node", Severity.WARNING, 4)));
        assertThat(text.lines().toList())
                .containsExactly(
                        "Findings:",
                        "  [WARNING] #4 Seq Scan on orders takes 93 % of the time",
                        "      The node's own work.",
                        "      Try: An index.",
                        "      Threshold: 10 / 50 / 90 %");
        assertThat(FindingText.render(List.of())).isEqualTo("No findings." + System.lineSeparator());
    }

    @Test
    void aFindingIsRefusedWithoutItsEssentials() {
        Subject s = Subject.planNode(1, "Sort");
        assertThatThrownBy(() -> new Finding("Slow Node", Severity.INFO, s, "t", "e", null, null, null))
                .hasMessageContaining("lower case with dashes");
        assertThatThrownBy(() -> new Finding("slow-node", null, s, "t", "e", null, null, null))
                .hasMessageContaining("severity");
        assertThatThrownBy(() -> new Finding("slow-node", Severity.INFO, s, "two\nlines", "e", null, null, null))
                .hasMessageContaining("one-line title");
        assertThatThrownBy(() -> new Finding("slow-node", Severity.INFO, s, "t", " ", null, null, null))
                .hasMessageContaining("evidence");
        Finding blanks = new Finding("slow-node", Severity.INFO, s, "t", "e", " ", "", Double.NaN);
        assertThat(blanks.threshold()).isNull();
        assertThat(blanks.advice()).isNull();
        assertThat(blanks.value()).isNull();
    }

    private static Finding node(String code, Severity severity, int id) {
        return new Finding(
                code,
                severity,
                Subject.planNode(id, "Seq Scan on orders"),
                "Seq Scan on orders takes 93 % of the time",
                "The node's own work.",
                "10 / 50 / 90 %",
                "An index.",
                0.93);
    }
}
