package vn.chiso.indicators;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A dossier row as an export would give it, written straight into the {@code dossier} table. The
 * named factories read like the rules (a late dossier, an early one …); the setters adjust one
 * thing. Times are local (+07), written "yyyy-MM-dd HH:mm". Unless told otherwise a dossier belongs
 * to agency {@code A} and procedure {@code P}, is received directly on Wednesday 10/01/2024 at 09:00
 * and is due on Monday 15/01/2024 at 17:00 — well inside the window 2024-Q1 (15/12/2023–14/03/2024).
 */
final class DossierFixture {

    static final ZoneOffset LOCAL = ZoneOffset.ofHours(7);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private String code = "HS-" + SEQUENCE.incrementAndGet();
    private String agency = "A";
    private String procedure = "P";
    private String channel = "DIRECT";
    private OffsetDateTime submittedAt;
    private OffsetDateTime receivedAt = at("2024-01-10 09:00");
    private OffsetDateTime dueAt = at("2024-01-15 17:00");
    private LocalDate dueDate = LocalDate.parse("2024-01-15");
    private OffsetDateTime rescheduledDueAt;
    private OffsetDateTime completedAt;
    private boolean completedDateOnly;
    private String status = "IN_PROGRESS";
    private boolean digitized;
    private boolean eResult;
    private boolean dataReused;
    private boolean apologyIssued;
    private int supplementRequests;
    private String officer;
    private boolean paidOnline;

    private DossierFixture() {
    }

    /** Received, not yet resolved, due 15/01/2024 17:00. */
    static DossierFixture dossier() {
        return new DossierFixture();
    }

    static DossierFixture inProcessDossier() {
        return dossier();
    }

    /** Resolved the day before its due day. */
    static DossierFixture earlyDossier() {
        return dossier().resolvedAt("2024-01-12 10:00");
    }

    /** Resolved on its due day, before the due hour. */
    static DossierFixture onTimeDossier() {
        return dossier().resolvedAt("2024-01-15 16:00");
    }

    /** Resolved after its due instant. */
    static DossierFixture lateDossier() {
        return dossier().resolvedAt("2024-01-16 08:00");
    }

    /** In process at the end of 2024-Q1, its due instant long past. */
    static DossierFixture overdueDossier() {
        return dossier();
    }

    /** In process at the end of 2024-Q1, due after it. */
    static DossierFixture withinDueDossier() {
        return dossier().dueAt("2024-04-01 17:00");
    }

    static DossierFixture onlineDossier() {
        return dossier().channel("ONLINE");
    }

    DossierFixture code(String value) {
        code = value;
        return this;
    }

    String code() {
        return code;
    }

    DossierFixture agency(String value) {
        agency = value;
        return this;
    }

    DossierFixture procedure(String value) {
        procedure = value;
        return this;
    }

    DossierFixture channel(String value) {
        channel = value;
        return this;
    }

    DossierFixture submittedAt(String local) {
        submittedAt = at(local);
        return this;
    }

    DossierFixture receivedAt(String local) {
        receivedAt = at(local);
        return this;
    }

    /** Never received (SPEC §3.1: NOT_RECEIVED), with no receipt time and no due date. */
    DossierFixture neverReceived() {
        status = "NOT_RECEIVED";
        receivedAt = null;
        return noDueDate();
    }

    /** A due value with a time of day. */
    DossierFixture dueAt(String local) {
        dueAt = at(local);
        dueDate = dueAt.toLocalDate();
        return this;
    }

    /** A due value with no time of day: the end of that day, stored as 24:00 (SPEC §2, §4.3). */
    DossierFixture dueOn(String date) {
        dueDate = LocalDate.parse(date);
        dueAt = dueDate.plusDays(1).atStartOfDay().atOffset(LOCAL);
        return this;
    }

    /** The export has no due date: it is computed from the procedure's processing time (SPEC §4.2). */
    DossierFixture noDueDate() {
        dueAt = null;
        dueDate = null;
        return this;
    }

    DossierFixture rescheduledTo(String local) {
        rescheduledDueAt = at(local);
        return this;
    }

    DossierFixture resolvedAt(String local) {
        return completed("RESOLVED", local);
    }

    DossierFixture refusedAt(String local) {
        return completed("REFUSED", local);
    }

    DossierFixture completed(String resolvedStatus, String local) {
        status = resolvedStatus;
        completedAt = at(local);
        completedDateOnly = false;
        return this;
    }

    /** Resolved on a day, the export giving no time of day (stored as 00:00 of it). */
    DossierFixture resolvedOn(String date) {
        completed("RESOLVED", date + " 00:00");
        completedDateOnly = true;
        return this;
    }

    DossierFixture status(String value) {
        status = value;
        return this;
    }

    DossierFixture digitized() {
        digitized = true;
        return this;
    }

    DossierFixture withElectronicResult() {
        eResult = true;
        return this;
    }

    DossierFixture dataReused() {
        dataReused = true;
        return this;
    }

    DossierFixture withApology() {
        apologyIssued = true;
        return this;
    }

    DossierFixture supplementRequests(int count) {
        supplementRequests = count;
        return this;
    }

    DossierFixture officer(String name) {
        officer = name;
        return this;
    }

    /** Marked paid online in the export (DuocThanhToanTrucTuyen = 1), whatever the payments say. */
    DossierFixture paidOnline() {
        paidOnline = true;
        return this;
    }

    DossierFixture insert(JdbcTemplate jdbc) {
        jdbc.update("""
                INSERT INTO dossier (dossier_code, procedure_code, agency_code, channel, submitted_at, received_at,
                                     due_at, due_date, rescheduled_due_at, completed_at, completed_date_only, status, digitized,
                                     e_result, data_reused, supplement_requests, apology_issued, officer, paid_online,
                                     exported_at, run_id, line)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), 1, ?)""",
                code, procedure, agency, channel, ts(submittedAt), ts(receivedAt), ts(dueAt), dueDate, ts(rescheduledDueAt),
                ts(completedAt), completedDateOnly, status, digitized, eResult, dataReused, supplementRequests, apologyIssued,
                officer, paidOnline, SEQUENCE.get());
        IndicatorFixtures.recordSeenAgencies(jdbc);
        return this;
    }

    /** "yyyy-MM-dd HH:mm" local time as an instant. */
    static OffsetDateTime at(String local) {
        return LocalDateTime.parse(local.replace(' ', 'T')).atOffset(LOCAL);
    }

    static Timestamp ts(OffsetDateTime t) {
        return t == null ? null : Timestamp.from(t.toInstant());
    }
}
