package vn.chiso.indicators;

import static vn.chiso.indicators.DossierFixture.at;
import static vn.chiso.indicators.DossierFixture.ts;

import java.time.LocalDate;

import org.springframework.jdbc.core.JdbcTemplate;

/** Reference data and the facts other than dossiers, written straight into their tables. Times are local "yyyy-MM-dd HH:mm". */
final class IndicatorFixtures {

    private IndicatorFixtures() {
    }

    static void orgUnit(JdbcTemplate jdbc, String code, String parentCode) {
        jdbc.update("INSERT INTO org_unit (agency_code, name, parent_code, exported_at, run_id, line) VALUES (?, ?, ?, now(), 1, 1)",
                code, "Đơn vị " + code, parentCode);
    }

    /** A weekday off (nghỉ lễ). */
    static void holiday(JdbcTemplate jdbc, String date) {
        calendarDay(jdbc, date, "HOLIDAY");
    }

    /** A Saturday or Sunday made a working day (làm bù). */
    static void workday(JdbcTemplate jdbc, String date) {
        calendarDay(jdbc, date, "WORKDAY");
    }

    private static void calendarDay(JdbcTemplate jdbc, String date, String kind) {
        jdbc.update("INSERT INTO holiday (day, kind, name, exported_at, run_id, line) VALUES (?, ?, ?, now(), 1, 1)",
                LocalDate.parse(date), kind, kind + " " + date);
    }

    /** An online payment transaction with its latest status (SUCCESS, FAILED, REFUNDED). */
    static void payment(JdbcTemplate jdbc, String transactionId, DossierFixture dossier, String status) {
        jdbc.update("""
                INSERT INTO payment (transaction_id, dossier_code, amount, fee_type, paid_at, status, exported_at, run_id, line)
                VALUES (?, ?, 50000, 'FEE', ?, ?, now(), 1, 1)""",
                transactionId, dossier.code(), ts(at("2024-01-10 10:00")), status);
        recordSeenAgencies(jdbc);
    }

    /** A satisfaction evaluation; {@code agency} may be null (then it belongs to its dossier's unit). */
    static void evaluation(JdbcTemplate jdbc, String id, String dossierCode, String agency, String evaluatedAt, String rating) {
        jdbc.update("""
                INSERT INTO evaluation (evaluation_id, dossier_code, agency_code, evaluated_at, rating, exported_at, run_id, line)
                VALUES (?, ?, ?, ?, ?, now(), 1, 1)""",
                id, dossierCode, agency, ts(at(evaluatedAt)), rating);
        recordSeenAgencies(jdbc);
    }

    /** A feedback item (PAKN); {@code answeredAt} and {@code rating} may be null. */
    static void feedback(JdbcTemplate jdbc, String id, String agency, String receivedAt, String dueAt, String answeredAt, String rating) {
        jdbc.update("""
                INSERT INTO feedback (feedback_id, agency_code, received_at, due_at, answered_at, citizen_rating, exported_at, run_id, line)
                VALUES (?, ?, ?, ?, ?, ?, now(), 1, 1)""",
                id, agency, ts(at(receivedAt)), dueAt == null ? null : ts(at(dueAt)),
                answeredAt == null ? null : ts(at(answeredAt)), rating);
        recordSeenAgencies(jdbc);
    }

    /**
     * What an ingest records of the agencies the fact tables name (table seen_agency), for facts that
     * tests insert themselves.
     */
    static void recordSeenAgencies(JdbcTemplate jdbc) {
        jdbc.update("""
                INSERT INTO seen_agency
                SELECT DISTINCT 'dossier', agency_code FROM dossier
                UNION SELECT DISTINCT 'evaluation', agency_code FROM evaluation WHERE agency_code IS NOT NULL
                UNION SELECT DISTINCT 'feedback', agency_code FROM feedback WHERE agency_code IS NOT NULL
                UNION SELECT DISTINCT 'payment', agency_code FROM payment WHERE agency_code IS NOT NULL
                ON CONFLICT DO NOTHING""");
    }
}
