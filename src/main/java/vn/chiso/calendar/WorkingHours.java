package vn.chiso.calendar;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The office hours of a working day (giờ hành chính) and the receipt cut-off after which a dossier
 * counts from the next working day (SPEC §4.1, §4.2).
 */
public record WorkingHours(List<Segment> segments, LocalTime receiptCutOff) {

    /** Decree 61/2018 Art. 18(2): dossiers received from 15:00 on count from the next working day. */
    private static final LocalTime DEFAULT_CUT_OFF = LocalTime.of(15, 0);
    private static final String DEFAULT_SEGMENTS = "07:30-11:30,13:30-17:00";
    // Accepts "7:30" as well as "07:30": configuration is typed by hand.
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm");

    public record Segment(LocalTime start, LocalTime end) {
        public Segment {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("working-hours segment must end after it starts: " + start + "-" + end);
            }
        }

        int minutes() {
            return (end.toSecondOfDay() - start.toSecondOfDay()) / 60;
        }
    }

    public WorkingHours {
        Objects.requireNonNull(receiptCutOff, "receiptCutOff");
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("working hours need at least one segment");
        }
        // Minute counting assumes segments never overlap and come in day order.
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).start().isBefore(segments.get(i - 1).end())) {
                throw new IllegalArgumentException("working-hours segments must be in order and not overlap: " + segments);
            }
        }
    }

    public static WorkingHours defaults() {
        return parse(DEFAULT_SEGMENTS, null);
    }

    /**
     * Reads configuration such as {@code "07:30-11:30,13:30-17:00"} and {@code "15:00"}; a blank value
     * keeps the default, so a province only configures what differs.
     */
    public static WorkingHours parse(String segments, String cutOff) {
        String spec = isBlank(segments) ? DEFAULT_SEGMENTS : segments;
        List<Segment> parsed = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] ends = part.trim().split("-");
            if (ends.length != 2) {
                throw new IllegalArgumentException("working-hours segment '" + part.trim() + "' is not HH:mm-HH:mm (in '" + spec + "')");
            }
            parsed.add(new Segment(time(ends[0], spec), time(ends[1], spec)));
        }
        return new WorkingHours(parsed, isBlank(cutOff) ? DEFAULT_CUT_OFF : time(cutOff, cutOff));
    }

    public LocalTime endOfDay() {
        return segments.get(segments.size() - 1).end();
    }

    public int minutesPerDay() {
        int minutes = 0;
        for (Segment s : segments) { // asked for every dossier stored: no stream
            minutes += s.minutes();
        }
        return minutes;
    }

    /** Working minutes of a day elapsed before {@code t}; a time in a break or outside hours counts what is done so far. */
    public int workingMinutesBefore(LocalTime t) {
        int minutes = 0;
        for (Segment s : segments) {
            if (!t.isAfter(s.start())) {
                break;
            }
            LocalTime until = t.isBefore(s.end()) ? t : s.end();
            minutes += (until.toSecondOfDay() - s.start().toSecondOfDay()) / 60;
        }
        return minutes;
    }

    private static LocalTime time(String text, String context) {
        try {
            return LocalTime.parse(text.trim(), TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a time of day HH:mm (in '" + context + "')", e);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
