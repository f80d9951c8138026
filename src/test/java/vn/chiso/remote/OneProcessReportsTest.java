package vn.chiso.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.ApplicationTest;
import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.ingest.IngestService;
import vn.chiso.reports.ReportArchive;
import vn.chiso.reports.ReportDistribution;
import vn.chiso.reports.ReportFormat;
import vn.chiso.reports.ReportService;

/**
 * Without RabbitMQ configured (the default) nothing of remote partitioning exists: the reports
 * render in this process as they always did. And a partition run twice, as after its worker died,
 * leaves one archive entry per report.
 */
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneProcessReportsTest extends DatabaseTest {

    private static final ReportingWindow Q1 = ReportingWindow.parse("2024-Q1");

    @Autowired
    ApplicationContext context;
    @Autowired
    IngestService ingest;
    @Autowired
    ReportService reports;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    void theExampleProvince() throws Exception {
        Fixtures.clean(jdbc);
        ingest.ingest(List.of(Fixtures.resource("examples/province-small/data")), line -> { });
    }

    @Test
    void withoutRabbitEverythingRunsInOneProcess() throws Exception {
        // given no chiso.remote.rabbit
        assertThat(context.getBeansOfType(ReportDistribution.class)).isEmpty();
        assertThat(context.getBeansOfType(RemoteProperties.class).values()).noneMatch(RemoteProperties::enabled);
        assertThat(context.containsBean("remoteConnectionFactory")).isFalse();
        assertThat(context.containsBean("reportsRemoteJob")).isFalse();
        emptyArchive();

        // when
        List<ReportArchive.Entry> entries = reports.generate(Q1, null, ReportFormat.XLSX, line -> { });

        // then every report, rendered here without a job of partitions
        assertThat(entries).allMatch(ReportArchive.Entry::done);
        assertThat(entries.stream().map(e -> e.orgCode() == null ? ReportService.SUMMARY : e.orgCode()))
                .containsExactlyElementsOf(reports.reportCodes(Q1));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_instance WHERE job_name = 'reports-remote'", Long.class)).isZero();
        assertThat(context.getBeansOfType(vn.chiso.ingest.IngestDistribution.class)).as("the files of an ingest, too, are ingested here").isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_instance WHERE job_name = 'ingest-remote'", Long.class)).isZero();
        assertThat(context.getBeansOfType(org.springframework.amqp.rabbit.connection.CachingConnectionFactory.class).values())
                .as("no connection to a broker").allMatch(factory -> "0".equals(factory.getCacheProperties().getProperty("localPort")));
    }

    @Test
    void aPartitionRunAgainAfterItsWorkerDiedLeavesOneArchiveEntryPerReport() throws Exception {
        // given a partition whose worker died: one report finished, one left RUNNING
        emptyArchive();
        List<String> partition = reports.reportCodes(Q1).subList(0, 3);
        reports.renderOnce(Q1, ReportFormat.XLSX, partition.subList(0, 2), "run-1");
        jdbc.update("UPDATE report SET status = 'RUNNING', size = NULL, finished_at = NULL WHERE coalesce(org_code, '') = ?", partition.get(1));

        // when it runs again, whole
        List<ReportArchive.Entry> entries = reports.renderOnce(Q1, ReportFormat.XLSX, partition, "run-1");

        // then
        assertThat(entries).allMatch(ReportArchive.Entry::done);
        List<Map<String, Object>> versions = jdbc.queryForList(
                "SELECT coalesce(org_code, '') AS code, count(*) AS n, max(version) AS v FROM report GROUP BY 1");
        assertThat(versions).hasSize(3).allMatch(row -> ((Number) row.get("n")).longValue() == 1 && ((Number) row.get("v")).intValue() == 1);
    }

    private void emptyArchive() throws java.io.IOException {
        jdbc.update("DELETE FROM report");
        org.springframework.util.FileSystemUtils.deleteRecursively(HOME.resolve("reports"));
    }
}
