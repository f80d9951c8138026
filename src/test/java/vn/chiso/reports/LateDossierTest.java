package vn.chiso.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import vn.chiso.reports.UnitReport.LateDossier;

class LateDossierTest {

    @Test
    void anEndOfDayDueReadsAsThatDay() {
        LateDossier dateOnly = late("2025-09-12T00:00+07:00");

        assertThat(dateOnly.dueDay()).isEqualTo(LocalDate.of(2025, 9, 11));
        assertThat(dateOnly.dueLabel()).isEqualTo("11/09/2025");
    }

    @Test
    void aDueWithATimeReadsInVietnamsTime() {
        LateDossier timed = late("2025-09-12T10:00Z");

        assertThat(timed.dueDay()).isNull();
        assertThat(timed.dueLabel()).isEqualTo("12/09/2025 17:00");
    }

    private static LateDossier late(String due) {
        return new LateDossier("HS-1", "1.000001", null, "STP", null, OffsetDateTime.parse("2025-09-01T08:00+07:00").toInstant(),
                OffsetDateTime.parse(due).toInstant(), null, 1, false);
    }
}
