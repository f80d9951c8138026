package vn.chiso.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.indicators.IndicatorEngine;
import vn.chiso.reports.ReportService;

/** The reports job generates every report of the windows whose report is due that day, after recomputing them. */
class ReportsJobTest {

    private final IndicatorEngine engine = mock(IndicatorEngine.class);
    private final ReportService reports = mock(ReportService.class);
    private final ReportsJob job = new ReportsJob(mock(ScheduleRuns.class), engine, reports);

    @Test
    void onThe15thOfJuneTheSecondQuarterAndTheFirstHalfAreReported() throws Exception {
        String summary = job.work(new JobDataMap(java.util.Map.of("windows", "QUARTER,HALF,NINE_MONTHS,YEAR")), LocalDate.of(2024, 6, 15));
        assertThat(summary).isEqualTo("reports generated for 2024-Q2, 2024-H1");
        verify(engine).compute(ReportingWindow.parse("2024-Q2"));
        verify(reports).generateAll(ReportingWindow.parse("2024-Q2"));
        verify(reports).generateAll(ReportingWindow.parse("2024-H1"));
    }

    @Test
    void onAnotherDayNothingIsDue() throws Exception {
        assertThat(job.work(new JobDataMap(), LocalDate.of(2024, 6, 16))).isEqualTo("no window's report is due on 2024-06-16");
        verify(engine, never()).compute(org.mockito.ArgumentMatchers.any(ReportingWindow.class));
        verify(reports, never()).generateAll(org.mockito.ArgumentMatchers.any());
    }

    @Test
    void aWindowWhoseReportsFailFailsTheRunAfterItsComputationSoItCanBeRestarted() {
        ReportingWindow q1 = ReportingWindow.parse("2024-Q1");
        doThrow(new IllegalStateException("report P94 of 2024-Q1 failed")).when(reports).generateAll(q1);
        assertThatThrownBy(() -> job.work(new JobDataMap(), LocalDate.of(2024, 3, 15))).hasMessageContaining("2024-Q1");
        verify(engine).compute(q1);
    }
}
