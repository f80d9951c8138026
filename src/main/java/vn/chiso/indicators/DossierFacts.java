package vn.chiso.indicators;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.chiso.calendar.WorkCalendar;

/**
 * What a dossier's own values say whatever the reporting window (SPEC §4.2–4.5): its status and
 * channel classes, whether it was finished late or early against its due date (computed from the
 * calendar when the export has none), how long its online intake took. Derived once, when the
 * dossier is stored, so that computing a window is one pass of counts over the stored dossiers
 * instead of calendar arithmetic on every dossier for every window.
 * <p>
 * The facts depend on the working-day calendar, the procedures' processing times and the office
 * hours; {@link #basis()} fingerprints those, and each dossier keeps the basis its facts were
 * derived with, so the computation can tell which dossiers to derive again after a holidays or
 * procedures file, or a change of office hours.
 */
public final class DossierFacts {

    /** The stored columns, in the order {@link Derived} gives them. */
    public static final List<String> COLUMNS = List.of("flags", "effective_due_at", "intake_minutes",
            "due_working_minute", "working_days_late", "fact_basis");

    /** Online intake within this many working minutes counts for ONLINE_INTAKE_8H_RATE (one working day). */
    static final int INTAKE_LIMIT_MINUTES = 480;

    /** One bit of the {@code flags} column each. SQL names a flag as {@code {LATE}}; see {@link #sql}. */
    public enum Flag {
        /** WITHDRAWN or CANCELLED: counted in no indicator but their own counts (SPEC §4.4). */
        EXCLUDED,
        WITHDRAWN,
        CANCELLED,
        /** RESOLVED, RETURNED or REFUSED: settled, as of its completion time. */
        SETTLED,
        ONLINE,
        DIRECT,
        POSTAL,
        /** Completed after its due instant (SPEC §4.3); a rescheduled due date never changes this. */
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
        INTAKE_WITHIN_8H;

        public int bit() {
            return 1 << ordinal();
        }
    }

    private static final Pattern FLAGS = Pattern.compile("\\{(!?[A-Z_0-9]+(?:,!?[A-Z_0-9]+)*)}");

    /**
     * Replaces each {@code {A,B,!C}} of an SQL text by the test that the {@code flags} column has
     * the bits A and B set and C clear: {@code {LATE}} is {@code (flags & 128 <> 0)},
     * {@code {!SETTLED}} is {@code (flags & 8 = 0)}.
     */
    public static String sql(String text) {
        Matcher m = FLAGS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int set = 0;
            int clear = 0;
            for (String name : m.group(1).split(",")) {
                if (name.startsWith("!")) {
                    clear |= Flag.valueOf(name.substring(1)).bit();
                } else {
                    set |= Flag.valueOf(name).bit();
                }
            }
            String test = clear == 0 && Integer.bitCount(set) == 1 ? "(flags & " + set + " <> 0)"
                    : "(flags & " + (set | clear) + " = " + set + ")";
            m.appendReplacement(out, test);
        }
        return m.appendTail(out).toString();
    }

    /** A dossier's stored values that the facts are derived from; times are Vietnamese wall-clock times. */
    public record Dossier(String procedureCode, String channel, String status, LocalDateTime submitted,
                          LocalDateTime received, LocalDateTime due, LocalDate dueDate, LocalDateTime completed,
                          boolean apology, boolean digitized, boolean dataReused, boolean eResult, long supplementRequests) {
    }

    /**
     * The derived columns. {@code effectiveDue}: the export's due instant, else the computed one (null
     * when neither is known); {@code dueWorkingMinute}: that instant on {@link WorkCalendar#workingMinuteOf}'s
     * scale, so how late an open dossier is at a window's end needs no calendar walk;
     * {@code workingDaysLate}: for a dossier completed late, by how many working days.
     */
    public record Derived(int flags, LocalDateTime effectiveDue, Integer intakeMinutes, Long dueWorkingMinute,
                          Integer workingDaysLate) {

        public boolean has(Flag flag) {
            return (flags & flag.bit()) != 0;
        }
    }

    private final WorkCalendar calendar;
    private final Map<String, Integer> processingDays;
    private final int basis;

    /** @param processingDays the procedures' statutory processing times in working days (null: unknown) */
    public DossierFacts(WorkCalendar calendar, Map<String, Integer> processingDays) {
        this.calendar = calendar;
        this.processingDays = Map.copyOf(new TreeMap<>(withoutNulls(processingDays)));
        this.basis = fingerprint(calendar.signature() + "|" + new TreeMap<>(this.processingDays));
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

    /** The fingerprint of the calendar, office hours and processing times the facts are derived with. */
    public int basis() {
        return basis;
    }

    public WorkCalendar calendar() {
        return calendar;
    }

    public Derived derive(Dossier d) {
        LocalDateTime due = d.due();
        LocalDate dueDate = d.dueDate();
        if (due == null) {
            Integer days = processingDays.get(d.procedureCode());
            if (days != null) {
                due = calendar.dueAt(d.received(), days);
                dueDate = due.toLocalDate();
            }
        }
        boolean late = d.completed() != null && due != null && d.completed().isAfter(due);
        boolean early = d.completed() != null && dueDate != null && d.completed().toLocalDate().isBefore(dueDate);
        boolean onlineIntake = "ONLINE".equals(d.channel()) && d.submitted() != null;
        Integer intake = onlineIntake ? (int) calendar.workingMinutesBetween(d.submitted(), d.received()) : null;
        Long dueMinute = due == null ? null : calendar.workingMinuteOf(due);
        Integer daysLate = late ? daysLate(calendar.workingMinuteOf(d.completed()) - dueMinute) : null;

        int flags = 0;
        flags |= bit(Flag.EXCLUDED, "WITHDRAWN".equals(d.status()) || "CANCELLED".equals(d.status()));
        flags |= bit(Flag.WITHDRAWN, "WITHDRAWN".equals(d.status()));
        flags |= bit(Flag.CANCELLED, "CANCELLED".equals(d.status()));
        flags |= bit(Flag.SETTLED, "RESOLVED".equals(d.status()) || "RETURNED".equals(d.status()) || "REFUSED".equals(d.status()));
        flags |= bit(Flag.ONLINE, "ONLINE".equals(d.channel()));
        flags |= bit(Flag.DIRECT, "DIRECT".equals(d.channel()));
        flags |= bit(Flag.POSTAL, "POSTAL".equals(d.channel()));
        flags |= bit(Flag.LATE, late);
        flags |= bit(Flag.EARLY, early && !late);
        flags |= bit(Flag.APOLOGY, d.apology());
        flags |= bit(Flag.DIGITIZED, d.digitized());
        flags |= bit(Flag.DATA_REUSED, d.dataReused());
        flags |= bit(Flag.E_RESULT, d.eResult());
        flags |= bit(Flag.MULTI_SUPPLEMENT, d.supplementRequests() > 1);
        flags |= bit(Flag.ONLINE_INTAKE, onlineIntake);
        flags |= bit(Flag.INTAKE_WITHIN_8H, onlineIntake && intake <= INTAKE_LIMIT_MINUTES);
        return new Derived(flags, due, intake, dueMinute, daysLate);
    }

    private static int bit(Flag flag, boolean set) {
        return set ? flag.bit() : 0;
    }

    /**
     * How many working days late a dossier due at {@code dueWorkingMinute} is at {@code until}: the
     * working time between them in days of office hours, rounded up — a dossier late by an hour is a
     * day late.
     */
    public int workingDaysLate(long dueWorkingMinute, LocalDateTime until) {
        return daysLate(calendar.workingMinuteOf(until) - dueWorkingMinute);
    }

    private int daysLate(long workingMinutes) {
        int perDay = calendar.hours().minutesPerDay();
        return (int) Math.max(1, Math.floorDiv(workingMinutes + perDay - 1, perDay));
    }
}
