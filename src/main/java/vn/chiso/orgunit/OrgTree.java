package vn.chiso.orgunit;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The org units as they stood on one day (SPEC §4.6), the one tree every user of it reads: the
 * indicator roll-up, reports, pages and who may see what. Its units are those of the reference data
 * valid on that day, each under the parent its row then named, and the codes a window's data hold
 * that the reference data place nowhere on that day. A code no longer valid is counted for the unit
 * that took its work over ({@code replaced_by}), followed to the end of the chain; one that ended
 * without a successor keeps its own dossiers and is listed, marked dissolved, only when data name it.
 */
public final class OrgTree {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /**
     * A unit of the tree. {@code known}: in the reference data; {@code dissolved}: ended before the
     * tree's day with no successor, listed for the data counted for it.
     */
    public record Unit(String code, String name, String parentCode, Level level, boolean known, boolean dissolved) {

        /** The unit's name (its code when it has none), marked "(đã giải thể)" when dissolved. */
        public String label() {
            String label = name == null || name.isBlank() ? code : name;
            return dissolved ? label + " (đã giải thể)" : label;
        }
    }

    /** A unit in tree order, with its depth below the topmost unit shown. */
    public record Placed(Unit unit, int depth) {
    }

    /** A former unit whose data a unit's figures include, with its last day. */
    public record Former(String code, String name, LocalDate lastDay) {
    }

    private final LocalDate day;
    private final Map<String, List<OrgUnit>> rowsByCode;
    private final Map<String, Unit> units = new TreeMap<>();
    private final Map<String, List<Unit>> children = new HashMap<>();

    private OrgTree(LocalDate day, Map<String, List<OrgUnit>> rowsByCode) {
        this.day = day;
        this.rowsByCode = rowsByCode;
    }

    /**
     * The tree of the reference data's rows on the day, with the codes the data hold ({@code codesInData}):
     * each is counted for the unit it stands for on that day, and listed when that unit is not yet.
     */
    public static OrgTree of(Collection<OrgUnit> rows, LocalDate day, Collection<String> codesInData) {
        Map<String, List<OrgUnit>> byCode = new HashMap<>();
        rows.forEach(row -> byCode.computeIfAbsent(row.code(), c -> new ArrayList<>()).add(row));
        OrgTree tree = new OrgTree(day, byCode);
        Map<String, OrgUnit> placed = new HashMap<>();
        byCode.forEach((code, versions) -> versions.stream().filter(r -> r.validOn(day)).findFirst()
                .ifPresent(row -> placed.put(code, row)));
        for (String code : codesInData) {
            if (code == null) {
                continue;
            }
            String counted = tree.countedFor(code);
            if (!placed.containsKey(counted) && !tree.units.containsKey(counted)) {
                OrgUnit row = tree.nearestRow(counted);
                if (row == null) {
                    tree.units.put(counted, new Unit(counted, null, null, null, false, false));
                } else {
                    placed.put(counted, row);
                }
            }
        }
        placed.forEach((code, row) -> tree.units.put(code, new Unit(code, row.name(), row.parentCode(), row.level(), true,
                row.endedBefore(day) && row.replacedBy() == null)));
        // Parents as they stand on the day: a parent no longer valid is its successor's; one not in the tree, none.
        for (Unit unit : List.copyOf(tree.units.values())) {
            String parent = unit.parentCode() == null ? null : tree.countedFor(unit.parentCode());
            if (parent != null && (parent.equals(unit.code()) || !tree.units.containsKey(parent))) {
                parent = null;
            }
            Unit placedUnit = new Unit(unit.code(), unit.name(), parent, unit.level(), unit.known(), unit.dissolved());
            tree.units.put(unit.code(), placedUnit);
        }
        tree.units.values().stream().filter(u -> u.parentCode() != null)
                .forEach(u -> tree.children.computeIfAbsent(u.parentCode(), p -> new ArrayList<>()).add(u));
        tree.children.values().forEach(list -> list.sort(ORDER));
        return tree;
    }

    /** Units of a higher level first, then by code. */
    private static final Comparator<Unit> ORDER = Comparator
            .comparingInt((Unit u) -> u.level() == null ? Integer.MAX_VALUE : u.level().rank()).thenComparing(Unit::code);

    public LocalDate day() {
        return day;
    }

    /**
     * The code a code's data count for on the tree's day (SPEC §4.6): itself while it is valid, and
     * when it has ended, its successor's, followed to the end of the chain. A code that ended without
     * a successor, is not valid yet, or is not in the reference data counts for itself.
     */
    public String countedFor(String code) {
        Set<String> seen = new HashSet<>();
        String current = code;
        while (seen.add(current)) {
            List<OrgUnit> versions = rowsByCode.getOrDefault(current, List.of());
            if (versions.isEmpty() || versions.stream().anyMatch(r -> r.validOn(day))) {
                return current;
            }
            OrgUnit last = versions.stream().filter(r -> r.endedBefore(day)).max(Comparator.comparing(OrgUnit::validTo)).orElse(null);
            if (last == null || last.replacedBy() == null) {
                return current;
            }
            current = last.replacedBy();
        }
        return current; // a cycle, which the ingest refuses (problems): counted where it closes
    }

    /** The row that says what a code not valid on the day was: its last before the day, else its first after. */
    private OrgUnit nearestRow(String code) {
        List<OrgUnit> versions = rowsByCode.getOrDefault(code, List.of());
        return versions.stream().filter(r -> r.endedBefore(day)).max(Comparator.comparing(OrgUnit::validTo))
                .or(() -> versions.stream().min(Comparator.comparing(r -> r.validFrom() == null ? LocalDate.MIN : r.validFrom())))
                .orElse(null);
    }

    public Unit unit(String code) {
        return units.get(code);
    }

    public boolean contains(String code) {
        return units.containsKey(code);
    }

    /** Every unit of the tree, by code. */
    public Collection<Unit> units() {
        return units.values();
    }

    public Unit parent(Unit unit) {
        return unit.parentCode() == null ? null : units.get(unit.parentCode());
    }

    /** The unit's children, higher levels first, then by code. */
    public List<Unit> children(Unit unit) {
        return children.getOrDefault(unit.code(), List.of());
    }

    /** The unit's parent, its parent's parent, … up to the top. */
    public List<Unit> ancestors(Unit unit) {
        List<Unit> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(unit.code()));
        for (Unit parent = parent(unit); parent != null && seen.add(parent.code()); parent = parent(parent)) {
            chain.add(parent);
        }
        return chain;
    }

    /** The top of the unit's chain: the province, for a unit of the reference data. */
    public Unit root(Unit unit) {
        List<Unit> chain = ancestors(unit);
        return chain.isEmpty() ? unit : chain.get(chain.size() - 1);
    }

    public List<Unit> roots() {
        return units.values().stream().filter(u -> u.parentCode() == null).sorted(ORDER).toList();
    }

    /** The unit's code and those of every unit below it, in tree order. */
    public List<String> subtree(String code) {
        Unit unit = units.get(code);
        if (unit == null) {
            return List.of(code);
        }
        List<String> codes = new ArrayList<>();
        walk(unit, 0, new HashSet<>(), (u, depth) -> codes.add(u.code()), u -> true);
        return codes;
    }

    /**
     * Every code whose data count for the units given: theirs, and those of the former units counted
     * for them (a user bound to a unit sees the runs and dossiers of the units it took over).
     */
    public Set<String> codesCountedFor(Collection<String> codes) {
        Set<String> result = new LinkedHashSet<>(codes);
        rowsByCode.keySet().stream().filter(code -> codes.contains(countedFor(code))).forEach(result::add);
        return result;
    }

    /** The (ancestor, descendant) pairs of the tree, each unit its own ancestor: what the roll-up sums along. */
    public List<String[]> ancestry() {
        List<String[]> pairs = new ArrayList<>();
        for (Unit unit : units.values()) {
            pairs.add(new String[] {unit.code(), unit.code()});
            ancestors(unit).forEach(a -> pairs.add(new String[] {a.code(), unit.code()}));
        }
        return pairs;
    }

    /**
     * The codes given, parents before their children, each with its depth below the topmost of them
     * (a unit whose parent is not among them is a top one).
     */
    public List<Placed> inTreeOrder(Collection<String> codes) {
        Set<String> shown = new HashSet<>(codes);
        List<Unit> tops = new ArrayList<>();
        for (String code : shown) {
            Unit unit = units.getOrDefault(code, new Unit(code, null, null, null, false, false));
            Unit parent = parent(unit);
            if (parent == null || !shown.contains(parent.code()) || !units.containsKey(code)) {
                tops.add(unit);
            }
        }
        tops.sort(ORDER);
        List<Placed> ordered = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Unit top : tops) {
            walk(top, 0, seen, (u, depth) -> ordered.add(new Placed(u, depth)), u -> shown.contains(u.code()));
        }
        return ordered;
    }

    private void walk(Unit unit, int depth, Set<String> seen, java.util.function.ObjIntConsumer<Unit> visit,
                      java.util.function.Predicate<Unit> shown) {
        if (!seen.add(unit.code())) {
            return;
        }
        visit.accept(unit, depth);
        for (Unit child : children(unit)) {
            if (shown.test(child)) {
                walk(child, depth + 1, seen, visit, shown);
            }
        }
    }

    /** The name of the province for headers: the first top unit of level PROVINCE, else the first top unit. */
    public String provinceName() {
        List<Unit> roots = roots();
        return roots.stream().filter(u -> u.level() == Level.PROVINCE).findFirst()
                .or(() -> roots.stream().findFirst()).map(Unit::label).orElse("");
    }

    /** The units of a level that exist on the day, which a rank counts (not a dissolved one). */
    public List<Unit> peers(Level level) {
        return units.values().stream().filter(u -> u.level() == level
                && rowsByCode.getOrDefault(u.code(), List.of()).stream().anyMatch(r -> r.validOn(day))).toList();
    }

    /**
     * The former units counted for the unit on the tree's day, each with its last day, by last day and
     * code; only those among {@code contributing} (the codes whose data a computation counted for it).
     */
    public List<Former> formers(String code, Collection<String> contributing) {
        List<Former> formers = new ArrayList<>();
        for (String former : contributing) {
            if (former.equals(code) || !code.equals(countedFor(former))) {
                continue;
            }
            OrgUnit row = nearestRow(former);
            formers.add(new Former(former, row == null ? former : row.label(), row == null ? null : row.validTo()));
        }
        formers.sort(Comparator.comparing((Former f) -> f.lastDay() == null ? LocalDate.MAX : f.lastDay()).thenComparing(Former::code));
        return formers;
    }

    /**
     * What a report says of the former units a unit's figures include (SPEC §4.6): "gồm số liệu của:
     * UBND Phường 2, UBND Phường 4 (đến 30/06/2025)", or null when there are none.
     */
    public static String includes(List<Former> formers) {
        if (formers.isEmpty()) {
            return null;
        }
        Map<LocalDate, List<String>> byLastDay = new LinkedHashMap<>();
        formers.forEach(f -> byLastDay.computeIfAbsent(f.lastDay(), d -> new ArrayList<>()).add(f.name()));
        return "gồm số liệu của: " + byLastDay.entrySet().stream()
                .map(e -> String.join(", ", e.getValue()) + (e.getKey() == null ? "" : " (đến " + DAY.format(e.getKey()) + ")"))
                .collect(Collectors.joining("; "));
    }

    /** A fault of the reference data that makes the units' history unreadable (SPEC §4.6). */
    public record Problem(String code, String column, String message) {
    }

    /**
     * What is wrong with the rows as a whole: a successor that is no unit, succession going round in a
     * cycle, or two rows of one code valid on a same day. The ingest refuses an org-units file that
     * leaves any of these.
     */
    public static List<Problem> problems(Collection<OrgUnit> rows) {
        Map<String, List<OrgUnit>> byCode = new TreeMap<>();
        rows.forEach(row -> byCode.computeIfAbsent(row.code(), c -> new ArrayList<>()).add(row));
        List<Problem> problems = new ArrayList<>();
        Map<String, Set<String>> successors = new TreeMap<>();
        byCode.forEach((code, versions) -> {
            versions.sort(Comparator.comparing(r -> r.validFrom() == null ? LocalDate.MIN : r.validFrom()));
            for (int i = 1; i < versions.size(); i++) {
                OrgUnit before = versions.get(i - 1);
                OrgUnit after = versions.get(i);
                if (before.validTo() == null || (after.validFrom() != null && !before.validTo().isBefore(after.validFrom()))) {
                    problems.add(new Problem(code, "valid_from", "unit %s has two rows valid on the same days (from %s and from %s)"
                            .formatted(code, text(before.validFrom()), text(after.validFrom()))));
                }
            }
            for (OrgUnit row : versions) {
                if (row.replacedBy() == null) {
                    continue;
                }
                if (!byCode.containsKey(row.replacedBy())) {
                    problems.add(new Problem(code, "replaced_by", "unit %s is replaced_by %s, which is no unit of the reference data"
                            .formatted(code, row.replacedBy())));
                } else {
                    successors.computeIfAbsent(code, c -> new java.util.TreeSet<>()).add(row.replacedBy());
                }
            }
        });
        Set<String> done = new HashSet<>();
        for (String start : successors.keySet()) {
            List<String> cycle = cycleFrom(start, successors, new ArrayList<>(), done);
            if (cycle != null) {
                problems.add(new Problem(cycle.get(0), "replaced_by", "replaced_by goes round in a cycle: " + String.join(" → ", cycle)));
            }
        }
        return problems;
    }

    private static List<String> cycleFrom(String code, Map<String, Set<String>> successors, List<String> path, Set<String> done) {
        int at = path.indexOf(code);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(code);
            return cycle;
        }
        if (!done.add(code)) {
            return null;
        }
        path.add(code);
        for (String next : successors.getOrDefault(code, Set.of())) {
            List<String> cycle = cycleFrom(next, successors, path, done);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        return null;
    }

    private static String text(LocalDate day) {
        return day == null ? "the beginning" : DAY.format(day);
    }
}
