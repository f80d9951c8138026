package vn.chiso.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.scheduling.quartz.SpringBeanJobFactory;
import org.springframework.transaction.PlatformTransactionManager;

import vn.chiso.ApplicationTest;
import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;

/**
 * Two chiso instances on one database, as two servers of a province would run: Quartz clustered on
 * its JDBC store runs each firing on exactly one of them.
 */
@ApplicationTest
class TwoSchedulersTest extends DatabaseTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    QuartzProperties quartz;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path inbox;

    private final List<SchedulerFactoryBean> nodes = new java.util.ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (SchedulerFactoryBean node : nodes) {
            node.destroy();
        }
        jdbc.update("DELETE FROM qrtz_cron_triggers");
        jdbc.update("DELETE FROM qrtz_triggers");
        jdbc.update("DELETE FROM qrtz_job_details");
    }

    @Test
    void eachFiringRunsOnceAcrossTwoInstances() throws Exception {
        // given two schedulers with chiso's own Quartz settings, on the same database
        Fixtures.clean(jdbc);
        jdbc.execute("TRUNCATE schedule_run");
        assertThat(quartz.getProperties()).containsEntry("org.quartz.jobStore.isClustered", "true");
        Scheduler a = node("node-a");
        Scheduler b = node("node-b");
        // both register the same schedule at their start, as every instance does: a pickup every 2 seconds
        ScheduledJob every2s = new ScheduledJob("pickup-test", ScheduledJob.Kind.PICKUP, "*/2 * * * * ?", inbox, null, null,
                false, ScheduledJob.DEFAULT_WINDOWS);
        new Schedules(a).register(List.of(every2s));
        new Schedules(b).register(List.of(every2s));

        // when both run until four firings have run
        a.start();
        b.start();
        Fixtures.awaitEvery(Duration.ofMillis(200)).atMost(Duration.ofSeconds(60)).alias("four firings run").until(() -> jdbc.queryForObject(
                "SELECT count(DISTINCT fire_time) FROM schedule_run WHERE status = 'COMPLETED'", Long.class) >= 4);
        assertThat(jdbc.queryForList("SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = 'chiso'", String.class))
                .contains("node-a", "node-b");
        a.standby();
        b.standby();
        a.shutdown(true); // once a running pickup has finished
        b.shutdown(true);

        // then every firing was run once, whichever node ran it
        List<Map<String, Object>> firings = jdbc.queryForList(
                "SELECT fire_time, count(*) AS runs, min(status) AS status FROM schedule_run GROUP BY fire_time ORDER BY fire_time");
        assertThat(firings).hasSizeGreaterThanOrEqualTo(4);
        assertThat(firings).allSatisfy(f -> assertThat(((Number) f.get("runs")).intValue()).isEqualTo(1));
        assertThat(firings).allSatisfy(f -> assertThat(f.get("status")).isEqualTo("COMPLETED"));
        assertThat(jdbc.queryForList("SELECT DISTINCT instance_id FROM schedule_run", String.class)).isSubsetOf("node-a", "node-b");
    }

    private Scheduler node(String instanceId) throws Exception {
        SchedulerFactoryBean factory = new SchedulerFactoryBean();
        Properties properties = new Properties();
        properties.putAll(quartz.getProperties());
        properties.put("org.quartz.scheduler.instanceId", instanceId);
        factory.setQuartzProperties(properties);
        factory.setSchedulerName(quartz.getSchedulerName());
        factory.setDataSource(dataSource);
        factory.setTransactionManager(transactionManager);
        SpringBeanJobFactory jobs = new SpringBeanJobFactory();
        jobs.setApplicationContext(context);
        factory.setJobFactory(jobs);
        factory.setAutoStartup(false);
        factory.setApplicationContext(context);
        factory.afterPropertiesSet();
        nodes.add(factory);
        return factory.getScheduler();
    }
}
