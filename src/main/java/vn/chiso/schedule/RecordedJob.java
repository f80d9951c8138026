package vn.chiso.schedule;

import java.time.Instant;
import java.time.LocalDate;

import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.ingest.IngestService;

/**
 * A scheduled job whose every execution is recorded in schedule_run. The work is done for the day of
 * the firing it stands for — its scheduled time, or the original one when an admin restarts a failed
 * run — not for the day it happens to run, so a firing caught up after downtime does that day's work.
 */
abstract class RecordedJob implements Job {

    static final String FIRE_TIME = "fireTime";
    static final String RESTART_OF = "restartOf";

    private final ScheduleRuns runs;

    RecordedJob(ScheduleRuns runs) {
        this.runs = runs;
    }

    /** Does the work; returns the one-line summary the run keeps. */
    abstract String work(JobDataMap data, LocalDate day) throws Exception;

    @Override
    public final void execute(JobExecutionContext context) throws JobExecutionException {
        JobDataMap data = context.getMergedJobDataMap();
        Instant fireTime = data.containsKey(FIRE_TIME) ? Instant.ofEpochMilli(data.getLong(FIRE_TIME))
                : (context.getScheduledFireTime() != null ? context.getScheduledFireTime() : context.getFireTime()).toInstant();
        Long restartOf = data.containsKey(RESTART_OF) ? data.getLong(RESTART_OF) : null;
        String instance;
        try {
            instance = context.getScheduler().getSchedulerInstanceId();
        } catch (SchedulerException e) {
            instance = "?";
        }
        String name = context.getJobDetail().getKey().getName();
        long id = runs.start(name, data.getString(Schedules.KIND), fireTime, instance, restartOf);
        try {
            runs.complete(id, work(data, LocalDate.ofInstant(fireTime, ReportingWindow.ZONE)));
        } catch (Exception e) {
            runs.fail(id, IngestService.rootMessage(e));
            throw new JobExecutionException(e, false);
        }
    }
}
