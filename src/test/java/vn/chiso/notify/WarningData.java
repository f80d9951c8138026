package vn.chiso.notify;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small province for the morning warning, written straight into the tables as the indicator tests'
 * fixtures do: province {@code TINH} above {@code STP} and district {@code H1}, commune {@code X1} below
 * {@code H1}; procedure {@code P}. The window is 2024-Q1 and X is Friday 12/01/2024, so the horizon of
 * two working days is Tuesday 16/01.
 */
public final class WarningData {

    public static final LocalDate FRIDAY = LocalDate.of(2024, 1, 12);
    public static final String AN = "Nguyễn Văn An";
    private static final AtomicInteger LINE = new AtomicInteger();

    private WarningData() {
    }

    /**
     * STP: HS-STP-1 due Monday (officer An), HS-STP-2 overdue since Thursday, HS-STP-9 due in February (not at risk);
     * H1: HS-H1-1 due Tuesday; X1: HS-X1-1 due Monday (officer An). Each unit resolved one dossier on time
     * before X (OK-…), so its rates are not empty: 100% now, 5 points.
     */
    public static void province(JdbcTemplate jdbc) {
        jdbc.update("""
                INSERT INTO procedure (procedure_code, name, processing_days, online_level, fee_bearing, document_result,
                                       postal_enabled, exported_at, run_id, line)
                VALUES ('P', 'Thủ tục P', 5, 'FULL', false, true, false, now(), 1, 1)""");
        orgUnit(jdbc, "TINH", "Ủy ban nhân dân tỉnh", null);
        orgUnit(jdbc, "STP", "Sở Tư pháp", "TINH");
        orgUnit(jdbc, "H1", "Ủy ban nhân dân huyện Một", "TINH");
        orgUnit(jdbc, "X1", "Ủy ban nhân dân xã Một", "H1");
        dossier(jdbc, "HS-STP-1", "STP", "2024-01-15T17:00", AN);
        dossier(jdbc, "HS-STP-2", "STP", "2024-01-11T17:00", "Trần Thị Bình");
        dossier(jdbc, "HS-STP-9", "STP", "2024-02-20T17:00", AN);
        dossier(jdbc, "HS-H1-1", "H1", "2024-01-16T10:00", "Lê Văn Cường");
        dossier(jdbc, "HS-X1-1", "X1", "2024-01-15T17:00", AN);
        for (String unit : new String[] {"STP", "H1", "X1"}) {
            dossier(jdbc, "OK-" + unit, unit, "2024-01-11T17:00", AN);
            jdbc.update("UPDATE dossier SET status = 'RESOLVED', completed_at = ? WHERE dossier_code = ?",
                    local(LocalDateTime.parse("2024-01-11T10:00")), "OK-" + unit);
        }
        jdbc.update("INSERT INTO seen_agency SELECT DISTINCT 'dossier', agency_code FROM dossier ON CONFLICT DO NOTHING");
    }

    private static void orgUnit(JdbcTemplate jdbc, String code, String name, String parent) {
        jdbc.update("INSERT INTO org_unit (agency_code, name, parent_code, exported_at, run_id, line) VALUES (?, ?, ?, now(), 1, 1)",
                code, name, parent);
    }

    /** In process, received directly on Wednesday 10/01/2024 at 09:00, due at the local time given. */
    private static void dossier(JdbcTemplate jdbc, String code, String agency, String due, String officer) {
        LocalDateTime dueAt = LocalDateTime.parse(due);
        jdbc.update("""
                INSERT INTO dossier (dossier_code, procedure_code, agency_code, channel, received_at, due_at, due_date, status, officer,
                                     exported_at, run_id, line)
                VALUES (?, 'P', ?, 'DIRECT', ?, ?, ?, 'IN_PROGRESS', ?, now(), 1, ?)""",
                code, agency, local(LocalDateTime.parse("2024-01-10T09:00")), local(dueAt), dueAt.toLocalDate(), officer,
                LINE.incrementAndGet());
    }

    private static Timestamp local(LocalDateTime time) {
        return Timestamp.from(time.atOffset(ZoneOffset.ofHours(7)).toInstant());
    }
}
