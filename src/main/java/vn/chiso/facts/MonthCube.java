package vn.chiso.facts;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.facts.DossierFacts.Flag;

/**
 * The stored dossiers counted by reporting month (table {@code dossier_month}): for each grain
 * (agency, procedure, officer), the month a dossier was received in, the month it was settled in
 * and the month it falls overdue in (that of its {@code overdue_after}, which {@link Lateness} sets),
 * how many dossiers of each flag class there are. A reporting month
 * runs from the 15th at 00:00 to the next 15th (SPEC §2), so every standard window is a run of
 * whole months, and which of its dossiers each indicator counts depends only on those three
 * months: a window's grain is then summed from tens of thousands of month rows instead of counted
 * from every dossier, several times faster (docs/performance.md).
 * <p>
 * A dossier that is not settled settles in month {@link #NEVER}, one that can never be overdue (no
 * due instant, clock stopped) falls due in it too: a window's end is then always before it. So does
 * one settled on time: its due month only matters while it is in process, and in both lateness
 * modes one settled on time is never overdue at a window's end before its completion; the months
 * then hold one row where they would hold one per due month. Dossiers never received are in none.
 * <p>
 * The ingest keeps the table current: a dossier file stored straight into the stored table adds its
 * rows' counts as it reads them ({@code vn.chiso.facts.MonthCounts}); a merge takes out the months
 * of the dossiers it replaces and adds those of the ones it stores ({@link #ADD_DELTA}; a later
 * export's new rows counted as they are read, like a first load's). Any other change of the dossiers
 * (and an ingest whose facts are of another basis, or whose own counts overflowed) marks it out of date, through a trigger on {@code dossier}; the next computation of a
 * standard window then builds it again from the dossiers ({@link #REBUILD}).
 * {@code dossier_month_state} says whether it is current, and with which facts' basis.
 */
public final class MonthCube {

    /** The month of a dossier never settled, or never due. */
    public static final int NEVER = Integer.MAX_VALUE;

    /** One count column: the dossiers whose flags pass {@code flags}. */
    public record Count(String column, FlagTest flags) {
    }

    private static Count count(String column, String flags) {
        return new Count(column, FlagTest.of(flags));
    }

    /** The count columns, in the table's order; withdrawn and cancelled dossiers count only as such (SPEC §4.4). */
    public static final List<Count> COUNTS = List.of(
            count("n", ""),
            count("live", "!EXCLUDED"),
            count("online", "ONLINE,!EXCLUDED"),
            count("postal", "POSTAL,!EXCLUDED"),
            count("multi_supplement", "MULTI_SUPPLEMENT,!EXCLUDED"),
            count("late", "SETTLED,LATE"),
            count("early", "SETTLED,EARLY"),
            count("late_apology", "SETTLED,LATE,APOLOGY"),
            count("digitized", "SETTLED,DIGITIZED"),
            count("reused", "SETTLED,DATA_REUSED"),
            count("e_result", "SETTLED,E_RESULT"),
            count("apology", "APOLOGY,!EXCLUDED"),
            count("intake", "ONLINE_INTAKE,!EXCLUDED"),
            count("intake_8h", "INTAKE_WITHIN_8H,!EXCLUDED"),
            count("withdrawn", "WITHDRAWN"),
            count("cancelled", "CANCELLED"),
            count("paid_online", "PAID_ONLINE,!EXCLUDED"));

    /** The key columns, in the table's order. */
    public static final List<String> KEY = List.of("agency_code", "procedure_code", "officer", "received_month",
            "settled_month", "due_month");

    private MonthCube() {
    }

    /**
     * The reporting month a Vietnamese wall-clock time falls in, numbered so that consecutive months
     * differ by one: the month that ends on the 14th of month m of year y is y·12 + m.
     */
    public static int monthOf(LocalDateTime local) {
        return local.getYear() * 12 + local.getMonthValue() + (local.getDayOfMonth() >= 15 ? 1 : 0);
    }

    /** Whether the window is a run of whole reporting months, as every standard window is. */
    public static boolean covers(ReportingWindow window) {
        return window.from().getDayOfMonth() == 15 && window.to().plusDays(1).getDayOfMonth() == 15;
    }

    /** The window's first month and the month after its last, as the month rows number them. */
    public static int firstMonth(ReportingWindow window) {
        return monthOf(window.from().atStartOfDay());
    }

    public static int endMonth(ReportingWindow window) {
        return monthOf(window.to().plusDays(1).atStartOfDay());
    }

    /** The first and last years whose months {@link #REBUILD} finds by a binary search; others take the slow way. */
    private static final int FIRST_YEAR = 1990;
    private static final int LAST_YEAR = 2100;

    /**
     * The month of a {@code timestamptz} expression, as {@link #monthOf}: found among the months'
     * first instants by {@code width_bucket} (a binary search, faster than taking the date apart)
     * inside the years the search covers.
     */
    private static String monthSql(String instant) {
        return ("CASE WHEN %1$s >= b.first AND %1$s < b.last THEN %2$d + width_bucket(%1$s, b.starts)"
                + " ELSE (SELECT (extract(year FROM l) * 12 + extract(month FROM l) + (extract(day FROM l) >= 15)::int)::int"
                + " FROM (SELECT %1$s AT TIME ZONE 'Asia/Ho_Chi_Minh' AS l) t) END")
                .formatted(instant, FIRST_YEAR * 12 + 1);
    }

    private static String counts(String function) {
        return COUNTS.stream().map(c -> function.formatted(c.flags().sql()) + " AS " + c.column()).collect(Collectors.joining(",\n"));
    }

    /** The table's columns, its key's then its counts', in its order. */
    public static final String COLUMNS = String.join(", ", KEY) + ", " + COUNTS.stream().map(Count::column).collect(Collectors.joining(", "));

    /** Marks the month rows current with the facts of the basis given: they say what the dossiers say. */
    public static final String MARK_CURRENT = "UPDATE dossier_month_state SET current = true, basis = ?";

    /**
     * The month rows of the dossiers of {@code from} (a FROM item with the dossier table's columns);
     * with {@code subtract}, their counts negated, to take dossiers out of the months. Their facts
     * must be of the current basis. Counts are integers, as dossier_month's (a delta table made from
     * these rows takes the month rows an ingest counted itself, copied in binary).
     */
    public static String monthRowsOf(String from, boolean subtract) {
        return """
                SELECT agency_code, procedure_code, coalesce(officer, '') AS officer, %1$s AS received_month,
                       CASE WHEN flags & %2$d <> 0 THEN %3$s ELSE %5$d END AS settled_month,
                       CASE WHEN flags & %9$d = %2$d THEN %5$d ELSE coalesce(%4$s, %5$d) END AS due_month,
                       %6$s
                FROM %10$s CROSS JOIN (
                    SELECT min(m) AS first, max(m) AS last, array_agg(m ORDER BY m) AS starts
                    FROM (SELECT make_timestamptz(y, mo, 15, 0, 0, 0, 'Asia/Ho_Chi_Minh') AS m
                          FROM generate_series(%7$d, %8$d) y, generate_series(1, 12) mo) months
                ) b
                WHERE NOT (flags & %2$d <> 0 AND completed_at IS NULL) -- in no window, as IndicatorSql.GRAIN reads them
                  AND received_at IS NOT NULL AND flags & %11$d = 0
                GROUP BY 1, 2, 3, 4, 5, 6
                """.formatted(monthSql("received_at"), Flag.SETTLED.bit(), monthSql("completed_at"), monthSql("overdue_after"),
                NEVER, counts("(" + (subtract ? "-" : "") + "count(*) FILTER (WHERE %s))::int"), FIRST_YEAR, LAST_YEAR,
                Flag.SETTLED.bit() | Flag.LATE.bit(), from, Flag.NOT_RECEIVED.bit());
    }

    /** Builds the table again from every stored dossier. */
    public static final String REBUILD = "INSERT INTO dossier_month (" + COLUMNS + ")\n"
            + monthRowsOf("dossier", false);

    /**
     * Adds the rows of the temporary table {@code month_delta} (the table's columns, in its order) to
     * the month rows, keeping one row per key and none whose count of dossiers falls to zero.
     */
    public static final String ADD_DELTA = """
            WITH delta AS (
                SELECT %1$s, %2$s FROM month_delta GROUP BY %1$s
            ),
            replaced AS (
                DELETE FROM dossier_month m USING delta d WHERE (%3$s) = (%4$s) RETURNING m.*
            )
            INSERT INTO dossier_month
            SELECT %1$s, %2$s FROM (SELECT * FROM replaced UNION ALL SELECT * FROM delta) x
            GROUP BY %1$s HAVING sum(n) <> 0
            """.formatted(String.join(", ", KEY), COUNTS.stream().map(c -> "sum(" + c.column() + ")::int AS " + c.column())
                    .collect(Collectors.joining(", ")),
            KEY.stream().map(k -> "m." + k).collect(Collectors.joining(", ")),
            KEY.stream().map(k -> "d." + k).collect(Collectors.joining(", ")));

    /**
     * Runs {@link #ADD_DELTA} with merge joins and sorts off for its statement: the planner sorted both
     * the month rows and the delta by their text keys to merge-join them (a nightly's 22,600 groups
     * against 101,000 month rows on the service: 0.72 s, two thirds of it sorting), where a hash join
     * takes 0.38 s. Returns the month rows written.
     */
    public static long addDelta(Statement statement) throws SQLException {
        statement.execute("SET LOCAL enable_mergejoin = off");
        statement.execute("SET LOCAL enable_sort = off");
        long rows = statement.executeLargeUpdate(ADD_DELTA);
        statement.execute("RESET enable_mergejoin");
        statement.execute("RESET enable_sort");
        return rows;
    }
}
