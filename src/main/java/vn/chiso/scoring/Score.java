package vn.chiso.scoring;

import java.math.BigDecimal;

import vn.chiso.codes.Indicator;

/**
 * One unit's points for one indicator in a window (SPEC §6).
 *
 * @param value     the rate, or null when it is empty (denominator 0)
 * @param target    the target the unit is held to that year, or null when none is known
 * @param points    the points earned, two decimals, or null when the rate is empty
 * @param passed    whether the rate reaches the target; null without a target or without a rate
 * @param source    the regulation or plan the rule comes from
 */
public record Score(String orgCode, Indicator indicator, BigDecimal value, BigDecimal target, BigDecimal points,
                    BigDecimal maxPoints, Boolean passed, String source) {
}
