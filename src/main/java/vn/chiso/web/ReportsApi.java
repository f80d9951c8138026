package vn.chiso.web;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.chiso.reports.ReportArchive;

/** Requesting, following and downloading period reports (SPEC §5b). */
@RestController
@RequestMapping("/api/reports")
@Tag(name = "reports", description = "Request a window's report, follow it, list the archive, download the files")
class ReportsApi {

    /** A report asked for: {@code org} null or absent for the province summary, {@code format} pdf (default) or xlsx. */
    record ReportRequest(String window, String org, String format) {
    }

    private final Reports reports;

    ReportsApi(Reports reports) {
        this.reports = reports;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Request a report (OFFICER)", description = "Answers 202 with the archive entry, PENDING, at once; it renders in "
            + "the background (RUNNING, then DONE or FAILED): follow it at /api/reports/{id}. 400 for an unknown window, format or unit; "
            + "403 for a unit outside the user's, or for the province summary (no org) unless the user sees every unit.")
    ResponseEntity<Map<String, Object>> request(@RequestBody ReportRequest request, Authentication user) {
        if (request == null) {
            throw new IllegalArgumentException("expected {\"window\", \"org\", \"format\"}");
        }
        ReportArchive.Entry entry = reports.request(user, request.window(), request.org(), request.format());
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/reports/" + entry.id()))
                .body(Map.of("id", entry.id(), "status", entry.status(), "fileName", entry.fileName()));
    }

    @GetMapping
    @Operation(summary = "The archive, newest first", description = "Every version of every report the user may see; a user bound to a unit "
            + "sees that unit's and those below it.")
    List<Reports.Report> list(@Parameter(description = "window id, e.g. 2024-Q1") @RequestParam(required = false) String window,
                              @Parameter(description = "unit code") @RequestParam(required = false) String org, Authentication user) {
        return reports.list(user, window, org).stream().map(Reports.Report::of).toList();
    }

    @GetMapping("/zip")
    @Operation(summary = "Download a window's reports as one ZIP", description = "The latest finished version of each report of the "
            + "window the user may see (one per unit and format; the province summary for users who see every unit), streamed as "
            + "chiso-<window>.zip; 404 when there is none yet.")
    void zip(@Parameter(description = "window id, e.g. 2024-Q1") @RequestParam String window, Authentication user,
             HttpServletResponse response) throws IOException {
        List<ReportArchive.Entry> entries = reports.latestDone(user, window);
        if (entries.isEmpty()) {
            throw new ApiErrors.NotFound("no finished report of window " + window + " that this user may see");
        }
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("chiso-" + window.replaceAll("[^A-Za-z0-9._-]", "_") + ".zip").build().toString());
        try (ZipOutputStream zip = new ZipOutputStream(response.getOutputStream())) {
            for (ReportArchive.Entry entry : entries) {
                // Names and paths are the archive's own, never taken from the request.
                ZipEntry file = new ZipEntry(entry.fileName());
                file.setLastModifiedTime(FileTime.from((entry.finishedAt() == null ? entry.createdAt() : entry.finishedAt()).toInstant()));
                zip.putNextEntry(file);
                Files.copy(entry.path(), zip);
                zip.closeEntry();
            }
        }
    }

    @GetMapping("/{id}")
    @Operation(summary = "A report's status", description = "PENDING, RUNNING, DONE (with size and SHA-256) or FAILED (with the reason).")
    Reports.Report status(@PathVariable long id, Authentication user) {
        return Reports.Report.of(reports.find(user, id));
    }

    @GetMapping("/{id}/file")
    @Operation(summary = "Download a report", description = "The archived file, named like chiso-2024-Q1-STP-v2.pdf; 409 until it is DONE.")
    ResponseEntity<Resource> file(@PathVariable long id, Authentication user) {
        ReportArchive.Entry entry = reports.find(user, id);
        if (!entry.done()) {
            throw new IllegalStateException("report " + id + " is " + entry.status() + ", not ready for download");
        }
        // The path is the archive's own, never taken from the request.
        if (entry.path() == null || !Files.isRegularFile(entry.path())) {
            throw new ApiErrors.NotFound("the file of report " + id + " is no longer in the archive");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(entry.format().contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(entry.fileName()).build().toString())
                .body(new FileSystemResource(entry.path()));
    }
}
