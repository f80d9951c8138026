package vn.chiso.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The runs side's English notes and reasons as the pages show them, in Vietnamese. */
class RunTextsTest {

    @Test
    void runStatusesAreVietnamese() {
        assertThat(RunTexts.runStatus("STORED", false)).isEqualTo("Đã lưu");
        assertThat(RunTexts.runStatus("REFUSED", false)).isEqualTo("Bị từ chối");
        assertThat(RunTexts.runStatus("FAILED", false)).isEqualTo("Lỗi");
        assertThat(RunTexts.runStatus("STARTED", false)).isEqualTo("Đang chạy");
        assertThat(RunTexts.runStatus("FAILED", true)).isEqualTo("Bị gián đoạn");
        assertThat(RunTexts.scheduleStatus("COMPLETED")).isEqualTo("Hoàn thành");
    }

    @Test
    void aRefusedRunsNoteIsVietnameseWithDecimalCommas() {
        assertThat(RunTexts.vietnamese("refused: 6 of 10 rows rejected (60.0%), more than the 5.0% allowed; nothing of the file was stored"))
                .isEqualTo("Bị từ chối: 6/10 dòng bị loại (60,0%), vượt ngưỡng 5,0% cho phép; không lưu dòng nào của tệp");
        assertThat(RunTexts.vietnamese("1234 stored rows inserted or changed")).isEqualTo("1234 dòng được thêm mới hoặc thay đổi");
        assertThat(RunTexts.vietnamese("would be refused: 155 of 160 rows rejected (96.9%), more than the 5.0% allowed"))
                .isEqualTo("Sẽ bị từ chối: 155/160 dòng bị loại (96,9%), vượt ngưỡng 5,0% cho phép");
    }

    @Test
    void rejectReasonsAreVietnameseAndTheValuesTheyQuoteStay() {
        assertThat(RunTexts.vietnamese("completed_at is before received_at (12/03/2024 09:00)"))
                .isEqualTo("completed_at trước received_at (12/03/2024 09:00)");
        assertThat(RunTexts.vietnamese("not a date (expected dd/MM/yyyy [HH:mm[:ss]], ISO-8601 or yyyyMMdd[HHmmss])"))
                .isEqualTo("Không phải ngày tháng (cần dd/MM/yyyy [HH:mm[:ss]], ISO-8601 hoặc yyyyMMdd[HHmmss])");
        assertThat(RunTexts.vietnamese("not a date (…)")).isEqualTo("Không phải ngày tháng (…)");
        assertThat(RunTexts.vietnamese("no such date or time: there is no 'FEBRUARY 31'")).isEqualTo("Không có ngày giờ này: ngày 31 tháng 2");
        assertThat(RunTexts.vietnamese("no such date or time: there is no 'February 29' as '2023' is not a leap year"))
                .isEqualTo("Không có ngày giờ này: ngày 29 tháng 2 (năm 2023 không nhuận)");
        assertThat(RunTexts.vietnamese("'Phường 9' is the name of no org unit")).isEqualTo("'Phường 9' không là tên của đơn vị nào");
        assertThat(RunTexts.vietnamese("status RESOLVED is resolved but completed_at is empty; due_at is empty and the processing time of procedure 1.2 is unknown"))
                .isEqualTo("Trạng thái RESOLVED là đã giải quyết nhưng completed_at để trống; "
                        + "due_at để trống và chưa biết thời hạn giải quyết của thủ tục 1.2");
        assertThat(RunTexts.vietnamese(RunTexts.REPEATED_KEY)).isEqualTo("Mã xuất hiện nhiều lần trong tệp: mọi dòng của mã đó bị loại");
        assertThat(RunTexts.vietnamese("outside the units of user stp: the dossier is stored under STC"))
                .isEqualTo("Ngoài các đơn vị của người dùng stp: hồ sơ đã được lưu thuộc đơn vị STC");
    }

    @Test
    void aUnitBoundUsersRefusedReferenceFileIsSaidInVietnamese() {
        assertThat(RunTexts.vietnamese("refused: reference data (org_unit) is the province's to upload, outside the units of user stp;"
                + " nothing of the file was stored"))
                .isEqualTo("Bị từ chối: Danh mục đơn vị do cấp tỉnh tải lên, ngoài các đơn vị của người dùng stp; không lưu dòng nào của tệp");
    }

    @Test
    void anUnknownTextStaysAsItIs() {
        assertThat(RunTexts.vietnamese("Đã xong")).isEqualTo("Đã xong");
        assertThat(RunTexts.vietnamese(null)).isEmpty();
    }

    @Test
    void schedulesSayWhenInWords() {
        assertThat(RunTexts.cron("0 30 1 * * ?")).isEqualTo("01:30 hằng ngày");
        assertThat(RunTexts.cron("0 0 6 15 * ?")).isEqualTo("06:00 ngày 15 hằng tháng");
        assertThat(RunTexts.cron("0 0 6 ? * MON")).isEqualTo("0 0 6 ? * MON");
        assertThat(RunTexts.vietnamese("no window's report is due on 2026-12-05")).isEqualTo("Không có kỳ nào đến hạn báo cáo ngày 05/12/2026");
    }

    @Test
    void fileKindsAreVietnamese() {
        assertThat(RunTexts.fileKind("DOSSIERS")).isEqualTo("Hồ sơ");
        assertThat(RunTexts.fileKind("feedback")).isEqualTo("Phản ánh, kiến nghị");
        assertThat(RunTexts.fileKind("ORG_UNITS")).isEqualTo("Danh mục đơn vị");
    }
}
