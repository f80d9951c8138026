package vn.chiso.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.scheduling.quartz.SpringBeanJobFactory;
import org.springframework.transaction.PlatformTransactionManager;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import vn.chiso.ApplicationTest;
import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.notify.MorningWarning;
import vn.chiso.notify.Notifications;

/**
 * The morning-warning schedule of jobs/schedules.yml: it fires every day at 07:00 and sends on working
 * days only (weekends and holidays off, make-up days on); run by hand it sends whatever the day; each
 * sending is a schedule run, failed in one line when the mail server refuses.
 */
@ApplicationTest
class WarningJobTest extends DatabaseTest {

    private static final LocalDate SATURDAY = LocalDate.of(2024, 1, 13);
    private static final LocalDate MONDAY = LocalDate.of(2024, 1, 15);

    @Autowired
    MorningWarning warning;
    @Autowired
    ScheduleRuns runs;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    QuartzProperties quartz;
    @Autowired
    ApplicationContext context;

    private final Path file = HOME.resolve(Notifications.FILE);
    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private SchedulerFactoryBean node;

    @BeforeEach
    void empty() {
        Fixtures.clean(jdbc);
        smtp.start();
    }

    @AfterEach
    void stop() throws Exception {
        smtp.stop();
        Files.deleteIfExists(file);
        if (node != null) {
            node.destroy();
            jdbc.update("DELETE FROM qrtz_cron_triggers");
            jdbc.update("DELETE FROM qrtz_simple_triggers");
            jdbc.update("DELETE FROM qrtz_triggers");
            jdbc.update("DELETE FROM qrtz_job_details");
        }
    }

    private void holiday(String day, String kind) {
        jdbc.update("INSERT INTO holiday (day, kind, name, exported_at, run_id, line) VALUES (?, ?, ?, now(), 1, 1)",
                LocalDate.parse(day), kind, kind + " " + day);
    }

    private void notifications(int port) throws Exception {
        Files.writeString(file, """
                smtp: {host: 127.0.0.1, port: %d, from: chiso@tinh.gov.vn, starttls: false}
                province: [vanphong@tinh.gov.vn]
                """.formatted(port));
    }

    private String work(JobDataMap data, LocalDate day) {
        return new WarningJob(runs, warning).work(data, day);
    }

    @Test
    void theShippedScheduleFiresEveryDayAt7ForTheQuarter() {
        ScheduledJob job = ScheduledJob.load(Path.of("jobs")).stream().filter(j -> j.kind() == ScheduledJob.Kind.WARNING)
                .findFirst().orElseThrow();
        assertThat(job.name()).isEqualTo("morning-warning");
        assertThat(job.cron()).isEqualTo("0 0 7 * * ?");
        assertThat(WarningJob.windowOn(MONDAY, job.windows())).isEqualTo(ReportingWindow.parse("2024-Q1"));
        assertThat(WarningJob.windowOn(LocalDate.of(2024, 12, 16), job.windows())).as("after the cut-off, the next year's Q1")
                .isEqualTo(ReportingWindow.parse("2025-Q1"));
    }

    @Test
    void onAWeekendOrAHolidayTheFiringSendsNothing() throws Exception {
        notifications(smtp.getSmtp().getPort());
        holiday("2024-01-15", "HOLIDAY");

        assertThat(work(new JobDataMap(), SATURDAY)).isEqualTo("2024-01-13 is not a working day: nothing sent");
        assertThat(work(new JobDataMap(), MONDAY)).isEqualTo("2024-01-15 is not a working day: nothing sent");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void onAMakeUpSaturdayAndWhenRunByHandItSends() throws Exception {
        notifications(smtp.getSmtp().getPort());
        holiday("2024-01-13", "WORKDAY");

        assertThat(work(new JobDataMap(), SATURDAY)).isEqualTo("2024-Q1 on 2024-01-13: 0 dossiers at risk; sent 1 mail (the province digest)");
        JobDataMap byHand = new JobDataMap(Map.of(RecordedJob.FIRE_TIME, 0L));
        assertThat(work(byHand, LocalDate.of(2024, 1, 14))).as("a Sunday").startsWith("2024-Q1 on 2024-01-14: 0 dossiers at risk; sent 1 mail");
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    @Test
    void runNowSendsAndRecordsTheRun() throws Exception {
        // given the shipped schedules in a scheduler, and a mail server
        notifications(smtp.getSmtp().getPort());
        Schedules schedules = schedules();

        // when an admin runs it now (POST /api/schedules/morning-warning/run)
        schedules.runNow("morning-warning");

        // then
        ScheduleRuns.Run run = finished();
        assertThat(run.jobName()).isEqualTo("morning-warning");
        assertThat(run.kind()).isEqualTo("warning");
        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(run.message()).endsWith("sent 1 mail (the province digest)");
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aMailServerThatRefusesFailsTheRunWithAOneLineReason() throws Exception {
        notifications(smtp.getSmtp().getPort());
        smtp.stop();
        Schedules schedules = schedules();

        schedules.runNow("morning-warning");

        ScheduleRuns.Run run = finished();
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.message()).contains("0 of 1 mails sent; not sent: Couldn't connect to host").contains("(province digest)")
                .doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void withoutNotificationsTheRunCompletesSayingWhyNothingWasSent() throws Exception {
        Schedules schedules = schedules();

        schedules.runNow("morning-warning");

        ScheduleRuns.Run run = finished();
        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(run.message()).isEqualTo("nothing sent: no " + file + " names the recipients");
    }

    /** A scheduler with chiso's Quartz settings and the shipped schedules, as ./chiso serve starts it. */
    private Schedules schedules() throws Exception {
        node = new SchedulerFactoryBean();
        Properties properties = new Properties();
        properties.putAll(quartz.getProperties());
        properties.put("org.quartz.scheduler.instanceId", "warning-test");
        node.setQuartzProperties(properties);
        node.setSchedulerName(quartz.getSchedulerName());
        node.setDataSource(dataSource);
        node.setTransactionManager(transactionManager);
        SpringBeanJobFactory jobs = new SpringBeanJobFactory();
        jobs.setApplicationContext(context);
        node.setJobFactory(jobs);
        node.setAutoStartup(false);
        node.setApplicationContext(context);
        node.afterPropertiesSet();
        Scheduler scheduler = node.getObject();
        Schedules schedules = new Schedules(scheduler);
        schedules.register(ScheduledJob.load(Path.of("jobs")));
        scheduler.start();
        return schedules;
    }

    private ScheduleRuns.Run finished() {
        return Fixtures.awaitEvery(Duration.ofMillis(200)).atMost(Duration.ofSeconds(30)).alias("the run finishing")
                .until(() -> runs.recent(1), recent -> !recent.isEmpty() && !"STARTED".equals(recent.get(0).status())).get(0);
    }
}
