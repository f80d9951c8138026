package vn.chiso.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The org units (reference data) as the pages show them: names, and the tree in reading order. */
@Component
class OrgUnits {

    record Unit(String code, String name, String parentCode, String level, int depth) {

        public String label() {
            return name == null || name.isBlank() ? code : name;
        }
    }

    private final JdbcTemplate jdbc;

    OrgUnits(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Unit> all() {
        Map<String, Unit> units = new LinkedHashMap<>();
        jdbc.query("SELECT agency_code, name, parent_code, level FROM org_unit ORDER BY agency_code", rs -> {
            units.put(rs.getString(1), new Unit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), 0));
        });
        return units;
    }

    /**
     * The codes given (units of the reference data or codes seen only in the data), parents before
     * their children, each with its depth below the topmost shown unit.
     */
    List<Unit> inTreeOrder(Collection<String> codes) {
        Map<String, Unit> known = all();
        Set<String> shown = Set.copyOf(codes);
        Map<String, List<String>> children = new HashMap<>();
        List<String> roots = new ArrayList<>();
        for (String code : codes) {
            Unit unit = known.get(code);
            String parent = unit == null ? null : unit.parentCode();
            if (parent != null && shown.contains(parent) && !parent.equals(code)) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(code);
            } else {
                roots.add(code);
            }
        }
        Comparator<String> order = Comparator.comparing((String c) -> levelRank(known.get(c))).thenComparing(c -> c);
        roots.sort(order);
        children.values().forEach(list -> list.sort(order));
        List<Unit> ordered = new ArrayList<>();
        for (String root : roots) {
            walk(root, 0, known, children, ordered, new java.util.HashSet<>());
        }
        return ordered;
    }

    private static void walk(String code, int depth, Map<String, Unit> known, Map<String, List<String>> children,
                             List<Unit> out, Set<String> seen) {
        if (!seen.add(code)) {
            return;
        }
        Unit unit = known.get(code);
        out.add(unit == null ? new Unit(code, null, null, null, depth)
                : new Unit(code, unit.name(), unit.parentCode(), unit.level(), depth));
        for (String child : children.getOrDefault(code, List.of())) {
            walk(child, depth + 1, known, children, out, seen);
        }
    }

    private static int levelRank(Unit unit) {
        if (unit == null || unit.level() == null) {
            return 9;
        }
        return switch (unit.level()) {
            case "PROVINCE" -> 0;
            case "DEPARTMENT" -> 1;
            case "DISTRICT" -> 2;
            case "COMMUNE" -> 3;
            default -> 8;
        };
    }
}
