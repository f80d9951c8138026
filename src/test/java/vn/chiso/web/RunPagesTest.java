package vn.chiso.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.chiso.Fixtures;
import vn.chiso.ingest.IngestService;

/** The runs side in Vietnamese: runs, a run's rejected rows page by page, schedules, CSV downloads Excel reads. */
class RunPagesTest extends WebTest {

    @TempDir
    Path dir;

    @Test
    void theRunsPageShowsStatusesAndNotesInVietnameseAndTimesInVietnamsTime() throws Exception {
        // given the example province and a run refused at 18:30 UTC, 01:30 the next day in Vietnam
        exampleProvince();
        jdbc.update("""
                INSERT INTO import_run (file_name, file_path, file_size, checksum, kind, status, rows_read, rows_rejected, message, started_at, finished_at)
                VALUES ('dossiers_thang11.csv', '/tmp/x', 1, 'c', 'DOSSIERS', 'REFUSED', 10, 6,
                        'refused: 6 of 10 rows rejected (60.0%), more than the 5.0% allowed; nothing of the file was stored',
                        '2026-12-05T18:30:00Z', '2026-12-05T18:31:00Z')""");

        // when
        String page = page("/runs", viewer());

        // then
        assertThat(page).contains("Đã lưu").contains("Bị từ chối").contains("Hồ sơ")
                .contains("06/12/2026 01:30")
                .contains("Bị từ chối: 6/10 dòng bị loại (60,0%), vượt ngưỡng 5,0% cho phép; không lưu dòng nào của tệp")
                .doesNotContain(">STORED<").doesNotContain(">REFUSED<").doesNotContain("2026-12-05T18:30").doesNotContain("stored rows inserted");
        mvc.perform(get("/runs/live").with(viewer())).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].statusLabel").value("Bị từ chối"))
                .andExpect(jsonPath("$[0].started").value("06/12/2026 01:30"));
        // while the API keeps its English
        mvc.perform(get("/api/runs").with(viewer())).andExpect(jsonPath("$[0].status").value("REFUSED"))
                .andExpect(jsonPath("$[0].message").value(containsString("refused: 6 of 10 rows rejected")));
    }

    @Test
    void aRunsPageListsItsRejectedRowsFiftyAPageWithTheCountOfEachReason() throws Exception {
        // given a file of 125 rows with a received_at that is no date, 30 resolved ones without completed_at, 5 good ones
        long runId = runWithRejects();

        // when
        String first = page("/runs/" + runId, viewer());

        // then the reasons are counted, most rows first, and the first 50 rows are listed
        assertThat(first).contains("Bị từ chối").contains("Dòng 1–50 trên 155 — trang 1/4").contains("Trang sau")
                .contains("/api/runs/" + runId + "/rejects");
        assertThat(reasons(first)).containsExactly("Tất cả các lý do 155", "Không phải ngày tháng (…) 125",
                "Trạng thái RESOLVED là đã giải quyết nhưng completed_at để trống 30");
        assertThat(rows(first)).hasSize(50).first().asString().startsWith("2 R-0001 received_at abc Không phải ngày tháng (cần dd/MM/yyyy");

        // and the last page holds the last 5
        String last = page("/runs/" + runId + "?page=4", viewer());
        assertThat(last).contains("Dòng 151–155 trên 155 — trang 4/4").contains("Trang trước").doesNotContain("Trang sau");
        assertThat(rows(last)).hasSize(5);

        // and one reason's rows alone
        String resolved = page("/runs/" + runId + "?reason=status RESOLVED is resolved but completed_at is empty", viewer());
        assertThat(resolved).contains("Dòng 1–30 trên 30 — trang 1/1");
        assertThat(rows(resolved)).hasSize(30).allSatisfy(row -> assertThat(row).contains("completed_at để trống"));
    }

    @Test
    void everyRejectsCsvStartsWithAByteOrderMarkAndNeutralisesFormulas() throws Exception {
        // given
        long runId = runWithRejects();

        // when
        byte[] download = mvc.perform(get("/api/runs/{id}/rejects", runId).with(viewer())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        byte[] written = Files.readAllBytes(HOME.resolve("rejects/dossiers_nhieu_loi.csv.rejects.csv"));

        // then both start with the UTF-8 byte order mark, then the header of SPEC §7, and a formula is text
        for (byte[] csv : List.of(download, written)) {
            assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
            String text = new String(csv, StandardCharsets.UTF_8);
            assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("\uFEFFfile,line,key,column,value,reason");
            assertThat(text).contains("dossiers_nhieu_loi.csv,126,'=1+2,received_at,abc,");
            assertThat(text.lines().count()).isEqualTo(156);
        }
    }

    @Test
    void theDashboardListsAgenciesTheReferenceDataLacks() throws Exception {
        // given the example province, whose dossiers_khac.csv and payments.csv name ZZ9, which agencies.csv lacks
        exampleProvince();

        // then a province-wide user is told to add it
        mvc.perform(get("/").param("window", "2024-Q1").with(viewer())).andExpect(status().isOk())
                .andExpect(content().string(containsString("Đơn vị chưa có trong danh mục: <b>ZZ9</b> — thêm vào agencies.csv")));
        // and a user bound to a unit, who cannot change agencies.csv, is not
        mvc.perform(get("/").param("window", "2024-Q1").with(hnnViewer())).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("missing-agencies"))));
    }

    @Test
    void theSchedulesPageSaysWhatEachScheduleDoesAndWhenInVietnamese() throws Exception {
        // given a run of the reports schedule fired at 18:30 UTC
        clean();
        jdbc.update("""
                INSERT INTO schedule_run (job_name, kind, fire_time, instance_id, status, message, started_at, finished_at)
                VALUES ('window-reports', 'reports', '2026-12-05T18:30:00Z', 'may-1', 'COMPLETED', 'no window''s report is due on 2026-12-06',
                        '2026-12-05T18:30:00Z', '2026-12-05T18:30:05Z')""");

        // when
        String page = page("/schedules", admin());

        // then
        assertThat(page).contains("Hoàn thành").contains("06/12/2026 01:30").contains("Không có kỳ nào đến hạn báo cáo ngày 06/12/2026")
                .contains("Lập báo cáo các kỳ đến hạn").doesNotContain(">COMPLETED<").doesNotContain("2026-12-05T18:30");
    }

    /** Ingests dossiers_nhieu_loi.csv: 125 rows with no date (the last keyed =1+2, on line 126), 30 without completed_at, 5 good. */
    private long runWithRejects() throws Exception {
        clean();
        String csv = Files.readString(Fixtures.resource(EXAMPLE + "/dossiers_so_nganh.csv")).replace("\uFEFF", "");
        List<String> lines = csv.lines().toList();
        String[] good = lines.get(1).split(",", -1);
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i <= 125; i++) {
            String[] row = good.clone();
            row[0] = i == 125 ? "=1+2" : "R-%04d".formatted(i);
            row[6] = "abc";
            out.add(String.join(",", row));
        }
        for (int i = 1; i <= 30; i++) {
            String[] row = good.clone();
            row[0] = "C-%04d".formatted(i);
            row[9] = "";
            out.add(String.join(",", row));
        }
        out.addAll(lines.subList(1, 6));
        Path file = dir.resolve("dossiers_nhieu_loi.csv");
        Files.writeString(file, String.join("\n", out) + "\n");
        List<IngestService.FileResult> results = ingest.ingest(List.of(file), line -> { });
        return results.get(0).run().id();
    }

    private String page(String path, org.springframework.test.web.servlet.request.RequestPostProcessor user) throws Exception {
        return mvc.perform(get(path).with(user)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** The reasons table's rows as text: "reason count". */
    private static List<String> reasons(String page) {
        return cells(section(page, "id=\"reasons\""));
    }

    /** The rejected rows listed, each as its cells' text joined by spaces, the file name left out. */
    private static List<String> rows(String page) {
        return cells(section(page, "id=\"rejects\"")).stream().map(row -> row.substring(row.indexOf(' ') + 1)).toList();
    }

    private static String section(String page, String id) {
        int start = page.indexOf("<tbody>", page.indexOf(id));
        return page.substring(start, page.indexOf("</tbody>", start));
    }

    private static List<String> cells(String tbody) {
        List<String> rows = new ArrayList<>();
        Matcher row = Pattern.compile("(?s)<tr[^>]*>(.*?)</tr>").matcher(tbody);
        while (row.find()) {
            rows.add(row.group(1).replaceAll("<[^>]+>", " ").replace("&#39;", "'").replace("&amp;", "&").trim().replaceAll("\\s+", " "));
        }
        return rows;
    }
}
