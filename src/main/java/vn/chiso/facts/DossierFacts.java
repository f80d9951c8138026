package vn.chiso.facts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import vn.chiso.calendar.WorkCalendar;
import vn.chiso.codes.Channel;
import vn.chiso.codes.DossierStatus;
import vn.chiso.procedure.ProcedureCodes;

/**
 * What a dossier's own values say whatever the reporting window (SPEC §4.2–4.5): its status and
 * channel classes, whether it was finished late or early against its due date (computed from the
 * calendar when the export has none), how long its online intake took. Derived once, when the
 * dossier is stored, so that computing a window is one pass of counts over the stored dossiers
 * instead of calendar arithmetic on every dossier for every window.
 * <p>
 * The facts depend on the working-day calendar, the procedures' processing times, the office
 * hours and how lateness is judged ({@link Lateness}); {@link #basis()} fingerprints those, and each
 * dossier keeps the basis its facts were derived with, so the computation can tell which dossiers to
 * derive again after a holidays or procedures file, or a change of office hours or of
 * {@code chiso.lateness}.
 */
public final class DossierFacts {

    /**
     * The columns stored with a dossier beside its export values: whether its completion had no time of
     * day (kept so that the facts can be derived again from the stored row, {@link Dossier#completedDateOnly}),
     * then the {@link Derived} ones in their order, then the basis.
     */
    public static final List<String> COLUMNS = List.of("completed_date_only", "flags", "effective_due_at", "overdue_after",
            "intake_minutes", "due_working_minute", "working_days_late", "fact_basis");

    /** Online intake within this many working minutes counts for ONLINE_INTAKE_8H_RATE (one working day). */
    static final int INTAKE_LIMIT_MINUTES = 480;

    /** One bit of the {@code flags} column each. SQL names a flag as {@code {LATE}}; see {@link #sql}. */
    public enum Flag {
        /** WITHDRAWN or CANCELLED: counted in no indicator but their own counts (SPEC §4.4); NOT_RECEIVED too. */
        EXCLUDED,
        WITHDRAWN,
        CANCELLED,
        /** RESOLVED, RETURNED or REFUSED: settled, as of its completion time. */
        SETTLED,
        ONLINE,
        DIRECT,
        POSTAL,
        /** Completed after its due, as {@link Lateness} judges (SPEC §4.3); a rescheduled due date never changes this. */
        LATE,
        /** Completed on a day before its due date (so never late). */
        EARLY,
        APOLOGY,
        DIGITIZED,
        DATA_REUSED,
        E_RESULT,
        /** Asked for supplements more than once. */
        MULTI_SUPPLEMENT,
        /** Submitted online with a submission time, so its intake time is known. */
        ONLINE_INTAKE,
        /** ... and received within {@value #INTAKE_LIMIT_MINUTES} working minutes of submission. */
        INTAKE_WITHIN_8H,
        /** NOT_RECEIVED (SPEC §3.1): stored and counted in nothing; also {@link #EXCLUDED}, so no rate counts it. */
        NOT_RECEIVED,
        /** Marked paid online in the export ({@code paid_online}), whether or not a payment names it (SPEC §4.5). */
        PAID_ONLINE;

        public int bit() {
            return 1 << ordinal();
        }
    }

    private static final Pattern FLAGS = Pattern.compile("\\{(!?[A-Z_0-9]+(?:,!?[A-Z_0-9]+)*)}");

    /**
     * Replaces each {@code {A,B,!C}} of an SQL text by the {@link FlagTest} that the {@code flags}
     * column has the bits A and B set and C clear.
     */
    public static String sql(String text) {
        return FLAGS.matcher(text).replaceAll(m -> FlagTest.of(m.group(1)).sql());
    }

    /**
     * A dossier's stored values that the facts are derived from; times are Vietnamese wall-clock times.
     * {@code due} is the due instant as stored (a due with no time of day: 24:00 of its day) and
     * {@code dueDate} the due value's own date; {@code completedDateOnly}: the completion had no time of
     * day (stored as 00:00 of its day). {@code received} is null for a dossier never received.
     */
    public record Dossier(String procedureCode, String channel, String status, LocalDateTime submitted,
                          LocalDateTime received, LocalDateTime due, LocalDate dueDate, LocalDateTime completed,
                          boolean completedDateOnly, boolean apology, boolean digitized, boolean dataReused, boolean eResult,
                          long supplementRequests, boolean paidOnline) {
    }

    /**
     * The derived columns. {@code effectiveDue}: the export's due instant, else the computed one (null
     * when neither is known); {@code overdueAfter}: a dossier in process at a window's end {@code e} is
     * overdue there when {@code overdueAfter < e} — by date, 24:00 of its due date (due on the window's
     * last day is within due); by instant, its due instant; null when it can never be overdue (its
     * clock is stopped, it is excluded or never received, no due is known); {@code dueWorkingMinute}:
     * {@code overdueAfter} on {@link WorkCalendar#workingMinuteOf}'s scale, so how many working days
     * late an open dossier is at a window's end needs no calendar walk; {@code workingDaysLate}: for a
     * dossier completed late, by how many working days (by date: the working days after the due date
     * up to and including the completion day).
     */
    public record Derived(int flags, LocalDateTime effectiveDue, LocalDateTime overdueAfter, Integer intakeMinutes,
                          Long dueWorkingMinute, Integer workingDaysLate) {

        public boolean has(Flag flag) {
            return (flags & flag.bit()) != 0;
        }
    }

    private final WorkCalendar calendar;
    private final ProcedureCodes procedures;
    private final Map<String, Integer> processingDays;
    private final Lateness lateness;
    private final int basis;

    /**
     * @param processingDays the catalogue's procedures and their statutory processing times in working
     *                       days (null: unknown); a dossier's code finds its entry as {@link ProcedureCodes} says
     */
    public DossierFacts(WorkCalendar calendar, Map<String, Integer> processingDays, Lateness lateness) {
        this.calendar = calendar;
        this.procedures = ProcedureCodes.catalogue(processingDays.keySet());
        this.processingDays = Map.copyOf(new TreeMap<>(withoutNulls(processingDays)));
        this.lateness = lateness;
        // An entry whose time is unknown may be the one a suffixed code finds, so such entries count too.
        TreeSet<String> unknown = new TreeSet<>(processingDays.keySet());
        unknown.removeAll(this.processingDays.keySet());
        this.basis = fingerprint(calendar.signature() + "|" + new TreeMap<>(this.processingDays) + "|" + lateness
                + (unknown.isEmpty() ? "" : "|" + unknown));
    }

    private static Map<String, Integer> withoutNulls(Map<String, Integer> days) {
        Map<String, Integer> known = new TreeMap<>();
        days.forEach((code, n) -> {
            if (n != null && n >= 0) {
                known.put(code, n);
            }
        });
        return known;
    }

    private static int fingerprint(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return (digest[0] & 0xFF) << 24 | (digest[1] & 0xFF) << 16 | (digest[2] & 0xFF) << 8 | (digest[3] & 0xFF);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprint of the calendar, office hours, processing times and lateness the facts are derived with. */
    public int basis() {
        return basis;
    }

    public Lateness lateness() {
        return lateness;
    }

    public WorkCalendar calendar() {
        return calendar;
    }

    public Derived derive(Dossier d) {
        DossierStatus status = DossierStatus.of(d.status());
        Channel channel = Channel.of(d.channel());
        boolean notReceived = status == DossierStatus.NOT_RECEIVED;
        boolean excluded = status != null && status.excluded();
        LocalDateTime due = d.due();
        LocalDate dueDate = d.dueDate() != null || due == null ? d.dueDate() : due.toLocalDate();
        boolean dueDateOnly = due != null && dueDate != null && due.equals(dueDate.plusDays(1).atStartOfDay());
        if (due == null && d.received() != null) { // excluded and never-received dossiers may have neither
            String entry = procedures.entry(d.procedureCode());
            Integer days = entry == null ? null : processingDays.get(entry);
            if (days != null) {
                due = calendar.dueAt(d.received(), days);
                dueDate = due.toLocalDate();
            }
        }
        LocalDateTime completed = d.completed();
        // By instant, a value with no time of day on either side makes it a comparison of dates (SPEC §4.3).
        boolean byDate = lateness == Lateness.DATE || dueDateOnly || d.completedDateOnly();
        boolean late = completed != null && due != null
                && (byDate ? completed.toLocalDate().isAfter(dueDate) : completed.isAfter(due));
        boolean early = completed != null && dueDate != null && completed.toLocalDate().isBefore(dueDate);
        // The office waits for the citizen: exports give the current status only, and a dossier with it is not resolved.
        boolean clockStopped = status != null && status.clockStopped();
        LocalDateTime overdueAfter = due == null || clockStopped || excluded ? null
                : lateness == Lateness.DATE ? dueDate.plusDays(1).atStartOfDay() : due;
        boolean onlineIntake = channel == Channel.ONLINE && d.submitted() != null && d.received() != null;
        Integer intake = onlineIntake ? (int) calendar.workingMinutesBetween(d.submitted(), d.received()) : null;
        Long dueMinute = overdueAfter == null ? null : calendar.workingMinuteOf(overdueAfter);
        Integer daysLate = !late ? null
                : byDate ? workingDaysAfter(dueDate, completed.toLocalDate())
                : daysLate(calendar.workingMinuteOf(completed) - calendar.workingMinuteOf(due));

        int flags = 0;
        flags |= bit(Flag.EXCLUDED, excluded);
        flags |= bit(Flag.WITHDRAWN, status == DossierStatus.WITHDRAWN);
        flags |= bit(Flag.CANCELLED, status == DossierStatus.CANCELLED);
        flags |= bit(Flag.SETTLED, status != null && status.settled());
        flags |= bit(Flag.ONLINE, channel == Channel.ONLINE);
        flags |= bit(Flag.DIRECT, channel == Channel.DIRECT);
        flags |= bit(Flag.POSTAL, channel == Channel.POSTAL);
        flags |= bit(Flag.LATE, late);
        flags |= bit(Flag.EARLY, early && !late);
        flags |= bit(Flag.APOLOGY, d.apology());
        flags |= bit(Flag.DIGITIZED, d.digitized());
        flags |= bit(Flag.DATA_REUSED, d.dataReused());
        flags |= bit(Flag.E_RESULT, d.eResult());
        flags |= bit(Flag.MULTI_SUPPLEMENT, d.supplementRequests() > 1);
        flags |= bit(Flag.ONLINE_INTAKE, onlineIntake);
        flags |= bit(Flag.INTAKE_WITHIN_8H, onlineIntake && intake <= INTAKE_LIMIT_MINUTES);
        flags |= bit(Flag.NOT_RECEIVED, notReceived);
        flags |= bit(Flag.PAID_ONLINE, d.paidOnline());
        return new Derived(flags, due, overdueAfter, intake, dueMinute, daysLate);
    }

    private static int bit(Flag flag, boolean set) {
        return set ? flag.bit() : 0;
    }

    /**
     * How many working days late a dossier of {@code dueWorkingMinute} ({@link Derived}) is at
     * {@code until}: the working time between them in days of office hours, rounded up — by instant, a
     * dossier late by an hour is a day late; by date, {@code dueWorkingMinute} is the start of the day
     * after the due date, so at a day's end this counts the working days after the due date.
     */
    public int workingDaysLate(long dueWorkingMinute, LocalDateTime until) {
        return daysLate(calendar.workingMinuteOf(until) - dueWorkingMinute);
    }

    /** The working days after {@code due} up to and including {@code completed}, at least one (a day late on a Saturday). */
    private int workingDaysAfter(LocalDate due, LocalDate completed) {
        return daysLate(calendar.workingMinuteOf(completed.plusDays(1).atStartOfDay())
                - calendar.workingMinuteOf(due.plusDays(1).atStartOfDay()));
    }

    private int daysLate(long workingMinutes) {
        int perDay = calendar.hours().minutesPerDay();
        return (int) Math.max(1, Math.floorDiv(workingMinutes + perDay - 1, perDay));
    }
}
