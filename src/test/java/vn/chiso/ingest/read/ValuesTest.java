package vn.chiso.ingest.read;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The value formats of SPEC §3: dates in every dialect, Excel date cells, booleans. */
class ValuesTest {

    @Test
    void vietnameseDateWithHoursAndMinutesReadsAsLocalTime() {
        // when
        Values.When when = Values.parseWhen("15/03/2024 08:30");

        // then
        assertThat(when.local()).isEqualTo(LocalDateTime.of(2024, 3, 15, 8, 30));
        assertThat(when.dateOnly()).isFalse();
    }

    @Test
    void portalCompactDatesAreRead() {
        // the national portal's yyyyMMddHHmmss, and yyyyMMdd for a value without time of day
        assertThat(Values.parseWhen("20240315083045")).isEqualTo(new Values.When(LocalDateTime.of(2024, 3, 15, 8, 30, 45), false));
        assertThat(Values.parseWhen("20240315")).isEqualTo(new Values.When(LocalDateTime.of(2024, 3, 15, 0, 0), true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"20240231", "20241315083045", "20240315253000", "2024031", "2024031508304"})
    void portalCompactValuesThatAreNoDatesAreRejected(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Values.parseWhen(text));
    }

    @Test
    void aValueThatIsNoDateNamesTheFormatsRead() {
        assertThatIllegalArgumentException().isThrownBy(() -> Values.parseWhen("H-0001"))
                .withMessage("not a date (expected dd/MM/yyyy [HH:mm[:ss]], ISO-8601 or yyyyMMdd[HHmmss])");
    }

    @Test
    void vietnameseDateWithSecondsKeepsTheSeconds() {
        // when
        Values.When when = Values.parseWhen("15/03/2024 08:30:45");

        // then
        assertThat(when.local()).isEqualTo(LocalDateTime.of(2024, 3, 15, 8, 30, 45));
        assertThat(when.dateOnly()).isFalse();
    }

    @Test
    void vietnameseDateWithoutTimeIsMarkedDateOnly() {
        // when
        Values.When when = Values.parseWhen("05/01/2025");

        // then
        assertThat(when.local()).isEqualTo(LocalDateTime.of(2025, 1, 5, 0, 0));
        assertThat(when.dateOnly()).isTrue();
    }

    @Test
    void isoDateTimeWithVietnamOffsetKeepsItsClockTime() {
        // when
        Values.When when = Values.parseWhen("2024-03-15T08:30:00+07:00");

        // then
        assertThat(when.local()).isEqualTo(LocalDateTime.of(2024, 3, 15, 8, 30));
        assertThat(when.dateOnly()).isFalse();
    }

    @Test
    void isoDateTimeInUtcIsConvertedToVietnamTime() {
        // when
        Values.When when = Values.parseWhen("2023-12-20T02:38:00Z");

        // then
        assertThat(when.local()).isEqualTo(LocalDateTime.of(2023, 12, 20, 9, 38));
    }

    @Test
    void isoDateTimeInUtcLateInTheDayFallsOnTheNextVietnameseDay() {
        // when
        Values.When when = Values.parseWhen("2024-01-31T20:15:00Z");

        // then
        assertThat(when.local()).isEqualTo(LocalDateTime.of(2024, 2, 1, 3, 15));
    }

    @Test
    void isoDateWithoutTimeIsMarkedDateOnly() {
        // when
        Values.When when = Values.parseWhen("2024-02-06");

        // then
        assertThat(when.local()).isEqualTo(LocalDateTime.of(2024, 2, 6, 0, 0));
        assertThat(when.dateOnly()).isTrue();
    }

    @Test
    void aDayThatDoesNotExistIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Values.parseWhen("31/02/2024"));
        assertThatIllegalArgumentException().isThrownBy(() -> Values.parseWhen("2024-02-30T10:00:00+07:00"));
    }

    @Test
    void aTimeOfDayThatDoesNotExistIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Values.parseWhen("15/03/2024 25:61"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hôm qua", "15.03.2024", "2024/03/15", "15/03/24", "15/03/2024 8h30"})
    void textThatIsNoDateIsRejected(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Values.parseWhen(text));
    }

    @Test
    void excelSerialWithAFractionIsADateAndTime() {
        // given 45292 is 01/01/2024 in Excel's 1900 date system; 0.75 of a day is 18:00
        double serial = 45292.75;

        // when
        Values.When when = Values.fromExcelSerial(serial, true, false);

        // then
        assertThat(when.local()).isEqualTo(LocalDateTime.of(2024, 1, 1, 18, 0));
        assertThat(when.dateOnly()).isFalse();
    }

    @Test
    void excelSerialTimeStoredAsABinaryFractionIsRoundedToTheSecond() {
        // given 10:11, which Excel stores as 0.42430555555555555… and reads back as 10:10:59.99…
        double serial = 45292 + (10 * 60 + 11) / 1440.0;

        // when
        Values.When when = Values.fromExcelSerial(serial, true, false);

        // then
        assertThat(when.local()).isEqualTo(LocalDateTime.of(2024, 1, 1, 10, 11, 0));
    }

    @Test
    void excelSerialWithoutAFractionInADateFormatIsADateOnly() {
        // when
        Values.When when = Values.fromExcelSerial(45292, false, false);

        // then
        assertThat(when.local()).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
        assertThat(when.dateOnly()).isTrue();
    }

    @Test
    void excelMidnightInADateTimeFormatIsMidnightNotTheWholeDay() {
        // when a due cell formatted dd/mm/yyyy hh:mm holds 01/01/2024 00:00
        Values.When when = Values.fromExcelSerial(45292, true, false);

        // then it is that instant, not the end of the day a bare date would mean
        assertThat(when.local()).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
        assertThat(when.dateOnly()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Có", "có", "CÓ", "Co", "Yes", "yes", "true", "TRUE", "1"})
    void yesValuesReadAsTrue(String text) {
        assertThat(Values.parseBoolean(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Không", "không", "KHONG", "No", "no", "false", "False", "0", "", "  "})
    void noValuesAndEmptyReadAsFalse(String text) {
        assertThat(Values.parseBoolean(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Maybe", "2", "Chưa", "đúng", "x", "y", "n"})
    void anythingElseIsNotABoolean(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Values.parseBoolean(text));
    }
}
