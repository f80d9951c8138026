package vn.chiso.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.indicators.IndicatorEngine;
import vn.chiso.Fixtures;

/** Base of the ingest integration tests: empty tables before each test, small query helpers. */
abstract class IngestTest extends DatabaseTest {

    @Autowired
    IngestService ingestService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IndicatorEngine engine;

    /** What the ingests of the current test printed. */
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void emptyTables() {
        Fixtures.clean(jdbc);
    }

    List<IngestService.FileResult> ingest(Path... paths) throws IOException {
        return ingestService.ingest(List.of(paths), log::add);
    }

    IngestService.FileResult ingestOne(Path file) throws IOException {
        List<IngestService.FileResult> results = ingest(file);
        if (results.size() != 1) {
            throw new IllegalStateException("expected one file ingested, got " + results);
        }
        return results.get(0);
    }

    long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    String dossierValue(String code, String column) {
        return jdbc.queryForObject("SELECT " + column + "::text FROM dossier WHERE dossier_code = ?", String.class, code);
    }

    /** A stored instant as Vietnam's wall-clock time, dd/MM/yyyy HH:mm:ss. */
    String dossierLocalTime(String code, String column) {
        return jdbc.queryForObject("SELECT to_char(" + column + " AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI:SS')"
                + " FROM dossier WHERE dossier_code = ?", String.class, code);
    }

    ImportRun.Status runStatus(long runId) {
        return ImportRun.Status.valueOf(jdbc.queryForObject("SELECT status FROM import_run WHERE id = ?", String.class, runId));
    }

    /** The months as stored, then (the months marked out of date) as a computation builds them again. */
    List<String> rebuiltMonthRows() {
        jdbc.update("UPDATE dossier_month_state SET current = false");
        engine.compute(ReportingWindow.parse("2025-Q2"));
        return monthRows();
    }

    boolean monthsCurrent() {
        return jdbc.queryForObject("SELECT current FROM dossier_month_state", Boolean.class);
    }

    /** The month rows, one per key: an ingest appends its own rows, which computations sum. */
    List<String> monthRows() {
        return jdbc.queryForList("""
                SELECT concat_ws(E'\\t', agency_code, procedure_code, officer, received_month, settled_month, due_month, sum(n),
                       sum(live), sum(online), sum(postal), sum(multi_supplement), sum(late), sum(early), sum(late_apology),
                       sum(digitized), sum(reused), sum(e_result), sum(apology), sum(intake), sum(intake_8h), sum(withdrawn),
                       sum(cancelled), sum(paid_online))
                FROM dossier_month GROUP BY agency_code, procedure_code, officer, received_month, settled_month, due_month
                ORDER BY 1""", String.class);
    }

    static Path resource(String name) {
        return Fixtures.resource("ingest/" + name);
    }
}
