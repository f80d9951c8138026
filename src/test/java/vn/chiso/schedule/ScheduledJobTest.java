package vn.chiso.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.chiso.calendar.ReportingWindow;

/** The schedule files of jobs/, which users edit by hand. */
class ScheduledJobTest {

    @TempDir
    Path dir;

    @Test
    void theShippedSchedulesAreTheNightlyPickupTheReportsOnThe15thAndTheMorningWarning() {
        List<ScheduledJob> jobs = ScheduledJob.load(Path.of("jobs"));
        assertThat(jobs).extracting(ScheduledJob::name).containsExactly("nightly-pickup", "window-reports", "morning-warning");
        assertThat(jobs.get(0).kind()).isEqualTo(ScheduledJob.Kind.PICKUP);
        assertThat(jobs.get(0).recompute()).isTrue();
        assertThat(jobs.get(1).kind()).isEqualTo(ScheduledJob.Kind.REPORTS);
        assertThat(jobs.get(1).cron()).isEqualTo("0 0 6 15 * ?");
        assertThat(jobs.get(1).windows()).containsExactlyInAnyOrder(ReportingWindow.Kind.QUARTER, ReportingWindow.Kind.HALF,
                ReportingWindow.Kind.NINE_MONTHS, ReportingWindow.Kind.YEAR);
    }

    @Test
    void aScheduleWithFoldersAndMonthlyReports() throws Exception {
        Files.writeString(dir.resolve("province.yml"), """
                jobs:
                  - name: pickup
                    kind: pickup
                    cron: "0 0 2 * * ?"
                    inbox: /srv/inbox
                    failed: /srv/failed
                    recompute: false
                  - name: monthly
                    kind: REPORTS
                    cron: "0 0 7 15 * ?"
                    windows: [month]
                """);
        List<ScheduledJob> jobs = ScheduledJob.load(dir);
        assertThat(jobs.get(0).inbox()).isEqualTo(Path.of("/srv/inbox"));
        assertThat(jobs.get(0).failed()).isEqualTo(Path.of("/srv/failed"));
        assertThat(jobs.get(0).archive()).isNull();
        assertThat(jobs.get(0).recompute()).isFalse();
        assertThat(jobs.get(1).windows()).containsExactly(ReportingWindow.Kind.MONTH);
    }

    @Test
    void aBadScheduleIsRefusedWithItsFileAndReason() throws Exception {
        Files.writeString(dir.resolve("bad.yml"), "jobs:\n  - name: x\n    kind: pickup\n    cron: \"every night\"\n");
        assertThatThrownBy(() -> ScheduledJob.load(dir)).hasMessageContaining("bad.yml").hasMessageContaining("schedule x")
                .hasMessageContaining("not a Quartz cron expression");
        Files.writeString(dir.resolve("bad.yml"), "jobs:\n  - name: x\n    kind: backup\n    cron: \"0 0 1 * * ?\"\n");
        assertThatThrownBy(() -> ScheduledJob.load(dir)).hasMessageContaining("kind must be pickup, reports or warning");
        Files.writeString(dir.resolve("bad.yml"), "jobs:\n  - name: x\n    kind: pickup\n    cron: \"0 0 1 * * ?\"\n");
        Files.writeString(dir.resolve("more.yml"), "jobs:\n  - name: x\n    kind: reports\n    cron: \"0 0 1 * * ?\"\n");
        assertThatThrownBy(() -> ScheduledJob.load(dir)).hasMessageContaining("defined twice");
    }
}
