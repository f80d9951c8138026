package vn.chiso.web;

import org.quartz.SchedulerException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import vn.chiso.schedule.ScheduleRuns;
import vn.chiso.schedule.ScheduledJob;
import vn.chiso.schedule.Schedules;

/** The schedules page (ADMIN): the schedules of jobs/, their runs, run now, restart a failed run. */
@Controller
class AdminPages {

    private final Schedules schedules;
    private final ScheduleRuns runs;

    AdminPages(Schedules schedules, ScheduleRuns runs) {
        this.schedules = schedules;
        this.runs = runs;
    }

    /** A schedule as its row shows it: what it does in Vietnamese, when in Vietnam's time. */
    record ScheduleRow(String name, String kind, String when, String cron, String next, String previous) {
    }

    /** A scheduled run as its row shows it. */
    record RunRow(long id, String schedule, String kind, String fireTime, String instance, String status, String statusLabel,
                  String note, String started, String finished) {
    }

    @GetMapping("/schedules")
    String schedules(Model model) throws SchedulerException {
        model.addAttribute("schedules", schedules.list().stream()
                .map(s -> new ScheduleRow(s.name(), kind(s.kind()), RunTexts.cron(s.cron()), s.cron(), Cells.time(s.nextFireTime()),
                        Cells.time(s.previousFireTime())))
                .toList());
        model.addAttribute("runs", runs.recent(50).stream()
                .map(r -> new RunRow(r.id(), r.jobName(), kind(r.kind()), Cells.time(r.fireTime()), r.instanceId(), r.status(),
                        RunTexts.scheduleStatus(r.status()), RunTexts.vietnamese(r.message()), Cells.time(r.startedAt()),
                        Cells.time(r.finishedAt())))
                .toList());
        return "schedules";
    }

    /** "pickup" → "Nhận tệp và tính lại các kỳ đang mở". */
    private static String kind(String kind) {
        try {
            return ScheduledJob.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)).label();
        } catch (IllegalArgumentException | NullPointerException e) {
            return kind;
        }
    }

    @PostMapping("/schedules/{name}/run")
    String runNow(@PathVariable String name, RedirectAttributes redirect) {
        try {
            schedules.runNow(name);
            redirect.addFlashAttribute("notice", "Đã yêu cầu chạy lịch " + name);
        } catch (SchedulerException | RuntimeException e) {
            redirect.addFlashAttribute("error", RunTexts.vietnamese(e.getMessage()));
        }
        return "redirect:/schedules";
    }

    @PostMapping("/schedules/runs/{id}/restart")
    String restart(@PathVariable long id, RedirectAttributes redirect) {
        try {
            ScheduleRuns.Run run = runs.find(id).orElseThrow(() -> new IllegalArgumentException("không có lượt chạy " + id));
            schedules.restart(run);
            redirect.addFlashAttribute("notice", "Đã yêu cầu chạy lại lượt " + id);
        } catch (SchedulerException | RuntimeException e) {
            redirect.addFlashAttribute("error", RunTexts.vietnamese(e.getMessage()));
        }
        return "redirect:/schedules";
    }
}
