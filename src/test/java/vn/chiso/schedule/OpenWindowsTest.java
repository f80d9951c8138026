package vn.chiso.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import vn.chiso.calendar.ReportingWindow;

/** Which windows the nightly pickup recomputes and the reports job closes (SPEC §2). */
class OpenWindowsTest {

    @Test
    void aWindowIsOpenFromItsFirstDayUntilItsReportIsDue() {
        assertThat(OpenWindows.on(LocalDate.of(2024, 3, 10))).extracting(ReportingWindow::id)
                .containsExactly("2024-M03", "2024-Q1", "2024-H1", "2024-9M", "2024");
        // the 15th of March: Q1 closed yesterday and is still recomputed, Q2 has begun
        assertThat(OpenWindows.on(LocalDate.of(2024, 3, 15))).extracting(ReportingWindow::id)
                .contains("2024-M03", "2024-Q1", "2024-M04", "2024-Q2").doesNotContain("2024-M02");
        // from 15 December the next year's windows are open
        assertThat(OpenWindows.on(LocalDate.of(2024, 12, 20))).extracting(ReportingWindow::id)
                .containsExactly("2025-M01", "2025-Q1", "2025-H1", "2025-9M", "2025");
    }

    @Test
    void reportsAreDueOnThe15thOfAWindowsLastMonth() {
        var kinds = ScheduledJob.DEFAULT_WINDOWS;
        assertThat(OpenWindows.dueOn(LocalDate.of(2024, 3, 15), kinds)).extracting(ReportingWindow::id).containsExactly("2024-Q1");
        assertThat(OpenWindows.dueOn(LocalDate.of(2024, 6, 15), kinds)).extracting(ReportingWindow::id).containsExactly("2024-Q2", "2024-H1");
        assertThat(OpenWindows.dueOn(LocalDate.of(2024, 9, 15), kinds)).extracting(ReportingWindow::id).containsExactly("2024-Q3", "2024-9M");
        assertThat(OpenWindows.dueOn(LocalDate.of(2024, 12, 15), kinds)).extracting(ReportingWindow::id)
                .containsExactly("2024-Q4", "2024-H2", "2024");
        assertThat(OpenWindows.dueOn(LocalDate.of(2024, 4, 15), kinds)).isEmpty();
        assertThat(OpenWindows.dueOn(LocalDate.of(2024, 4, 15), EnumSet.of(ReportingWindow.Kind.MONTH)))
                .extracting(ReportingWindow::id).containsExactly("2024-M04");
        assertThat(OpenWindows.dueOn(LocalDate.of(2024, 3, 14), kinds)).isEmpty();
    }
}
