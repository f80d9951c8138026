package vn.chiso.indicators;

import java.math.BigDecimal;
import java.math.RoundingMode;

import vn.chiso.codes.Indicator;

/**
 * One row of the indicator export (SPEC §5): a rate's numerator and denominator, or a count in
 * {@code numerator} with no denominator.
 */
public record IndicatorValue(String window, String orgCode, Indicator indicator, long numerator, Long denominator) {

    /** The ratio, or null when the denominator is 0 — never 0% or 100% by default. */
    public BigDecimal ratio() {
        if (denominator == null || denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 10, RoundingMode.HALF_UP);
    }

    /**
     * The export's {@code value}: the exact ratio with four decimals and a dot, or empty. An exact
     * tie rounds to even (29/32 = 0.90625 gives 0.9062), as the worked example of SPEC §5 does.
     */
    public String exportValue() {
        if (denominator == null || denominator == 0) {
            return "";
        }
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), 4, RoundingMode.HALF_EVEN).toPlainString();
    }
}
