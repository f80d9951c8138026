package vn.chiso.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorEngine;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.ingest.IngestService;

/** Scoring a real computation of the worked example against targets read from the targets table. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScoringDatabaseTest extends DatabaseTest {

    @Autowired
    IngestService ingest;
    @Autowired
    IndicatorEngine engine;
    @Autowired
    ScoringService scoring;
    @Autowired
    JdbcTemplate jdbc;

    private IndicatorEngine.Computation q1;

    @BeforeAll
    void computeTheExamplesFirstQuarter() throws Exception {
        Fixtures.clean(jdbc);
        ingest.ingest(List.of(Fixtures.resource("examples/province-small/data")), line -> { });
        q1 = engine.compute(ReportingWindow.parse("2024-Q1"));
        // 40% online payments for everyone in 2024, 25% for Sở Tư pháp; a 2023 row that must not count
        insertTarget(2024, "", "ONLINE_PAYMENT_RATE", "0.40");
        insertTarget(2024, "STP", "ONLINE_PAYMENT_RATE", "0.25");
        insertTarget(2023, "HNN", "ONLINE_PAYMENT_RATE", "0.10");
    }

    @Test
    void unitTargetOfTheWindowsYearBeatsTheGeneralOneWhichBeatsTheRulesDefault() {
        // when
        List<Score> scores = scoring.score(q1, engine.values(q1));

        // then: STP, 2 of 7 = 28.57% against its own 25% — all 3 points
        Score stp = find(scores, "STP", Indicator.ONLINE_PAYMENT_RATE);
        assertThat(stp.value()).isEqualByComparingTo(new BigDecimal(2).divide(new BigDecimal(7), 10, java.math.RoundingMode.HALF_UP));
        assertThat(stp.target()).isEqualByComparingTo("0.25");
        assertThat(stp.points()).isEqualTo(new BigDecimal("3.00"));
        assertThat(stp.passed()).isTrue();
        // HNN, 11 of 33 = 33.33% against the general 40% (its 2023 row is another year): 0.3333 / 0.40 × 3
        Score hnn = find(scores, "HNN", Indicator.ONLINE_PAYMENT_RATE);
        assertThat(hnn.target()).isEqualByComparingTo("0.40");
        assertThat(hnn.points()).isEqualTo(new BigDecimal("2.50"));
        assertThat(hnn.passed()).isFalse();
        // no row for online procedures: the rule's 2024 default of 80% (seed 004, appendix VII.7)
        Score procedures = find(scores, "STP", Indicator.ONLINE_PROCEDURE_RATE);
        assertThat(procedures.target()).isEqualByComparingTo("0.80");
        assertThat(procedures.points()).isEqualTo(new BigDecimal("0.63")); // 5 of 10 / 0.80 × 1
    }

    @Test
    void unitWithAnEmptyRateGetsARowWithoutPoints() {
        Score zz9 = find(scoring.score(q1, engine.values(q1)), "ZZ9", Indicator.ONLINE_PAYMENT_RATE);
        assertThat(zz9.value()).isNull();
        assertThat(zz9.points()).isNull();
        assertThat(zz9.passed()).isNull();
    }

    @Test
    void everyUnitIsScoredOnEveryRuleAndExported(@TempDir Path out) throws Exception {
        // given
        List<IndicatorValue> values = engine.values(q1);
        long units = values.stream().map(IndicatorValue::orgCode).distinct().count();

        // when
        List<Score> scores = scoring.score(q1, values);
        Path file = ScoreExport.write(out, q1.window().id(), scores);

        // then
        assertThat(scores).hasSize((int) units * scoring.rules().rules().size());
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("org_code,indicator,value,target,points,max_points,source");
        assertThat(lines).hasSize(scores.size() + 1);
        assertThat(lines).anyMatch(l -> l.startsWith("P94,ON_TIME_RATE,0.8980,1.0000,0.00,5.00,"));
        assertThat(lines).anyMatch(l -> l.startsWith("STP,ONLINE_PAYMENT_RATE,0.2857,0.2500,3.00,3.00,"));
    }

    private void insertTarget(int year, String agency, String indicator, String target) {
        jdbc.update("""
                INSERT INTO target (year, agency_code, indicator, target, exported_at, run_id, line)
                VALUES (?, ?, ?, ?, now(), 0, 1)""", year, agency, indicator, new BigDecimal(target));
    }

    private static Score find(List<Score> scores, String org, Indicator indicator) {
        return scores.stream().filter(s -> s.orgCode().equals(org) && s.indicator() == indicator).findFirst().orElseThrow();
    }
}
