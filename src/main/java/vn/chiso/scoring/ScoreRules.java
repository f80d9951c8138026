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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import vn.chiso.codes.Indicator;

/**
 * A scoring rule file (SPEC §6): one rule per indicator, read from YAML so a province can encode its
 * own regulation without a new release. The shipped file is {@value #DEFAULT_RESOURCE}; its rules are
 * those the seeds give evidence for. The format:
 *
 * <pre>
 * rules:
 *   - indicator: ON_TIME_RATE
 *     kind: bands                  # bands | linear | target | threshold
 *     max_points: 5
 *     source: "Quy chế ... Tiêu chí II.2.4.2.1"
 *     default_target: 1.0          # optional; the targets table wins when it has one
 *     bands:                       # bands only, highest min_rate first
 *       - { min_rate: 1.0, points: 5 }
 *       - { min_rate: "99%", points: 4.5 }
 *   - indicator: ONLINE_RATE
 *     kind: threshold
 *     threshold: 0.5               # threshold only
 *     ...
 * </pre>
 *
 * Rates are written between 0 and 1 or as percentage strings ({@code "99%"}, {@code "99,5%"}).
 * Anything unknown — a key, an indicator, a kind — is an error naming the rule, rather than a rule
 * silently scoring differently from what the province wrote.
 */
public record ScoreRules(String origin, List<ScoreRule> rules) {

    public static final String DEFAULT_RESOURCE = "scoring/default-rules.yml";

    private static final Set<String> ROOT_KEYS = Set.of("rules", "description");
    private static final Set<String> RULE_KEYS = Set.of("indicator", "kind", "max_points", "source", "bands",
            "threshold", "default_target");
    private static final Set<String> BAND_KEYS = Set.of("min_rate", "points");

    public ScoreRules {
        rules = List.copyOf(rules);
    }

    /** The rules shipped with chiso. */
    public static ScoreRules defaults() {
        try (InputStream in = ScoreRules.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default scoring rules " + DEFAULT_RESOURCE + " are missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    public static ScoreRules load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("scoring rules: no file " + file.toAbsolutePath());
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("scoring rules " + file + ": cannot read it: " + e.getMessage(), e);
        }
    }

    public static ScoreRules parse(String yaml, String origin) {
        return parse(new StringReader(yaml), origin);
    }

    static ScoreRules parse(Reader yaml, String origin) {
        Object root = readYaml(yaml, "scoring rules " + origin);
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException("scoring rules " + origin + ": expected a mapping with a 'rules' list at the top");
        }
        requireKeys(top, ROOT_KEYS, "scoring rules " + origin);
        if (!(top.get("rules") instanceof List<?> entries)) {
            throw new IllegalArgumentException("scoring rules " + origin + ": 'rules' must be a list of rules");
        }
        List<ScoreRule> rules = new ArrayList<>();
        Map<Indicator, Integer> seen = new EnumMap<>(Indicator.class);
        for (int i = 0; i < entries.size(); i++) {
            String where = "scoring rules " + origin + ", rule " + (i + 1);
            ScoreRule rule;
            try {
                rule = rule(entries.get(i), where);
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith(where) ? e : new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            Integer earlier = seen.putIfAbsent(rule.indicator(), i + 1);
            if (earlier != null) {
                throw new IllegalArgumentException(where + ": " + rule.indicator() + " already has rule " + earlier
                        + "; give each indicator one rule");
            }
            rules.add(rule);
        }
        return new ScoreRules(origin, rules);
    }

    /** The YAML document, duplicate keys refused; {@code what} names the file in the reason. */
    static Object readYaml(Reader yaml, String what) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(what + " are not valid YAML: " + e.getMessage(), e);
        }
    }

    public Optional<ScoreRule> rule(Indicator indicator) {
        return rules.stream().filter(r -> r.indicator() == indicator).findFirst();
    }

    private static ScoreRule rule(Object entry, String where) {
        if (!(entry instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": expected a mapping (indicator, kind, max_points, source, …)");
        }
        Indicator indicator = indicator(required(map, "indicator", where));
        where = where + " (" + indicator + ")";
        requireKeys(map, RULE_KEYS, where);
        Parts parts = parts(map, where);
        try {
            return new ScoreRule(indicator, parts.kind(), parts.maxPoints(), parts.source(), parts.bands(), parts.threshold(),
                    parts.defaultTarget());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** What every rule of a rule file states besides what it scores: how its rate turns into points, and its source. */
    record Parts(ScoreRule.Kind kind, BigDecimal maxPoints, String source, List<ScoreRule.Band> bands, BigDecimal threshold,
                 BigDecimal defaultTarget) {
    }

    /** Reads a rule's {@link Parts}; the keys were checked by the caller. */
    static Parts parts(Map<?, ?> map, String where) {
        ScoreRule.Kind kind = kind(required(map, "kind", where));
        BigDecimal maxPoints = number(required(map, "max_points", where), "max_points");
        Object source = required(map, "source", where);
        BigDecimal threshold = map.containsKey("threshold") ? rate(map.get("threshold"), "threshold") : null;
        BigDecimal defaultTarget = map.containsKey("default_target") ? rate(map.get("default_target"), "default_target") : null;
        List<ScoreRule.Band> bands = new ArrayList<>();
        if (map.containsKey("bands")) {
            if (!(map.get("bands") instanceof List<?> list)) {
                throw new IllegalArgumentException(where + ": 'bands' must be a list of {min_rate, points}");
            }
            for (Object b : list) {
                if (!(b instanceof Map<?, ?> band)) {
                    throw new IllegalArgumentException(where + ": each band is a mapping {min_rate, points}");
                }
                requireKeys(band, BAND_KEYS, where + ", band");
                bands.add(new ScoreRule.Band(rate(required(band, "min_rate", where + ", band"), "min_rate"),
                        number(required(band, "points", where + ", band"), "points")));
            }
        }
        return new Parts(kind, maxPoints, source.toString().strip(), bands, threshold, defaultTarget);
    }

    private static Indicator indicator(Object value) {
        String name = value.toString().strip().toUpperCase(Locale.ROOT);
        try {
            return Indicator.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown indicator '" + value + "'; the rates are "
                    + Arrays.stream(Indicator.values()).filter(Indicator::isRate).map(Indicator::name).collect(Collectors.joining(", ")));
        }
    }

    private static ScoreRule.Kind kind(Object value) {
        try {
            return ScoreRule.Kind.valueOf(value.toString().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown kind '" + value + "'; expected one of "
                    + Arrays.stream(ScoreRule.Kind.values()).map(ScoreRule.Kind::fileName).collect(Collectors.joining(", ")));
        }
    }

    /** A rate: a number between 0 and 1, or a percentage string ("99%", "99,5%"). */
    static BigDecimal rate(Object value, String name) {
        if (value instanceof String s && s.strip().endsWith("%")) {
            String digits = s.strip();
            return number(digits.substring(0, digits.length() - 1).strip().replace(',', '.'), name).movePointLeft(2);
        }
        return number(value, name);
    }

    static BigDecimal number(Object value, String name) {
        if (value instanceof Number || value instanceof String) {
            try {
                // Via the text, so 0.99 stays 0.99 rather than the double nearest to it.
                return new BigDecimal(value.toString().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(name + " '" + value + "' is not a number");
    }

    static Object required(Map<?, ?> map, String key, String where) {
        Object value = map.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is missing");
        }
        return value;
    }

    static void requireKeys(Map<?, ?> map, Set<String> allowed, String where) {
        Set<String> unknown = new LinkedHashSet<>();
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                unknown.add(String.valueOf(key));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(where + ": unknown key(s) " + unknown + "; expected " + new TreeSet<>(allowed));
        }
    }
}
