package vn.chiso.ingest.read;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Parsers for the value formats of SPEC §3. Dates are parsed by hand: a million-row export has
 * several million of them, and DateTimeFormatter is an order of magnitude slower.
 */
public final class Values {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
    /** Excel's day 0 in the 1900 date system (serial 60 is the non-existent 29/02/1900). */
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    /** Day 0 in the 1904 date system. */
    private static final LocalDate EXCEL_1904_EPOCH = LocalDate.of(1904, 1, 1);
    /** 1.000 or 1,000,000: thousands separated. */
    private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}([.,]\\d{3})+");
    /** 3.0 or 3,00: a whole number written with decimals. */
    private static final Pattern ZERO_DECIMALS = Pattern.compile("-?\\d+[.,]0+");

    private Values() {
    }

    /**
     * The cell's text without the spaces around it, non-breaking ones (U+00A0, U+2007, U+202F) too:
     * text copied through a spreadsheet or a web page keeps them, and {@link String#strip()} does not
     * take them for spaces, so "STP" followed by one would be another agency. Only the ends are looked at.
     */
    public static String strip(String text) {
        int n = text.length();
        if (n > 0 && printableAscii(text.charAt(0)) && printableAscii(text.charAt(n - 1))) {
            return text; // nearly every cell, on every row: nothing to strip
        }
        int start = 0;
        int end = n;
        while (start < end && (nonBreaking(text.charAt(start)) || Character.isWhitespace(text.charAt(start)))) {
            start++;
        }
        while (end > start && (nonBreaking(text.charAt(end - 1)) || Character.isWhitespace(text.charAt(end - 1)))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean printableAscii(char c) {
        return c > ' ' && c < 0x7F;
    }

    private static boolean nonBreaking(char c) {
        return c == '\u00A0' || c == '\u2007' || c == '\u202F';
    }

    /** A point in time as read from an export; {@code dateOnly} when the value carried no time of day. */
    public record When(LocalDateTime local, boolean dateOnly) {

    }

    /**
     * Reads {@code dd/MM/yyyy[ HH:mm[:ss]]}, ISO-8601 ({@code yyyy-MM-dd[THH:mm[:ss][.fff][offset|Z]]})
     * or the national portal's {@code yyyyMMddHHmmss} and {@code yyyyMMdd} (date-only); an offset is
     * converted to Vietnam's local time.
     *
     * @throws IllegalArgumentException when the text is no such date, or names a day that does not exist
     */
    public static When parseWhen(String text) {
        String s = text.strip();
        try {
            if (s.length() >= 8 && s.indexOf('/') > 0) {
                return parseVietnamese(s);
            }
            if (s.length() >= 10 && s.charAt(4) == '-') {
                return parseIso(s);
            }
            if ((s.length() == 14 || s.length() == 8) && allDigits(s)) {
                return parseCompact(s);
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("no such date or time: " + e.getMessage().replace("Invalid date", "there is no"), e);
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException(NOT_A_DATE, e);
        }
        throw new IllegalArgumentException(NOT_A_DATE);
    }

    private static final String NOT_A_DATE = "not a date (expected dd/MM/yyyy [HH:mm[:ss]], ISO-8601 or yyyyMMdd[HHmmss])";

    /** The portal's {@code yyyyMMddHHmmss}, or {@code yyyyMMdd} for a value without time of day. */
    private static When parseCompact(String s) {
        LocalDate date = LocalDate.of(digits(s, 0, 4), digits(s, 4, 6), digits(s, 6, 8));
        if (s.length() == 8) {
            return new When(date.atStartOfDay(), true);
        }
        return new When(LocalDateTime.of(date, LocalTime.of(digits(s, 8, 10), digits(s, 10, 12), digits(s, 12, 14))), false);
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static When parseVietnamese(String s) {
        When fixed = fixedWidthVietnamese(s);
        if (fixed != null) {
            return fixed;
        }
        int firstSlash = s.indexOf('/');
        int secondSlash = s.indexOf('/', firstSlash + 1);
        if (secondSlash < 0) {
            throw new IllegalArgumentException("not a date (expected dd/MM/yyyy)");
        }
        int day = digits(s, 0, firstSlash);
        int month = digits(s, firstSlash + 1, secondSlash);
        int yearEnd = secondSlash + 1;
        while (yearEnd < s.length() && Character.isDigit(s.charAt(yearEnd))) {
            yearEnd++;
        }
        int year = digits(s, secondSlash + 1, yearEnd);
        if (yearEnd - secondSlash - 1 != 4) {
            throw new IllegalArgumentException("the year must have four digits");
        }
        LocalDate date = LocalDate.of(year, month, day);
        String rest = s.substring(yearEnd).strip();
        if (rest.isEmpty()) {
            return new When(date.atStartOfDay(), true);
        }
        return new When(LocalDateTime.of(date, parseTime(rest)), false);
    }

    /**
     * {@code dd/MM/yyyy}, {@code dd/MM/yyyy HH:mm} and {@code dd/MM/yyyy HH:mm:ss} at their usual
     * widths, read in place: every dossier has several, and cutting them into parts showed in the
     * ingest's profile. Null for any other shape, which the general reading then takes.
     */
    private static When fixedWidthVietnamese(String s) {
        int n = s.length();
        if ((n != 10 && n != 16 && n != 19) || s.charAt(2) != '/' || s.charAt(5) != '/') {
            return null;
        }
        int day = twoDigits(s, 0);
        int month = twoDigits(s, 3);
        int century = twoDigits(s, 6);
        int yearOfCentury = twoDigits(s, 8);
        if (day < 0 || month < 0 || century < 0 || yearOfCentury < 0) {
            return null;
        }
        int year = century * 100 + yearOfCentury;
        if (n == 10) {
            return new When(LocalDate.of(year, month, day).atStartOfDay(), true);
        }
        if (s.charAt(10) != ' ' || s.charAt(13) != ':' || (n == 19 && s.charAt(16) != ':')) {
            return null;
        }
        int hour = twoDigits(s, 11);
        int minute = twoDigits(s, 14);
        int second = n == 19 ? twoDigits(s, 17) : 0;
        if (hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        return new When(LocalDateTime.of(year, month, day, hour, minute, second), false);
    }

    /** The number the two characters at {@code at} write, or -1 if they are not two digits. */
    private static int twoDigits(String s, int at) {
        char tens = s.charAt(at);
        char units = s.charAt(at + 1);
        return tens >= '0' && tens <= '9' && units >= '0' && units <= '9' ? (tens - '0') * 10 + (units - '0') : -1;
    }

    private static When parseIso(String s) {
        LocalDate date = LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10));
        if (s.charAt(7) != '-') {
            throw new IllegalArgumentException("not an ISO-8601 date");
        }
        if (s.length() == 10) {
            return new When(date.atStartOfDay(), true);
        }
        char sep = s.charAt(10);
        if (sep != 'T' && sep != 't' && sep != ' ') {
            throw new IllegalArgumentException("not an ISO-8601 date-time");
        }
        String timeAndZone = s.substring(11);
        int zoneAt = zoneStart(timeAndZone);
        LocalTime time = parseTime(timeAndZone.substring(0, zoneAt));
        LocalDateTime local = LocalDateTime.of(date, time);
        if (zoneAt == timeAndZone.length()) {
            return new When(local, false);
        }
        String zone = timeAndZone.substring(zoneAt).strip();
        ZoneOffset offset = zone.equalsIgnoreCase("Z") ? ZoneOffset.UTC : ZoneOffset.of(zone.length() == 3 ? zone + ":00" : zone);
        if (offset.equals(VIETNAM)) {
            return new When(local, false);
        }
        return new When(local.atOffset(offset).atZoneSameInstant(ZONE).toLocalDateTime(), false);
    }

    private static int zoneStart(String timeAndZone) {
        for (int i = 0; i < timeAndZone.length(); i++) {
            char c = timeAndZone.charAt(i);
            if (c == 'Z' || c == 'z' || c == '+' || c == '-') {
                return i;
            }
        }
        return timeAndZone.length();
    }

    /** {@code HH:mm}, {@code HH:mm:ss} or {@code HH:mm:ss.fraction}. */
    private static LocalTime parseTime(String s) {
        String t = s.strip();
        int firstColon = t.indexOf(':');
        if (firstColon < 1) {
            throw new IllegalArgumentException("not a time of day (expected HH:mm[:ss])");
        }
        int hour = digits(t, 0, firstColon);
        int secondColon = t.indexOf(':', firstColon + 1);
        int minute = digits(t, firstColon + 1, secondColon < 0 ? t.length() : secondColon);
        int second = 0;
        int nanos = 0;
        if (secondColon > 0) {
            int dot = t.indexOf('.', secondColon);
            second = digits(t, secondColon + 1, dot < 0 ? t.length() : dot);
            if (dot > 0) {
                String fraction = (t.substring(dot + 1) + "000000000").substring(0, 9);
                nanos = digits(fraction, 0, 9);
            }
        }
        return LocalTime.of(hour, minute, second, nanos);
    }

    private static int digits(String s, int from, int to) {
        if (to <= from || to - from > 9) {
            throw new IllegalArgumentException("expected digits in '" + Texts.quote(s) + "'");
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("expected digits in '" + Texts.quote(s) + "'");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * An XLSX date cell: days since 30/12/1899, or since 01/01/1904 in a workbook of the 1904 date
     * system ({@code <workbookPr date1904="1"/>}, as Excel for Mac long wrote them), the fraction being
     * the time of day. A cell formatted with a time of day is never date-only, even at 00:00.
     */
    static When fromExcelSerial(double serial, boolean formattedWithTime, boolean date1904) {
        long wholeDays = (long) Math.floor(serial);
        long millis = Math.round((serial - wholeDays) * 86_400_000d);
        // Round to the second: Excel stores times as binary fractions (10:11 reads back as 10:10:59.99…).
        long seconds = Math.round(millis / 1000d);
        LocalDateTime local = (date1904 ? EXCEL_1904_EPOCH : EXCEL_EPOCH).plusDays(wholeDays).atStartOfDay().plusSeconds(seconds);
        return new When(local, seconds == 0 && !formattedWithTime);
    }

    /** Booleans accept Có/Không, Yes/No, true/false, 1/0; empty means false (SPEC §3). */
    public static boolean parseBoolean(String text) {
        switch (Names.normalize(text)) {
            case "", "khong", "no", "false", "0":
                return false;
            case "co", "yes", "true", "1":
                return true;
            default:
                throw new IllegalArgumentException("not a yes/no value (expected Có/Không, Yes/No, true/false, 1/0)");
        }
    }

    public static long parseInteger(String text) {
        String s = text.strip().replace(" ", "");
        if (isPlainInteger(s)) {
            return Long.parseLong(s); // nearly every cell: skip the patterns, which String.matches compiles anew each call
        }
        if (THOUSANDS.matcher(s).matches()) {
            s = s.replace(".", "").replace(",", "");
        } else if (ZERO_DECIMALS.matcher(s).matches()) {
            s = s.substring(0, Math.max(s.indexOf('.'), s.indexOf(',')));
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
    }

    /** At most 18 digits, perhaps after a minus: Long.parseLong reads it as it is. */
    private static boolean isPlainInteger(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start || s.length() - start > 18) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A rate or target: {@code 0.55}, {@code 0,55}, {@code 55%} or {@code 55} all mean 55%. */
    public static BigDecimal parseRate(String text) {
        String s = text.strip().replace(',', '.');
        boolean percent = s.endsWith("%");
        if (percent) {
            s = s.substring(0, s.length() - 1).strip();
        }
        BigDecimal value;
        try {
            value = new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
        }
        if (percent || value.compareTo(BigDecimal.ONE) > 0) {
            value = value.movePointLeft(2);
        }
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("a rate must lie between 0 and 100%");
        }
        return value;
    }
}
