package vn.chiso.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.quartz.SchedulerException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import vn.chiso.schedule.ScheduleRuns;
import vn.chiso.schedule.Schedules;

/** The scheduler, for admins: schedules, their runs, running one now, restarting a failed run. */
@RestController
@RequestMapping("/api/schedules")
@Tag(name = "schedules", description = "Nightly pickup and report generation (ADMIN)")
class SchedulesApi {

    private final Schedules schedules;
    private final ScheduleRuns runs;

    SchedulesApi(Schedules schedules, ScheduleRuns runs) {
        this.schedules = schedules;
        this.runs = runs;
    }

    @GetMapping
    @Operation(summary = "The schedules of jobs/, with their next and previous firing")
    List<Schedules.Info> schedules() throws SchedulerException {
        return schedules.list();
    }

    @GetMapping("/runs")
    @Operation(summary = "Runs of the schedules, newest first", description = "A run a crash interrupted shows as FAILED.")
    List<ScheduleRuns.Run> runs() {
        return runs.recent(100);
    }

    @PostMapping("/{name}/run")
    @Operation(summary = "Run a schedule now")
    ResponseEntity<Map<String, Object>> runNow(@PathVariable String name) throws SchedulerException {
        schedules.runNow(name);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("schedule", name));
    }

    @PostMapping("/runs/{id}/restart")
    @Operation(summary = "Restart a failed run", description = "Does the work of the same firing again (e.g. the reports of the window due that day).")
    ResponseEntity<Map<String, Object>> restart(@PathVariable long id) throws SchedulerException {
        ScheduleRuns.Run run = runs.find(id).orElseThrow(() -> new ApiErrors.NotFound("no scheduled run " + id));
        schedules.restart(run);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("restartOf", id, "schedule", run.jobName()));
    }
}
