package vn.chiso.schedule;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * At the start of a process that runs the scheduler ({@code chiso.schedule.enabled}, set by
 * {@code ./chiso serve}): the schedules of the jobs folder replace those Quartz holds, and runs left
 * unfinished by a crash are marked failed. A broken schedule file stops the start with its reason.
 */
@Component
@ConditionalOnBooleanProperty("chiso.schedule.enabled")
class ScheduleLoader implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleLoader.class);

    private final Schedules schedules;
    private final ScheduleRuns runs;
    private final ScheduleProperties properties;

    ScheduleLoader(Schedules schedules, ScheduleRuns runs, ScheduleProperties properties) {
        this.schedules = schedules;
        this.runs = runs;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (properties.jobs() == null) {
            LOG.warn("no schedules folder (chiso.schedule.jobs): the scheduler runs no job");
            return;
        }
        List<ScheduledJob> jobs = ScheduledJob.load(properties.jobs());
        try {
            schedules.register(jobs);
        } catch (org.quartz.SchedulerException e) {
            throw new IllegalStateException("cannot register the schedules: " + e.getMessage(), e);
        }
        int interrupted = runs.failInterrupted();
        if (interrupted > 0) {
            LOG.warn("{} scheduled run(s) interrupted by a stop are marked failed", interrupted);
        }
    }
}
