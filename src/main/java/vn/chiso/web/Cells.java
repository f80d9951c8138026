package vn.chiso.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import vn.chiso.calendar.ReportingWindow;

/** How the pages write numbers and dates: Vietnamese style, 99,84%, 14/03/2024 and 14/03/2024 16:30 (Vietnam's time). */
final class Cells {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private Cells() {
    }

    static String percent(BigDecimal ratio) {
        if (ratio == null) {
            return "–";
        }
        return ratio.multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_EVEN).toPlainString().replace('.', ',') + "%";
    }

    static String number(Long value) {
        return value == null ? "" : String.format("%,d", value).replace(',', '.');
    }

    static String points(BigDecimal value) {
        return value == null ? "–" : value.setScale(2, RoundingMode.HALF_EVEN).toPlainString().replace('.', ',');
    }

    static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    /** An instant as a Vietnamese officer reads it: local time (Asia/Ho_Chi_Minh), 06/12/2026 01:30. */
    static String time(OffsetDateTime time) {
        return time == null ? "" : TIME.format(time.atZoneSameInstant(ReportingWindow.ZONE));
    }

    static String time(Instant time) {
        return time == null ? "" : TIME.format(time.atZone(ReportingWindow.ZONE));
    }

    /**
     * The colour of a rate against its target: reached, within five points below, or further below;
     * none without a rate or a target.
     */
    static String against(BigDecimal rate, BigDecimal target) {
        if (rate == null || target == null) {
            return "";
        }
        if (rate.compareTo(target) >= 0) {
            return "ok";
        }
        return rate.compareTo(target.subtract(new BigDecimal("0.05"))) >= 0 ? "near" : "bad";
    }
}
