package vn.chiso.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.chiso.codes.Indicator;
import vn.chiso.scoring.Score;
import vn.chiso.scoring.ScoreRules;

/** The official form of a report (SPEC §5, Decree 30/2020/NĐ-CP) and the settings file it is made from. */
class OfficialFormTest {

    private static final LocalDate MARCH_15 = LocalDate.of(2024, 3, 15);
    private static final LocalDate DUE = LocalDate.of(2024, 3, 15);

    @Test
    void aDepartmentIssuesUnderTheProvincesCommitteeNamedInFull() {
        OfficialForm form = OfficialForm.of(ReportSettings.NONE.forUnit("STP"), "Sở Tư pháp", "STP", "UBND tỉnh Sóc Trăng",
                "UBND tỉnh Sóc Trăng", MARCH_15, DUE);

        assertThat(form.governingBody()).isEqualTo("ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG");
        assertThat(form.issuer()).isEqualTo("SỞ TƯ PHÁP");
        assertThat(form.numberLine()).matches("Số: +/BC-STP");
        assertThat(form.placeAndDate()).isEqualTo("Sóc Trăng, ngày 15 tháng 3 năm 2024");
    }

    @Test
    void withoutSettingsTheRecipientsAndTheSignerAreBlanksToFillByHand() {
        OfficialForm form = OfficialForm.of(ReportSettings.NONE.forUnit("STP"), "Sở Tư pháp", "STP", "UBND tỉnh Sóc Trăng",
                "UBND tỉnh Sóc Trăng", MARCH_15, DUE);

        assertThat(form.recipients()).containsExactly("- " + OfficialForm.BLANK + ";", "- Lưu: VT.");
        assertThat(form.signerTitle()).isEqualTo(OfficialForm.BLANK);
        assertThat(form.signerName()).isEqualTo(OfficialForm.BLANK);
    }

    @Test
    void aPeoplesCommitteeIssuesInItsOwnNameWithTheSymbolUbnd() {
        OfficialForm form = OfficialForm.of(ReportSettings.NONE.forUnit("PPL"), "UBND phường Phú Lợi", "PPL", "UBND tỉnh Sóc Trăng",
                "UBND tỉnh Sóc Trăng", MARCH_15, DUE);

        assertThat(form.governingBody()).isNull();
        assertThat(form.issuer()).isEqualTo("ỦY BAN NHÂN DÂN\nPHƯỜNG PHÚ LỢI");
        assertThat(form.numberLine()).endsWith("/BC-UBND");
    }

    @Test
    void aDayBelowTenAndTheMonthsJanuaryAndFebruaryTakeALeadingZero() {
        assertThat(OfficialForm.dateLine(LocalDate.of(2025, 1, 5))).isEqualTo("ngày 05 tháng 01 năm 2025");
        assertThat(OfficialForm.dateLine(LocalDate.of(2025, 2, 28))).isEqualTo("ngày 28 tháng 02 năm 2025");
        assertThat(OfficialForm.dateLine(LocalDate.of(2024, 11, 20))).isEqualTo("ngày 20 tháng 11 năm 2024");
    }

    @Test
    void theSettingsFileGivesTheOfficesDetailsAUnitsEntryOverTheCommonOne(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve(ReportSettings.FILE_NAME), """
                place: Sóc Trăng
                date: due
                recipients:
                  - UBND tỉnh (để báo cáo);
                  - Sở Nội vụ;
                  - Lưu VT.
                units:
                  STP:
                    number: 125/BC-STP
                    signer_title: "KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC"
                    signer_name: Trần Thị Bích
                """);
        ReportSettings settings = ReportSettings.load(home);

        OfficialForm stp = OfficialForm.of(settings.forUnit("STP"), "Sở Tư pháp", "STP", "UBND tỉnh Sóc Trăng", "UBND tỉnh Sóc Trăng",
                LocalDate.of(2024, 4, 2), DUE);
        OfficialForm stc = OfficialForm.of(settings.forUnit("STC"), "Sở Tài chính", "STC", "UBND tỉnh Sóc Trăng", "UBND tỉnh Sóc Trăng",
                LocalDate.of(2024, 4, 2), DUE);

        assertThat(stp.numberLine()).isEqualTo("Số: 125/BC-STP");
        assertThat(stp.placeAndDate()).as("date: due prints the window's report due day").isEqualTo("Sóc Trăng, ngày 15 tháng 3 năm 2024");
        assertThat(stp.recipients()).containsExactly("- UBND tỉnh (để báo cáo);", "- Sở Nội vụ;", "- Lưu VT.");
        assertThat(stp.signerTitle()).isEqualTo("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC");
        assertThat(stp.signerName()).isEqualTo("Trần Thị Bích");
        assertThat(stc.numberLine()).as("a unit without an entry: the common settings, its own blanks").matches("Số: +/BC-STC");
        assertThat(stc.signerName()).isEqualTo(OfficialForm.BLANK);
        assertThat(stc.recipients()).hasSize(3);
    }

    @Test
    void anUnknownKeyInTheSettingsIsRefusedInOneLineNamingIt(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve(ReportSettings.FILE_NAME), "units:\n  STP:\n    signer: Trần Thị Bích\n");

        assertThatThrownBy(() -> ReportSettings.load(home)).hasMessageContaining("report-settings.yml")
                .hasMessageContaining("unknown key 'signer' in units.STP").hasMessageNotContaining("\n");
    }

    @Test
    void aPassMarkBesideZeroPointsIsExplainedByTheBandTheRateFallsShortOf() {
        // the province's on-time rate 98,57% against a 98% target, under the shipped bands (100% → 5, ≥ 99% → 4,5)
        Score score = new Score("P94", Indicator.ON_TIME_RATE, new BigDecimal("0.9857"), new BigDecimal("0.98"), new BigDecimal("0.00"),
                new BigDecimal("5"), true, "seed");
        var rule = ScoreRules.defaults().rule(Indicator.ON_TIME_RATE).orElseThrow();

        assertThat(ScoreExplanation.disagree(score)).isTrue();
        assertThat(ScoreExplanation.explain("Tỷ lệ đúng hạn", score, rule))
                .startsWith("Tỷ lệ đúng hạn 98,57% đạt chỉ tiêu 98%")
                .contains("chưa tới bậc thấp nhất (từ 99%: 4,5 điểm) nên được 0 điểm")
                .contains("Kế hoạch 004 Sở Tư pháp Khánh Hòa §1.4");
    }

    @Test
    void aRatePrintedAtABandButBelowItExactlySaysSo() {
        // 4949/4999 = 98,9998% prints 99,00%, under the 99% band (SPEC §6: rules read the exact ratio)
        BigDecimal rate = new BigDecimal(4949).divide(new BigDecimal(4999), java.math.MathContext.DECIMAL64);
        Score score = new Score("STP", Indicator.ON_TIME_RATE, rate, new BigDecimal("0.98"), new BigDecimal("0.00"), new BigDecimal("5"),
                true, "seed");

        assertThat(ScoreExplanation.explain("Tỷ lệ đúng hạn", score, ScoreRules.defaults().rule(Indicator.ON_TIME_RATE).orElseThrow()))
                .contains("tỷ lệ chính xác 98,9997%, dưới 99%");
    }

    @Test
    void aMarkAndPointsThatAgreeNeedNoFootnote() {
        Score full = new Score("STP", Indicator.ON_TIME_RATE, BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("5.00"), new BigDecimal("5"),
                true, "seed");
        Score failedWithout = new Score("STP", Indicator.ON_TIME_RATE, new BigDecimal("0.9"), BigDecimal.ONE, new BigDecimal("0.00"),
                new BigDecimal("5"), false, "seed");

        assertThat(ScoreExplanation.disagree(full)).isFalse();
        assertThat(ScoreExplanation.disagree(failedWithout)).isFalse();
    }
}
