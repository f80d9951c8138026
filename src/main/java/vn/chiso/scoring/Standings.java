package vn.chiso.scoring;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import vn.chiso.orgunit.Level;
import vn.chiso.orgunit.OrgTree;

/**
 * Total points per unit and its rank among the units of its level existing on the tree's day (SPEC
 * §5: "xếp thứ 8/21"), the one ranking the reports and the pages share. Ties share a rank (1, 2, 2,
 * 4). A level with fewer than two units ranks none (a province is not "1/1"), and units without a
 * level are not ranked.
 */
public final class Standings {

    /** A ranked unit: its points over the scored indicators, the most it could have, and its place among {@code of}. */
    public record Standing(BigDecimal points, BigDecimal maxPoints, int rank, int of, Level level) {

        /** "3/40". */
        public String label() {
            return rank + "/" + of;
        }
    }

    private Standings() {
    }

    /** The standings of every rankable unit of the tree, by code, from the window's scores by unit. */
    public static Map<String, Standing> of(OrgTree tree, Map<String, ? extends Collection<Score>> scores) {
        Map<String, Standing> standings = new HashMap<>();
        for (Level level : Level.values()) {
            List<OrgTree.Unit> peers = tree.peers(level);
            if (peers.size() < 2) {
                continue;
            }
            Map<String, BigDecimal> totals = new HashMap<>();
            peers.forEach(u -> totals.put(u.code(), total(scores.get(u.code()), Score::points)));
            for (OrgTree.Unit unit : peers) {
                BigDecimal points = totals.get(unit.code());
                int rank = 1 + (int) totals.values().stream().filter(p -> p.compareTo(points) > 0).count();
                standings.put(unit.code(), new Standing(points, total(scores.get(unit.code()), Score::maxPoints), rank, peers.size(), level));
            }
        }
        return standings;
    }

    /** The sum of a part of the scores (points, max points), zero for none. */
    public static BigDecimal total(Collection<Score> scores, Function<Score, BigDecimal> part) {
        if (scores == null) {
            return BigDecimal.ZERO;
        }
        return scores.stream().map(part).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
