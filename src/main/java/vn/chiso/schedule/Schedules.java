package vn.chiso.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.stereotype.Component;

import vn.chiso.calendar.ReportingWindow;

/**
 * The schedules in Quartz. Quartz keeps them in PostgreSQL and runs clustered: every chiso instance on
 * the same database registers the same schedules, and each firing runs on exactly one of them.
 */
@Component
public class Schedules {

    static final String GROUP = "chiso";
    static final String KIND = "kind";

    /** A schedule as the admin pages show it. */
    public record Info(String name, String kind, String cron, Instant nextFireTime, Instant previousFireTime) {
    }

    private final Scheduler scheduler;

    Schedules(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Makes Quartz hold exactly these schedules: new and changed ones replace, removed ones go. */
    public void register(List<ScheduledJob> jobs) throws SchedulerException {
        Set<JobKey> wanted = new HashSet<>();
        for (ScheduledJob job : jobs) {
            JobKey key = JobKey.jobKey(job.name(), GROUP);
            wanted.add(key);
            JobDetail detail = JobBuilder.newJob(jobClass(job.kind())).withIdentity(key).storeDurably()
                    .withDescription(job.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + job.cron())
                    .usingJobData(data(job)).build();
            CronTrigger trigger = TriggerBuilder.newTrigger().withIdentity(TriggerKey.triggerKey(job.name(), GROUP)).forJob(key)
                    .withSchedule(CronScheduleBuilder.cronSchedule(job.cron()).inTimeZone(TimeZone.getTimeZone(ReportingWindow.ZONE))
                            // A firing missed while no instance ran is done once when one comes back.
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            scheduler.scheduleJob(detail, Set.of(trigger), true);
        }
        for (JobKey existing : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!wanted.contains(existing)) {
                scheduler.deleteJob(existing);
            }
        }
    }

    public List<Info> list() throws SchedulerException {
        List<Info> infos = new ArrayList<>();
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            JobDetail detail = scheduler.getJobDetail(key);
            Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(key.getName(), GROUP));
            String cron = trigger instanceof CronTrigger c ? c.getCronExpression() : null;
            infos.add(new Info(key.getName(), detail == null ? null : detail.getJobDataMap().getString(KIND), cron,
                    instant(trigger == null ? null : trigger.getNextFireTime()),
                    instant(trigger == null ? null : trigger.getPreviousFireTime())));
        }
        infos.sort(java.util.Comparator.comparing(Info::name));
        return infos;
    }

    /** Runs a schedule now, for today's work. */
    public void runNow(String name) throws SchedulerException {
        JobKey key = existing(name);
        scheduler.triggerJob(key, new JobDataMap(java.util.Map.of(RecordedJob.FIRE_TIME, System.currentTimeMillis())));
    }

    /** Runs a failed run's job again for the same firing (the same day's work). */
    public void restart(ScheduleRuns.Run run) throws SchedulerException {
        if (!"FAILED".equals(run.status())) {
            throw new IllegalStateException("run " + run.id() + " is " + run.status() + ": only a failed run can be restarted");
        }
        JobKey key = existing(run.jobName());
        scheduler.triggerJob(key, new JobDataMap(java.util.Map.of(RecordedJob.FIRE_TIME, run.fireTime().toInstant().toEpochMilli(),
                RecordedJob.RESTART_OF, run.id())));
    }

    private JobKey existing(String name) throws SchedulerException {
        JobKey key = JobKey.jobKey(name, GROUP);
        if (!scheduler.checkExists(key)) {
            throw new java.util.NoSuchElementException("no schedule named " + name);
        }
        return key;
    }

    private static JobDataMap data(ScheduledJob job) {
        JobDataMap data = new JobDataMap();
        data.put(KIND, job.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (job.inbox() != null) {
            data.put("inbox", job.inbox().toString());
        }
        if (job.archive() != null) {
            data.put("archive", job.archive().toString());
        }
        if (job.failed() != null) {
            data.put("failed", job.failed().toString());
        }
        data.put("recompute", Boolean.toString(job.recompute()));
        data.put("windows", job.windows().stream().map(Enum::name).collect(Collectors.joining(",")));
        return data;
    }

    private static Class<? extends Job> jobClass(ScheduledJob.Kind kind) {
        return switch (kind) {
            case PICKUP -> PickupJob.class;
            case REPORTS -> ReportsJob.class;
            case WARNING -> WarningJob.class;
        };
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
