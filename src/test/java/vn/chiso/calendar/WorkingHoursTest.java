package vn.chiso.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingHoursTest {

    @Test
    void defaultHoursAreMorningAndAfternoonSegmentsWithCutOffAtThreePm() {
        // when
        WorkingHours hours = WorkingHours.defaults();

        // then
        assertThat(hours.segments()).containsExactly(
                new WorkingHours.Segment(LocalTime.of(7, 30), LocalTime.of(11, 30)),
                new WorkingHours.Segment(LocalTime.of(13, 30), LocalTime.of(17, 0)));
        assertThat(hours.receiptCutOff()).isEqualTo(LocalTime.of(15, 0));
        assertThat(hours.endOfDay()).isEqualTo(LocalTime.of(17, 0));
        assertThat(hours.minutesPerDay()).isEqualTo(450);
    }

    @Test
    void configuredHoursReplaceTheDefaults() {
        // when
        WorkingHours hours = WorkingHours.parse(" 7:00-11:00 , 13:00-16:30 ", "14:00");

        // then
        assertThat(hours.endOfDay()).isEqualTo(LocalTime.of(16, 30));
        assertThat(hours.minutesPerDay()).isEqualTo(450);
        assertThat(hours.receiptCutOff()).isEqualTo(LocalTime.of(14, 0));
    }

    @Test
    void blankConfigurationKeepsTheDefaults() {
        // when
        WorkingHours hours = WorkingHours.parse("", null);

        // then
        assertThat(hours).isEqualTo(WorkingHours.defaults());
    }

    @ParameterizedTest(name = "{1} working minutes elapsed before {0}")
    @CsvSource({
            "06:00, 0",
            "07:30, 0",
            "09:00, 90",
            "11:30, 240",
            "12:30, 240",   // lunch break adds nothing
            "14:00, 270",
            "17:00, 450",
            "22:00, 450",
    })
    void workingMinutesBeforeATimeAreClampedToTheSegments(LocalTime t, int expected) {
        assertThat(WorkingHours.defaults().workingMinutesBefore(t)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" / \"{1}\" is rejected")
    @CsvSource(delimiter = '|', value = {
            "07:30            | 15:00",
            "07:30-25:00      | 15:00",
            "11:30-07:30      | 15:00",
            "07:30-12:00,11:00-17:00 | 15:00",
            "13:30-17:00,07:30-11:30 | 15:00",
            "07:30-11:30      | 3pm",
    })
    void malformedWorkingHoursAreRejected(String segments, String cutOff) {
        assertThatIllegalArgumentException().isThrownBy(() -> WorkingHours.parse(segments, cutOff));
    }
}
