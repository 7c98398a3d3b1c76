package io.miglab.core.report.epic;

/** One row of the Risks and Mitigations table. */
public record Risk(String risk, String impact, String mitigation) {
    public Risk {
        risk = EpicText.required(risk, "A risk");
        impact = EpicText.line(impact, "The impact of the risk " + risk);
        mitigation = EpicText.line(mitigation, "The mitigation of the risk " + risk);
    }
}
