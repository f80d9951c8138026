package vn.chiso.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting window (kỳ báo cáo), SPEC §2. Both end dates count whole, in local time. Standard windows
 * are cut off on the 14th, not at month ends (Decree 09/2019/NĐ-CP, Art. 12), so each one ends on the
 * 14th of its last month and starts on the 15th of the month before its first.
 */
public record ReportingWindow(String id, Kind kind, int year, LocalDate from, LocalDate to) {

    public enum Kind { QUARTER, HALF, NINE_MONTHS, YEAR, MONTH, CUSTOM }

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private static final Pattern STANDARD_ID = Pattern.compile("(\\d{4})(?:-(?:Q([1-4])|H([12])|(9M)|M(0[1-9]|1[0-2])))?");
    private static final String[] ROMAN = {"I", "II", "III", "IV"};
    private static final int CUT_OFF_DAY = 14;

    public ReportingWindow {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a reporting window needs an id");
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("reporting window '" + id + "' ends (" + to + ") before it starts (" + from + ")");
        }
    }

    public static ReportingWindow parse(String id) {
        Matcher m = STANDARD_ID.matcher(normalized(id));
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown reporting window '" + id
                    + "': expected Y, Y-Q1..Y-Q4, Y-H1, Y-H2, Y-9M or Y-M01..Y-M12, e.g. 2024-Q1");
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) != null) {
            return standard(Kind.QUARTER, YearMonth.of(year, 3 * Integer.parseInt(m.group(2))));
        }
        if (m.group(3) != null) {
            return standard(Kind.HALF, YearMonth.of(year, 6 * Integer.parseInt(m.group(3))));
        }
        if (m.group(4) != null) {
            return standard(Kind.NINE_MONTHS, YearMonth.of(year, 9));
        }
        if (m.group(5) != null) {
            return standard(Kind.MONTH, YearMonth.of(year, Integer.parseInt(m.group(5))));
        }
        return standard(Kind.YEAR, YearMonth.of(year, 12));
    }

    /** A window with a province's own cut-offs; its year is that of its last day. */
    public static ReportingWindow custom(String id, LocalDate from, LocalDate to) {
        // A custom window named like a standard one would share its indicators and archived reports.
        if (STANDARD_ID.matcher(normalized(id)).matches()) {
            throw new IllegalArgumentException("'" + id + "' is a standard window id; give the custom window another name");
        }
        Objects.requireNonNull(to, "to");
        return new ReportingWindow(id, Kind.CUSTOM, to.getYear(), from, to);
    }

    public static List<ReportingWindow> standardWindowsOf(int year) {
        List<ReportingWindow> windows = new ArrayList<>();
        for (String suffix : List.of("-Q1", "-Q2", "-Q3", "-Q4", "-H1", "-H2", "-9M", "")) {
            windows.add(parse(year + suffix));
        }
        for (int month = 1; month <= 12; month++) {
            windows.add(standard(Kind.MONTH, YearMonth.of(year, month)));
        }
        return windows;
    }

    public Instant start() {
        return from.atStartOfDay(ZONE).toInstant();
    }

    /** 24:00 of the last day, i.e. exclusive. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    public String vietnameseName() {
        int lastMonth = to.getMonthValue();
        return switch (kind) {
            case QUARTER -> "Quý " + ROMAN[lastMonth / 3 - 1] + " năm " + year;
            case HALF -> (lastMonth == 6 ? "6 tháng đầu năm " : "6 tháng cuối năm ") + year;
            case NINE_MONTHS -> "9 tháng năm " + year;
            case YEAR -> "Năm " + year;
            case MONTH -> "Tháng " + lastMonth + " năm " + year;
            case CUSTOM -> "Kỳ " + id;
        };
    }

    /**
     * The window a report compares against: the one just before, of the same kind. Halves alternate
     * (H1 follows the previous year's H2); nine-month and year windows step back a year; a custom window
     * gets the same number of days ending the day before it starts, named by its dates.
     */
    public Optional<ReportingWindow> previous() {
        if (kind == Kind.CUSTOM) {
            long days = ChronoUnit.DAYS.between(from, to) + 1;
            LocalDate prevTo = from.minusDays(1);
            LocalDate prevFrom = prevTo.minusDays(days - 1);
            return Optional.of(new ReportingWindow(prevFrom + ".." + prevTo, Kind.CUSTOM, prevTo.getYear(), prevFrom, prevTo));
        }
        int step = switch (kind) {
            case MONTH -> 1;
            case QUARTER -> 3;
            case HALF -> 6;
            default -> 12;
        };
        YearMonth last = lastMonth().minusMonths(step);
        // Ids carry a four-digit year.
        return last.getYear() < 1000 ? Optional.empty() : Optional.of(standard(kind, last));
    }

    /**
     * The monthly windows making up this one, in order, for trend charts. A custom window is split by
     * calendar month, clipped to the window, with ids like {@code "<id>:2024-01"}.
     */
    public List<ReportingWindow> months() {
        List<ReportingWindow> months = new ArrayList<>();
        if (kind == Kind.CUSTOM) {
            for (YearMonth ym = YearMonth.from(from); !ym.isAfter(YearMonth.from(to)); ym = ym.plusMonths(1)) {
                LocalDate start = max(ym.atDay(1), from);
                LocalDate end = min(ym.atEndOfMonth(), to);
                months.add(new ReportingWindow(id + ":" + ym, Kind.CUSTOM, ym.getYear(), start, end));
            }
            return months;
        }
        for (YearMonth ym = YearMonth.from(from).plusMonths(1); !ym.isAfter(lastMonth()); ym = ym.plusMonths(1)) {
            months.add(standard(Kind.MONTH, ym));
        }
        return months;
    }

    /** The 15th following the window's last day: for a standard window, the day after it closes (seed 002). */
    public LocalDate reportDueDate() {
        LocalDate fifteenth = to.withDayOfMonth(15);
        return fifteenth.isAfter(to) ? fifteenth : fifteenth.plusMonths(1);
    }

    public boolean containsDate(LocalDate d) {
        return !d.isBefore(from) && !d.isAfter(to);
    }

    private YearMonth lastMonth() {
        return YearMonth.from(to);
    }

    private static ReportingWindow standard(Kind kind, YearMonth lastMonth) {
        int length = switch (kind) {
            case MONTH -> 1;
            case QUARTER -> 3;
            case HALF -> 6;
            case NINE_MONTHS -> 9;
            case YEAR -> 12;
            case CUSTOM -> throw new IllegalArgumentException("not a standard kind: " + kind);
        };
        int y = lastMonth.getYear();
        int m = lastMonth.getMonthValue();
        String id = switch (kind) {
            case MONTH -> String.format("%d-M%02d", y, m);
            case QUARTER -> y + "-Q" + m / 3;
            case HALF -> y + "-H" + m / 6;
            case NINE_MONTHS -> y + "-9M";
            default -> String.valueOf(y);
        };
        LocalDate from = lastMonth.minusMonths(length).atDay(CUT_OFF_DAY + 1);
        return new ReportingWindow(id, kind, y, from, lastMonth.atDay(CUT_OFF_DAY));
    }

    // Officers type "2024-q1" too; the parsed window carries the canonical id.
    private static String normalized(String id) {
        return id == null ? "" : id.trim().toUpperCase(Locale.ROOT);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
