package vn.chiso.scoring;

import java.math.BigDecimal;

/**
 * One row of the national service index for one unit and window (SPEC §6a): the total
 * ({@code INDEX_766}), a group's subtotal ({@code INDEX_766_SO_HOA}) or one criterion, whose code is
 * its group's then the rate's ({@code INDEX_766_SO_HOA.E_RESULT_RATE}), so that a rate the §6 rules
 * score as well is not two rows of one code in {@code scores-<window>.csv}.
 *
 * @param group     the group of a subtotal or a criterion; null for the total
 * @param indicator the rate a criterion reads; null for a total or subtotal
 * @param value     a criterion's rate, null when empty; null for a total or subtotal
 * @param points    two decimals; a total is the sum of its parts' printed points, and null when none
 *                  of them has points (nothing to score is not scoring nothing)
 * @param valueFrom where a criterion's rate comes from: {@code exports} or {@code manual_values}; null
 *                  when the rate is empty, and for a total or subtotal
 */
public record Index766Score(String orgCode, String code, Index766Group group, String indicator, BigDecimal value,
                            BigDecimal target, BigDecimal points, BigDecimal maxPoints, Boolean passed, String source,
                            String valueFrom) {

    /** The code of the index's total row. */
    public static final String TOTAL = "INDEX_766";
    public static final String FROM_EXPORTS = "exports";
    public static final String FROM_MANUAL = "manual_values";

    public boolean isTotal() {
        return group == null;
    }

    public boolean isSubtotal() {
        return group != null && indicator == null;
    }

    /** The row code of a criterion of a group. */
    static String criterionCode(Index766Group group, String indicator) {
        return group.code() + "." + indicator;
    }
}
