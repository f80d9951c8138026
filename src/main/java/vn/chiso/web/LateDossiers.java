package vn.chiso.web;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.procedure.ProcedureCodes;
import vn.chiso.reports.UnitReport.LateDossier;

/**
 * A page of a computation's late dossiers (resolved late in the window, or open and overdue at its
 * end), those a unit's report lists, searchable by dossier code, procedure or officer.
 */
@Component
class LateDossiers {

    /** A dossier as its row shows it: times in Vietnam, the due as the report prints it. */
    record Line(LateDossier dossier) {

        public String received() {
            return time(dossier.receivedAt());
        }

        public String due() {
            return dossier.dueAt() == null ? "" : dossier.dueLabel();
        }

        public String completed() {
            return dossier.completedAt() == null ? "chưa giải quyết" : time(dossier.completedAt());
        }

        /** Still open and past due at the window's end (quá hạn), rather than resolved late (trễ hạn). */
        public boolean open() {
            return dossier.completedAt() == null;
        }

        private static String time(java.time.Instant at) {
            return at == null ? "" : TIME.format(at.atZone(ReportingWindow.ZONE));
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    // A dossier code is searched as before V48 gave it collation "C", under which ILIKE folds ASCII letters alone.
    private static final String FROM = """
            FROM late_dossier l LEFT JOIN LATERAL %s p ON true
            WHERE l.computation_id = :computation AND l.agency_code IN (:codes)
              AND (:like::text IS NULL OR l.dossier_code COLLATE "default" ILIKE :like OR l.procedure_code ILIKE :like
                   OR p.name ILIKE :like OR l.officer ILIKE :like)""".formatted(ProcedureCodes.entrySql("l.procedure_code"));

    private final NamedParameterJdbcTemplate jdbc;

    LateDossiers(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The page asked for (clamped to those there are) of the dossiers of these units that match {@code query}. */
    ListPage<Line> page(long computationId, Collection<String> codes, String query, int page, int size) {
        MapSqlParameterSource params = new MapSqlParameterSource(Map.of("computation", computationId, "codes", codes))
                .addValue("like", query == null || query.isBlank() ? null : "%" + escape(query.strip()) + "%");
        long total = jdbc.queryForObject("SELECT count(*) " + FROM, params, Long.class);
        int pages = (int) Math.max(1, (total + size - 1) / size);
        int at = Math.min(Math.max(1, page), pages);
        params.addValue("limit", size).addValue("offset", (at - 1) * size);
        List<Line> lines = jdbc.query("""
                SELECT l.dossier_code, l.procedure_code, p.name, l.agency_code, l.officer, l.received_at, l.due_at,
                       l.completed_at, l.working_days_late, l.apology_issued
                """ + FROM + """

                ORDER BY l.completed_at IS NULL, l.due_at, l.dossier_code
                LIMIT :limit OFFSET :offset""", params,
                (rs, n) -> new Line(new LateDossier(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        instant(rs.getObject(6, OffsetDateTime.class)), instant(rs.getObject(7, OffsetDateTime.class)),
                        instant(rs.getObject(8, OffsetDateTime.class)), rs.getInt(9), rs.getBoolean(10))));
        return new ListPage<>(lines, at, pages, total, size);
    }

    /** The text as a LIKE pattern matches it literally. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static java.time.Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
