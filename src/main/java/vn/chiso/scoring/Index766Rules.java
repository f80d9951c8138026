package vn.chiso.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import vn.chiso.codes.IndexIndicator;
import vn.chiso.codes.Indicator;

/**
 * The national service index's rule file (SPEC §6a), {@value #DEFAULT_RESOURCE} unless a province
 * names its own ({@code chiso.scoring.index766}, {@code CHISO_SCORING_INDEX766}). The five groups,
 * each with its points and the rules of §6's format that make them up:
 *
 * <pre>
 * groups:
 *   - group: TIEN_DO               # CONG_KHAI | TIEN_DO | SO_HOA | TRUC_TUYEN | HAI_LONG, each once
 *     max_points: 20               # the rules' max_points add up to it
 *     source: "Quyết định 766/QĐ-TTg …"
 *     rules:
 *       - indicator: ON_TIME_RATE_766
 *         kind: linear
 *         max_points: 20
 *         source: "…"
 * </pre>
 *
 * A rule reads a rate of §4.5 or one of {@link IndexIndicator}, each code in one rule of the file.
 * A mistake — an unknown key, group or code, a group whose rules do not add up to its points — is an
 * error naming the group and rule, not an index that quietly scores out of some other total.
 */
public record Index766Rules(String origin, List<Group> groups) {

    public static final String DEFAULT_RESOURCE = "scoring/766.yml";

    private static final Set<String> ROOT_KEYS = Set.of("groups", "description");
    private static final Set<String> GROUP_KEYS = Set.of("group", "max_points", "source", "rules");
    private static final Set<String> RULE_KEYS = Set.of("indicator", "kind", "max_points", "source", "bands",
            "threshold", "default_target");

    /** One group of the index with its rules, in the file's order. */
    public record Group(Index766Group group, BigDecimal maxPoints, String source, List<Index766Rule> rules) {
        public Group {
            rules = List.copyOf(rules);
        }
    }

    public Index766Rules {
        groups = List.copyOf(groups);
    }

    /** The index's points at most: the sum of its groups'. */
    public BigDecimal maxPoints() {
        return groups.stream().map(Group::maxPoints).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * The criterion reading a rate of §4.5 (ON_TIME_RATE_766, …), as a rule of §6's form, so that what
     * scores §6's rates can score it too; empty when no criterion reads it.
     */
    public Optional<ScoreRule> rule(Indicator indicator) {
        return groups.stream().flatMap(g -> g.rules().stream()).filter(r -> r.indicator().equals(indicator.name())).findFirst()
                .map(r -> new ScoreRule(indicator, r.kind(), r.maxPoints(), r.source(), r.bands(), r.threshold(), r.defaultTarget()));
    }

    /** The rules shipped with chiso. */
    public static Index766Rules defaults() {
        try (InputStream in = Index766Rules.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the index rules " + DEFAULT_RESOURCE + " are missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    public static Index766Rules load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("index 766 rules: no file " + file.toAbsolutePath());
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("index 766 rules " + file + ": cannot read it: " + e.getMessage(), e);
        }
    }

    public static Index766Rules parse(String yaml, String origin) {
        return parse(new StringReader(yaml), origin);
    }

    static Index766Rules parse(Reader yaml, String origin) {
        String file = "index 766 rules " + origin;
        Object root = ScoreRules.readYaml(yaml, file);
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(file + ": expected a mapping with a 'groups' list at the top");
        }
        ScoreRules.requireKeys(top, ROOT_KEYS, file);
        if (!(top.get("groups") instanceof List<?> entries)) {
            throw new IllegalArgumentException(file + ": 'groups' must be a list of the index's five groups");
        }
        Map<Index766Group, Group> groups = new EnumMap<>(Index766Group.class);
        Map<String, String> codes = new HashMap<>();
        List<Group> inOrder = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Group group = group(entries.get(i), file + ", group " + (i + 1), codes);
            if (groups.putIfAbsent(group.group(), group) != null) {
                throw new IllegalArgumentException(file + ", group " + (i + 1) + ": " + group.group() + " is given twice");
            }
            inOrder.add(group);
        }
        if (groups.size() != Index766Group.values().length) {
            throw new IllegalArgumentException(file + ": missing group(s) " + Arrays.stream(Index766Group.values())
                    .filter(g -> !groups.containsKey(g)).map(Index766Group::name).collect(Collectors.joining(", ")));
        }
        return new Index766Rules(origin, inOrder);
    }

    private static Group group(Object entry, String where, Map<String, String> codes) {
        if (!(entry instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": expected a mapping (group, max_points, source, rules)");
        }
        Object name = ScoreRules.required(map, "group", where);
        Index766Group group;
        try {
            group = Index766Group.valueOf(name.toString().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": unknown group '" + name + "'; the groups are "
                    + Arrays.stream(Index766Group.values()).map(Index766Group::name).collect(Collectors.joining(", ")));
        }
        where = where + " (" + group + ")";
        ScoreRules.requireKeys(map, GROUP_KEYS, where);
        BigDecimal maxPoints;
        try {
            maxPoints = ScoreRules.number(ScoreRules.required(map, "max_points", where), "max_points");
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(where) ? e : new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        String source = ScoreRules.required(map, "source", where).toString().strip();
        if (!(map.get("rules") instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(where + ": 'rules' must be a list of at least one rule");
        }
        List<Index766Rule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            rules.add(rule(list.get(i), where + ", rule " + (i + 1), codes));
        }
        BigDecimal sum = rules.stream().map(Index766Rule::maxPoints).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.compareTo(maxPoints) != 0) {
            throw new IllegalArgumentException(where + ": its rules' max_points add up to " + sum.toPlainString()
                    + ", not the group's " + maxPoints.toPlainString());
        }
        return new Group(group, maxPoints, source, rules);
    }

    private static Index766Rule rule(Object entry, String where, Map<String, String> codes) {
        if (!(entry instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": expected a mapping (indicator, kind, max_points, source, …)");
        }
        Object code = ScoreRules.required(map, "indicator", where);
        String indicator = IndexIndicator.rateCode(code.toString()).orElse(null);
        if (indicator == null) {
            throw new IllegalArgumentException(where + ": unknown indicator '" + code + "'; the rates are "
                    + String.join(", ", IndexIndicator.rateCodes()));
        }
        where = where + " (" + indicator + ")";
        String earlier = codes.putIfAbsent(indicator, where);
        if (earlier != null) {
            throw new IllegalArgumentException(where + ": " + indicator + " is scored already by " + earlier
                    + "; give each indicator one rule");
        }
        try {
            ScoreRules.requireKeys(map, RULE_KEYS, where);
            ScoreRules.Parts parts = ScoreRules.parts(map, where);
            return new Index766Rule(indicator, parts.kind(), parts.maxPoints(), parts.source(), parts.bands(), parts.threshold(),
                    parts.defaultTarget());
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(where) ? e : new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
