package vn.chiso.web;

import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.reports.ReportArchive;
import vn.chiso.reports.ReportFormat;
import vn.chiso.reports.ReportService;
import vn.chiso.security.OrgScope;

/**
 * The report archive as a user may use it, for the API and the page alike: a user bound to a unit
 * requests, lists and downloads the reports of that unit and those below it; the province summary is
 * for users who see every unit.
 */
@Component
class Reports {

    /** An archived report as the API shows it; {@code org} is null for the province summary. */
    record Report(long id, String window, String org, String format, int version, String status, String fileName, Long size,
                  String sha256, OffsetDateTime createdAt, OffsetDateTime finishedAt, String message) {

        static Report of(ReportArchive.Entry e) {
            return new Report(e.id(), e.windowId(), e.orgCode(), e.format().extension(), e.version(), e.status(), e.fileName(),
                    e.size(), e.sha256(), e.createdAt(), e.finishedAt(), e.message());
        }
    }

    private final ReportService service;
    private final ReportArchive archive;
    private final Windows windows;
    private final OrgScope scope;

    Reports(ReportService service, ReportArchive archive, Windows windows, OrgScope scope) {
        this.service = service;
        this.archive = archive;
        this.windows = windows;
        this.scope = scope;
    }

    /** Queues a report; a blank unit means the province summary, a blank format PDF. */
    ReportArchive.Entry request(Authentication user, String windowId, String orgCode, String format) {
        ReportingWindow window = windows.resolve(windowId)
                .orElseThrow(() -> Windows.unknown(windowId));
        ReportFormat reportFormat = format == null || format.isBlank() ? ReportFormat.PDF : ReportFormat.parse(format);
        String org = blankToNull(orgCode);
        check(user, org);
        return service.request(window, org, reportFormat);
    }

    /** The archive, newest first, as far as the user may see it. */
    List<ReportArchive.Entry> list(Authentication user, String windowId, String orgCode) {
        String org = blankToNull(orgCode);
        if (windowId != null && !windowId.isBlank() && windows.resolve(windowId).isEmpty()) {
            throw Windows.unknown(windowId);
        }
        if (org != null) {
            scope.checkNamed(user, org);
        }
        Set<String> visible = scope.visibleUnits(user);
        return archive.list(blankToNull(windowId), org).stream()
                .filter(e -> visible == null || e.orgCode() != null && visible.contains(e.orgCode()))
                .toList();
    }

    /**
     * The latest finished version of each report of the window the user may see — one per unit and
     * format, the province summary's among them for a user who sees every unit — whose file is still in
     * the archive, by file name.
     */
    List<ReportArchive.Entry> latestDone(Authentication user, String windowId) {
        Map<String, ReportArchive.Entry> latest = new TreeMap<>();
        for (ReportArchive.Entry e : list(user, windowId, null)) {
            if (e.done() && e.path() != null && Files.isRegularFile(e.path())) {
                latest.merge((e.orgCode() == null ? "" : e.orgCode()) + "|" + e.format(), e, (a, b) -> a.version() >= b.version() ? a : b);
            }
        }
        return latest.values().stream().sorted(Comparator.comparing(ReportArchive.Entry::fileName)).toList();
    }

    /** One report: 404 when there is none, 403 when it is outside what the user sees. */
    ReportArchive.Entry find(Authentication user, long id) {
        ReportArchive.Entry entry = archive.find(id).orElseThrow(() -> new ApiErrors.NotFound("no report " + id));
        check(user, entry.orgCode());
        return entry;
    }

    /** Throws 403 unless the user may have this unit's report, or the summary (null) when they see every unit. */
    private void check(Authentication user, String orgCode) {
        if (orgCode == null) {
            if (!scope.seesAll(user)) {
                throw new AccessDeniedException("the province summary is for users who see every unit");
            }
        } else {
            scope.check(user, orgCode);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
