package vn.chiso.reports;

import java.util.List;
import java.util.Map;

import vn.chiso.orgunit.OrgTree;
import vn.chiso.reports.UnitReport.Unit;

/**
 * The units a window's reports cover: the tree of its computation's day, and for each unit the
 * former units whose dossiers the computation counted for it (SPEC §4.6).
 */
record ReportUnits(OrgTree tree, Map<String, List<String>> formers) {

    /** "gồm số liệu của: …" for the unit, or null when its figures include no former unit's. */
    String includes(String code) {
        return OrgTree.includes(tree.formers(code, formers.getOrDefault(code, List.of())));
    }

    /**
     * The unit a report of {@code orgCode} is about: the unit its data count for in the window (a
     * former unit's report is its successor's).
     */
    OrgTree.Unit reportedFor(String orgCode) {
        return tree.unit(tree.countedFor(orgCode));
    }

    static Unit reported(OrgTree.Unit unit) {
        return new Unit(unit.code(), unit.label(), unit.parentCode(), unit.level() == null ? null : unit.level().name());
    }
}
