package vn.chiso.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import vn.chiso.ingest.read.Reading;
import vn.chiso.security.OrgScope;

/** Uploads and import runs (SPEC §5b). */
@RestController
@RequestMapping("/api")
@Tag(name = "imports", description = "Upload exports, follow their runs, download their rejects")
class RunsApi {

    private final Uploads uploads;
    private final Runs runs;
    private final OrgScope scope;

    RunsApi(Uploads uploads, Runs runs, OrgScope scope) {
        this.uploads = uploads;
        this.runs = runs;
        this.scope = scope;
    }

    @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload export files (OFFICER), or check them", description = "One or more 'file' parts (CSV, TXT, XLSX, XLS, "
            + "the portal's JSON). Answers 202 with the run of the first file as soon as its ingest starts; follow it at /api/runs/{runId}. "
            + "A file that is not a recognisable export is refused (400) and nothing is stored. 'profile' names a source profile "
            + "(default: the one whose signature the header holds), 'encoding' the files' encoding (default UTF-8 or UTF-16 with BOM). "
            + "With check=true nothing is stored: 200 with, per file, the kind and profile, each source column and the field it feeds, "
            + "the columns not used, the values no label matched, the rejects by reason and whether the file would be refused.")
    ResponseEntity<Map<String, Object>> upload(@RequestParam("file") List<MultipartFile> files,
                                               @RequestParam(defaultValue = "false") boolean check,
                                               @RequestParam(required = false) String profile,
                                               @RequestParam(required = false) String encoding,
                                               Authentication user) throws IOException {
        Reading reading = Reading.of(profile, encoding);
        if (check) {
            Uploads.Checked checked = uploads.check(files, OrgScope.user(user), reading, false);
            return ResponseEntity.ok(Map.of("files", checked.files()));
        }
        Uploads.Accepted accepted = uploads.accept(files, OrgScope.user(user), reading);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(java.net.URI.create("/api/runs/" + accepted.runId()))
                .body(Map.of("runId", accepted.runId(), "files", accepted.files()));
    }

    @GetMapping("/runs")
    @Operation(summary = "Import runs, newest first", description = "Status (STARTED, STORED, REFUSED, FAILED) and progress: rows read, stored, rejected. "
            + "A user bound to an org unit sees the uploads of its units only.")
    List<Runs.Run> runs(@RequestParam(defaultValue = "100") int limit, Authentication user) {
        return runs.recent(scope.visibleUnits(user), Math.max(1, Math.min(limit, 1000)));
    }

    @GetMapping("/runs/{id}")
    @Operation(summary = "One import run")
    Runs.Run run(@PathVariable long id, Authentication user) {
        return find(id, user);
    }

    @GetMapping(path = "/runs/{id}/rejects", produces = "text/csv")
    @Operation(summary = "A run's rejected rows as CSV", description = "Header file,line,key,column,value,reason (SPEC §7), after a UTF-8 byte order mark so that Excel shows "
            + "Vietnamese correctly; values a spreadsheet would take for a formula start with an apostrophe.")
    void rejects(@PathVariable long id, Authentication user, HttpServletResponse response) throws IOException {
        Runs.Run run = find(id, user);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(run.fileName() + ".rejects.csv", StandardCharsets.UTF_8).build().toString());
        runs.writeRejects(id, run.fileName(), new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
    }

    @PostMapping("/runs/{id}/restart")
    @Operation(summary = "Restart a failed or interrupted run (ADMIN)", description = "Continues where it stopped, from the run's own file.")
    ResponseEntity<Map<String, Object>> restart(@PathVariable long id, Authentication user) {
        Runs.Run run = find(id, user);
        if (!"FAILED".equals(run.status())) {
            throw new IllegalStateException("run " + id + " is " + run.status() + ": only a failed or interrupted run can be restarted");
        }
        uploads.restart(id, OrgScope.user(user));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("runId", id));
    }

    private Runs.Run find(long id, Authentication user) {
        return runs.find(id, scope.visibleUnits(user)).orElseThrow(() -> new ApiErrors.NotFound("no run " + id));
    }
}
