package vn.chiso.reports;

import java.math.BigDecimal;
import java.util.List;

import vn.chiso.calendar.ReportingWindow;

/**
 * The province summary (SPEC §5): the province's totals, then every unit of each level ranked by
 * its total points ("xếp thứ 8/21") with its main rates.
 *
 * @param lines the totals first (group "Toàn tỉnh", no rank), then each level's units by rank
 */
public record ProvinceSummary(String provinceName, ReportingWindow window, List<Line> lines, String dataNote) {

    /**
     * One unit's row; {@code rank} is 0 for the province totals. {@code index766} is the unit's national
     * service index (SPEC §6a) and {@code index766Rank} its rank among the units of its level ("2/11").
     */
    public record Line(String group, int rank, int of, String code, String name, BigDecimal points, BigDecimal maxPoints,
                       long received, BigDecimal onTime, BigDecimal online, BigDecimal onlinePayment,
                       BigDecimal digitization, BigDecimal satisfaction, BigDecimal index766, String index766Rank) {

        public Line(String group, int rank, int of, String code, String name, BigDecimal points, BigDecimal maxPoints,
                    long received, BigDecimal onTime, BigDecimal online, BigDecimal onlinePayment,
                    BigDecimal digitization, BigDecimal satisfaction) {
            this(group, rank, of, code, name, points, maxPoints, received, onTime, online, onlinePayment, digitization, satisfaction,
                    null, null);
        }

        public String rankLabel() {
            return rank == 0 ? "" : rank + "/" + of;
        }
    }
}
