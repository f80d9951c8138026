package vn.chiso.web;

import java.io.IOException;
import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import vn.chiso.ingest.IngestService;
import vn.chiso.ingest.Reading;
import vn.chiso.security.OrgScope;

/** The runs page (live progress) and the upload page. */
@Controller
class RunPages {

    private final Runs runs;
    private final Uploads uploads;
    private final OrgScope scope;
    private final IngestService ingest;

    RunPages(Runs runs, Uploads uploads, OrgScope scope, IngestService ingest) {
        this.runs = runs;
        this.uploads = uploads;
        this.scope = scope;
        this.ingest = ingest;
    }

    /** A run as its row on the page shows it. */
    record Row(Runs.Run run, String started, String finished, String read, String stored, String rejected) {
    }

    @GetMapping("/runs")
    String runs(Authentication user, Model model) {
        List<Row> rows = runs.recent(scope.visibleUnits(user), 100).stream()
                .map(r -> new Row(r, Cells.time(r.startedAt()), Cells.time(r.finishedAt()), Cells.number(r.rowsRead()),
                        Cells.number(r.rowsStored()), Cells.number(r.rowsRejected())))
                .toList();
        model.addAttribute("runs", rows);
        return "runs";
    }

    @GetMapping("/upload")
    String uploadForm(Model model) {
        model.addAttribute("profiles", ingest.profileNames());
        return "upload";
    }

    @PostMapping("/upload")
    String upload(@RequestParam(name = "file", required = false) List<MultipartFile> files,
                  @RequestParam(required = false) String profile, @RequestParam(required = false) String encoding,
                  Authentication user, Model model, RedirectAttributes redirect) {
        Reading reading = Reading.of(profile, encoding);
        try {
            return toRuns(uploads.accept(files, OrgScope.user(user), reading), redirect);
        } catch (IllegalArgumentException | IOException e) {
            model.addAttribute("error", IngestService.rootMessage(e));
            return uploadForm(model);
        }
    }

    /** To the runs page, which follows the upload's runs. */
    private static String toRuns(Uploads.Accepted accepted, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", "Đã nhận " + String.join(", ", accepted.files()) + " — lượt nhập " + accepted.runId());
        return "redirect:/runs";
    }

    /** "Kiểm tra": how each file would be read, nothing stored; the files wait for "Lưu" on the same page. */
    @PostMapping("/upload/check")
    String check(@RequestParam(name = "file", required = false) List<MultipartFile> files,
                 @RequestParam(required = false) String profile, @RequestParam(required = false) String encoding, Model model) {
        Reading reading = Reading.of(profile, encoding);
        try {
            Uploads.Checked checked = uploads.check(files, reading, true);
            model.addAttribute("checked", checked);
            model.addAttribute("profile", reading.profile());
            model.addAttribute("encoding", reading.encoding());
        } catch (IllegalArgumentException | IOException e) {
            model.addAttribute("error", IngestService.rootMessage(e));
        }
        return uploadForm(model);
    }

    @PostMapping("/upload/confirm")
    String confirm(@RequestParam String token, @RequestParam(required = false) String profile,
                   @RequestParam(required = false) String encoding, Authentication user, Model model, RedirectAttributes redirect) {
        Reading reading = Reading.of(profile, encoding);
        try {
            return toRuns(uploads.acceptChecked(token, OrgScope.user(user), reading), redirect);
        } catch (IllegalArgumentException | IOException e) {
            model.addAttribute("error", IngestService.rootMessage(e));
            return uploadForm(model);
        }
    }

    @PostMapping("/runs/{id}/restart")
    String restart(@PathVariable long id, Authentication user, RedirectAttributes redirect) {
        Runs.Run run = runs.find(id, scope.visibleUnits(user)).orElseThrow(() -> new ApiErrors.NotFound("no run " + id));
        try {
            if (!"FAILED".equals(run.status())) {
                throw new IllegalStateException("lượt nhập " + id + " không ở trạng thái lỗi");
            }
            uploads.restart(id, OrgScope.user(user));
            redirect.addFlashAttribute("notice", "Đang chạy lại lượt nhập " + id);
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/runs";
    }
}
