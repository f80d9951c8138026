package vn.chiso.schedule;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scheduler settings ({@code chiso.schedule.*}).
 *
 * @param enabled whether this process runs the scheduler ({@code ./chiso serve} turns it on; the other
 *                commands and the tests leave it off)
 * @param jobs    the folder of schedule files ({@code jobs/} of the repository, passed by {@code ./chiso})
 * @param settle  an inbox file modified more recently than this may still be being copied: it waits
 *                for the next pickup
 */
@ConfigurationProperties("chiso.schedule")
public record ScheduleProperties(@DefaultValue("false") boolean enabled, Path jobs,
                                 @DefaultValue("60s") Duration settle) {
}
