package vn.chiso.reports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import vn.chiso.reports.UnitReport.Unit;

/**
 * The units a window's reports cover, with the tree along parent_code the indicator roll-up uses:
 * a unit's report counts the unit and every unit below it.
 */
record OrgUnits(Map<String, Unit> byCode) {

    static final Map<String, String> LEVEL_NAMES = Map.of(
            "PROVINCE", "cấp tỉnh",
            "DEPARTMENT", "sở, ban, ngành",
            "DISTRICT", "UBND cấp huyện",
            "COMMUNE", "UBND cấp xã");

    static OrgUnits of(Collection<Unit> reference, Collection<String> codesInData) {
        Map<String, Unit> units = new TreeMap<>();
        reference.forEach(u -> units.put(u.code(), u));
        codesInData.forEach(code -> units.putIfAbsent(code, new Unit(code, code, null, null)));
        return new OrgUnits(units);
    }

    Unit get(String code) {
        return byCode.get(code);
    }

    /** The parent, when the reference data know it. */
    Unit parent(Unit unit) {
        return unit.parentCode() == null ? null : byCode.get(unit.parentCode());
    }

    /** The top of the unit's chain: the province, for a unit of the reference data. */
    Unit root(Unit unit) {
        Set<String> seen = new LinkedHashSet<>();
        Unit current = unit;
        while (parent(current) != null && seen.add(current.code())) {
            current = parent(current);
        }
        return current;
    }

    List<Unit> children(Unit unit) {
        return byCode.values().stream().filter(u -> unit.code().equals(u.parentCode()) && !u.code().equals(unit.code())).toList();
    }

    /** The unit's code and the codes of every unit below it. */
    List<String> subtree(Unit unit) {
        Set<String> codes = new LinkedHashSet<>();
        List<Unit> queue = new ArrayList<>(List.of(unit));
        while (!queue.isEmpty()) {
            Unit next = queue.remove(queue.size() - 1);
            if (codes.add(next.code())) {
                queue.addAll(children(next));
            }
        }
        return List.copyOf(codes);
    }

    /** The units at the top of the tree: the province (and any agency code the reference data do not place). */
    List<Unit> roots() {
        return byCode.values().stream().filter(u -> parent(u) == null).toList();
    }

    /** The name of the province for report headers: the first root of level PROVINCE, else the first root. */
    String provinceName() {
        List<Unit> roots = roots();
        return roots.stream().filter(u -> "PROVINCE".equals(u.level())).findFirst()
                .or(() -> roots.stream().findFirst()).map(Unit::name).orElse("");
    }
}
