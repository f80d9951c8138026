package vn.chiso.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorValue;

/** {@code scores-<window>.csv} (SPEC §6) in the conventions of the indicator export (SPEC §5). */
class ScoreExportTest {

    @Test
    void writesOneRowPerUnitAndIndicatorSortedWithFixedDecimalsAndEmptyWhereNothingIsKnown(@TempDir Path dir) throws Exception {
        // given, out of order
        List<Score> scores = List.of(
                new Score("STP", Indicator.ONLINE_RATE, ratio(6, 14), new BigDecimal("0.5"), new BigDecimal("2.57"),
                        new BigDecimal("3"), false, "Quyết định 766/QĐ-TTg"),
                new Score("STP", Indicator.E_RESULT_RATE, ratio(9_129, 14_697), null, new BigDecimal("0.31"),
                        new BigDecimal("0.5"), null, "Kế hoạch 004 §1.3: \"(b/a)*0,5\", a: tổng số hồ sơ"),
                new Score("HNN", Indicator.ONLINE_PAYMENT_RATE, null, new BigDecimal("0.30"), null,
                        new BigDecimal("3"), null, "Phụ lục VII.8"));

        // when
        Path file = ScoreExport.write(dir, "2024-Q1", scores);

        // then
        assertThat(file.getFileName().toString()).isEqualTo("scores-2024-Q1.csv");
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(
                "org_code,indicator,value,target,points,max_points,source",
                "HNN,ONLINE_PAYMENT_RATE,,0.3000,,3.00,Phụ lục VII.8",
                "STP,E_RESULT_RATE,0.6211,,0.31,0.50,\"Kế hoạch 004 §1.3: \"\"(b/a)*0,5\"\", a: tổng số hồ sơ\"",
                "STP,ONLINE_RATE,0.4286,0.5000,2.57,3.00,Quyết định 766/QĐ-TTg");
    }

    @Test
    void index766TotalGroupsAndCriteriaAreRowsBesideTheSection6Points(@TempDir Path dir) throws Exception {
        // given
        List<Score> scores = List.of(new Score("STP", Indicator.ONLINE_RATE, ratio(6, 14), new BigDecimal("0.5"),
                new BigDecimal("2.57"), new BigDecimal("3"), false, "s6"));
        List<Index766Score> index = List.of(
                new Index766Score("STP", "INDEX_766", null, null, null, null, new BigDecimal("5.14"), new BigDecimal("100"), null, "t", null),
                new Index766Score("STP", "INDEX_766_TRUC_TUYEN.ONLINE_RATE_766", Index766Group.TRUC_TUYEN, "ONLINE_RATE_766",
                        ratio(6, 14), new BigDecimal("0.5"), new BigDecimal("5.14"), new BigDecimal("6"), false, "r", "exports"),
                new Index766Score("STP", "INDEX_766_TRUC_TUYEN", Index766Group.TRUC_TUYEN, null, null, null, new BigDecimal("5.14"),
                        new BigDecimal("22"), null, "g", null),
                new Index766Score("HNN", "INDEX_766", null, null, null, null, null, new BigDecimal("100"), null, "t", null));

        // when
        Path file = ScoreExport.write(dir, "2024-Q1", scores, index);

        // then
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(
                "org_code,indicator,value,target,points,max_points,source",
                "HNN,INDEX_766,,,,100.00,t",
                "STP,INDEX_766,,,5.14,100.00,t",
                "STP,INDEX_766_TRUC_TUYEN,,,5.14,22.00,g",
                "STP,INDEX_766_TRUC_TUYEN.ONLINE_RATE_766,0.4286,0.5000,5.14,6.00,r",
                "STP,ONLINE_RATE,0.4286,0.5000,2.57,3.00,s6");
    }

    @Test
    void valueIsRoundedAsTheIndicatorExportRoundsIt(@TempDir Path dir) throws Exception {
        // 29/32 = 0.90625 is an exact tie: the indicator export writes 0.9062
        Score score = new Score("STP", Indicator.ON_TIME_RATE, ratio(29, 32), null, new BigDecimal("0.00"),
                new BigDecimal("5"), null, "s");
        Path file = ScoreExport.write(dir, "2024", List.of(score));
        assertThat(Files.readAllLines(file).get(1)).startsWith("STP,ON_TIME_RATE,0.9062,");
        assertThat(new IndicatorValue("2024", "STP", Indicator.ON_TIME_RATE, 29, 32L).exportValue()).isEqualTo("0.9062");
    }

    private static BigDecimal ratio(long numerator, long denominator) {
        return new IndicatorValue("2024-Q1", "STP", Indicator.ON_TIME_RATE, numerator, denominator).ratio();
    }
}
