package vn.chiso.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.chiso.calendar.ReportingWindow;

/** The reporting windows known to the data: the standard ones its dossiers fall in, and custom ones computed. */
@Component
class Windows {

    /** A window as the API lists it; {@code computedAt} is null until its indicators were computed. */
    record Info(String id, String name, ReportingWindow.Kind kind, LocalDate from, LocalDate to, LocalDate reportDue,
                OffsetDateTime computedAt) {
    }

    private final JdbcTemplate jdbc;

    Windows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first; of windows ending the same day, the longest first (the year before its last quarter). */
    List<Info> known() {
        Map<String, OffsetDateTime> computed = new HashMap<>();
        Map<String, ReportingWindow> custom = new HashMap<>();
        jdbc.query("""
                SELECT DISTINCT ON (window_id) window_id, from_date, to_date, computed_at
                FROM computation ORDER BY window_id, id DESC""", rs -> {
            String id = rs.getString(1);
            computed.put(id, rs.getObject(4, OffsetDateTime.class));
            if (!isStandard(id)) {
                custom.put(id, ReportingWindow.custom(id, rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class)));
            }
        });
        List<ReportingWindow> windows = new ArrayList<>(custom.values());
        dataRange().ifPresent(range -> {
            for (int year = range[0].getYear(); year <= range[1].getYear() + 1; year++) {
                for (ReportingWindow w : ReportingWindow.standardWindowsOf(year)) {
                    if (!w.from().isAfter(range[1]) && !w.to().isBefore(range[0])) {
                        windows.add(w);
                    }
                }
            }
        });
        return windows.stream()
                .sorted(Comparator.comparing(ReportingWindow::to).reversed().thenComparing(ReportingWindow::from))
                .map(w -> new Info(w.id(), w.vietnameseName(), w.kind(), w.from(), w.to(),
                        w.kind() == ReportingWindow.Kind.CUSTOM ? null : w.reportDueDate(), computed.get(w.id())))
                .toList();
    }

    /** A standard window id, or a custom window computed before; empty for anything else. */
    Optional<ReportingWindow> resolve(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        if (isStandard(id)) {
            return Optional.of(ReportingWindow.parse(id));
        }
        return jdbc.query("SELECT from_date, to_date FROM computation WHERE window_id = ? ORDER BY id DESC LIMIT 1",
                (rs, n) -> ReportingWindow.custom(id, rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)), id)
                .stream().findFirst();
    }

    /** A window id that is neither a standard one nor a custom window computed before: the caller's mistake (400). */
    static IllegalArgumentException unknown(String id) {
        return new IllegalArgumentException("unknown window '" + vn.chiso.security.Shown.of(id)
                + "': a standard id such as 2024-Q1, 2024-H1, 2024-M05, or a custom window computed with ./chiso compute");
    }

    /** The window a page opens on: the latest quarter the data reach the end of, else the latest quarter they touch. */
    ReportingWindow defaultWindow() {
        Optional<LocalDate[]> range = dataRange();
        LocalDate last = range.map(r -> r[1]).orElse(LocalDate.now(ReportingWindow.ZONE));
        ReportingWindow touched = null;
        for (int year = last.getYear() + 1; year >= last.getYear() - 1; year--) {
            for (int quarter = 4; quarter >= 1; quarter--) {
                ReportingWindow w = ReportingWindow.parse(year + "-Q" + quarter);
                if (!w.to().isAfter(last)) {
                    return w;
                }
                if (!w.from().isAfter(last) && touched == null) {
                    touched = w;
                }
            }
        }
        return touched != null ? touched : ReportingWindow.parse(last.getYear() + "-Q1");
    }

    /** First and last local date a dossier was received, if there is any dossier. */
    Optional<LocalDate[]> dataRange() {
        return jdbc.query("""
                SELECT (min(received_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, (max(received_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                FROM dossier""", (rs, n) -> {
            LocalDate first = rs.getObject(1, LocalDate.class);
            return first == null ? null : new LocalDate[] {first, rs.getObject(2, LocalDate.class)};
        }).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    static boolean isStandard(String id) {
        try {
            ReportingWindow.parse(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
