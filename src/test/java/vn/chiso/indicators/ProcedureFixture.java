package vn.chiso.indicators;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A procedure catalogue entry (SPEC §3.5). Unless told otherwise: 5 working days, offered online in
 * full, no fee, returns a result document, not offered by postal service.
 */
final class ProcedureFixture {

    private final String code;
    private int processingDays = 5;
    private String onlineLevel = "FULL";
    private boolean feeBearing;
    private boolean documentResult = true;
    private boolean postalEnabled;

    private ProcedureFixture(String code) {
        this.code = code;
    }

    static ProcedureFixture procedure(String code) {
        return new ProcedureFixture(code);
    }

    ProcedureFixture processingDays(int days) {
        processingDays = days;
        return this;
    }

    ProcedureFixture online(String level) {
        onlineLevel = level;
        return this;
    }

    ProcedureFixture feeBearing() {
        feeBearing = true;
        return this;
    }

    ProcedureFixture withoutResultDocument() {
        documentResult = false;
        return this;
    }

    ProcedureFixture postalEnabled() {
        postalEnabled = true;
        return this;
    }

    void insert(JdbcTemplate jdbc) {
        jdbc.update("""
                INSERT INTO procedure (procedure_code, name, processing_days, online_level, fee_bearing, document_result,
                                       postal_enabled, exported_at, run_id, line)
                VALUES (?, ?, ?, ?, ?, ?, ?, now(), 1, 1)""",
                code, "Thủ tục " + code, processingDays, onlineLevel, feeBearing, documentResult, postalEnabled);
    }
}
