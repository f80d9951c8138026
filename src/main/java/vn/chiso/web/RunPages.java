package vn.chiso.web;

import java.io.IOException;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import vn.chiso.ingest.IngestService;
import vn.chiso.ingest.read.Reading;
import vn.chiso.security.OrgScope;

/** The runs page (live progress), a run's page with its rejected rows, and the upload page. */
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

    /** Rejected rows a run's page lists at a time. */
    static final int REJECTS_PER_PAGE = 50;

    /** A run as its row on the page shows it: in Vietnamese, times in Vietnam's, numbers with dots. */
    record Row(long id, String fileName, String kind, String status, String statusLabel, boolean failed, String started,
               String finished, String read, String stored, String rejected, long rowsRejected, String note) {

        static Row of(Runs.Run r) {
            return new Row(r.id(), r.fileName(), RunTexts.fileKind(r.kind()), r.status(), RunTexts.runStatus(r.status(), r.interrupted()),
                    "FAILED".equals(r.status()), Cells.time(r.startedAt()), Cells.time(r.finishedAt()), Cells.number(r.rowsRead()),
                    Cells.number(r.rowsStored()), Cells.number(r.rowsRejected()), r.rowsRejected(), RunTexts.vietnamese(r.message()));
        }
    }

    /** A rejected row as the run's page lists it, its reason in Vietnamese. */
    record RejectRow(long line, String key, String column, String value, String reason) {
    }

    /** A reason rows were rejected for: the filter's value, its Vietnamese and its rows. */
    record ReasonRow(String reason, String label, String rows) {
    }

    @GetMapping("/runs")
    String runs(Authentication user, Model model) {
        model.addAttribute("runs", rows(user));
        return "runs";
    }

    /** The rows of the runs page as JSON, which its script follows every 3 seconds (the API keeps the English). */
    @GetMapping(path = "/runs/live", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<Row> live(Authentication user) {
        return rows(user);
    }

    private List<Row> rows(Authentication user) {
        return runs.recent(scope.visibleUnits(user), 100).stream().map(Row::of).toList();
    }

    /** One run: its figures and note, and its rejected rows page by page, of every reason or one. */
    @GetMapping("/runs/{id}")
    String run(@PathVariable long id, @RequestParam(required = false) String reason, @RequestParam(defaultValue = "1") int page,
               Authentication user, Model model) {
        Runs.Run run = runs.find(id, scope.visibleUnits(user)).orElseThrow(() -> new ApiErrors.NotFound("no run " + id));
        String chosen = reason == null || reason.isBlank() ? null : reason;
        List<Runs.Reason> reasons = runs.reasons(id);
        long rows = reasons.stream().filter(r -> chosen == null || r.reason().equals(chosen)).mapToLong(Runs.Reason::rows).sum();
        int pages = (int) Math.max(1, (rows + REJECTS_PER_PAGE - 1) / REJECTS_PER_PAGE);
        int shown = Math.max(1, Math.min(page, pages));
        long offset = (long) (shown - 1) * REJECTS_PER_PAGE;
        List<Runs.Reject> rejects = runs.rejects(id, chosen, offset, REJECTS_PER_PAGE);
        model.addAttribute("run", Row.of(run));
        model.addAttribute("reasons", reasons.stream()
                .map(r -> new ReasonRow(r.reason(), RunTexts.vietnamese(r.reason()), Cells.number(r.rows()))).toList());
        model.addAttribute("reason", chosen);
        model.addAttribute("rows", Cells.number(rows));
        model.addAttribute("rejects", rejects.stream()
                .map(r -> new RejectRow(r.line(), r.key(), r.column(), r.value(), RunTexts.vietnamese(r.reason()))).toList());
        model.addAttribute("page", shown);
        model.addAttribute("pages", pages);
        model.addAttribute("from", Cells.number(offset + 1));
        model.addAttribute("to", Cells.number(offset + rejects.size()));
        return "run";
    }

    @GetMapping("/upload")
    String uploadForm(Model model) {
        model.addAttribute("profiles", ingest.profileNames());
        model.addAttribute("vi", new RunTexts.View());
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
            model.addAttribute("error", RunTexts.vietnamese(IngestService.rootMessage(e)));
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
                 @RequestParam(required = false) String profile, @RequestParam(required = false) String encoding,
                 Authentication user, Model model) {
        Reading reading = Reading.of(profile, encoding);
        try {
            Uploads.Checked checked = uploads.check(files, OrgScope.user(user), reading, true);
            model.addAttribute("checked", checked);
            model.addAttribute("profile", reading.profile());
            model.addAttribute("encoding", reading.encoding());
        } catch (IllegalArgumentException | IOException e) {
            model.addAttribute("error", RunTexts.vietnamese(IngestService.rootMessage(e)));
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
            model.addAttribute("error", RunTexts.vietnamese(IngestService.rootMessage(e)));
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
            redirect.addFlashAttribute("error", RunTexts.vietnamese(e.getMessage()));
        }
        return "redirect:/runs";
    }
}
