package vn.chiso.web;

import org.quartz.SchedulerException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import vn.chiso.schedule.ScheduleRuns;
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

    @GetMapping("/schedules")
    String schedules(Model model) throws SchedulerException {
        model.addAttribute("schedules", schedules.list());
        model.addAttribute("runs", runs.recent(50));
        return "schedules";
    }

    @PostMapping("/schedules/{name}/run")
    String runNow(@PathVariable String name, RedirectAttributes redirect) {
        try {
            schedules.runNow(name);
            redirect.addFlashAttribute("notice", "Đã yêu cầu chạy " + name);
        } catch (SchedulerException | RuntimeException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/schedules";
    }

    @PostMapping("/schedules/runs/{id}/restart")
    String restart(@PathVariable long id, RedirectAttributes redirect) {
        try {
            ScheduleRuns.Run run = runs.find(id).orElseThrow(() -> new IllegalArgumentException("no scheduled run " + id));
            schedules.restart(run);
            redirect.addFlashAttribute("notice", "Đã yêu cầu chạy lại lượt " + id);
        } catch (SchedulerException | RuntimeException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/schedules";
    }
}
