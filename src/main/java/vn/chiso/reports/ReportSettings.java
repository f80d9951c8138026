package vn.chiso.reports;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The office's own details for the official form of its reports (SPEC §5, Decree 30/2020/NĐ-CP),
 * from {@code CHISO_HOME/report-settings.yml}: the place, which date to print, the recipients, and
 * per unit (by its code) the issuing body, the number and the signer. What the file leaves out is
 * printed as a blank to fill by hand. Read at each report run, so an edit applies to the next report.
 *
 * @param all     the settings for every report ({@code place}, {@code date}, {@code recipients}, …)
 * @param units   each unit's own settings by code, over {@code all}
 * @param summary the province summary's own settings, over the root unit's
 */
public record ReportSettings(Entry all, Map<String, Entry> units, Entry summary) {

    public static final String FILE_NAME = "report-settings.yml";

    /** Which day the "place, ngày … tháng … năm …" line prints. */
    public enum DateChoice {
        /** The day the report is made (in Vietnam). */
        GENERATED,
        /** The window's report due day (SPEC §2). */
        DUE,
        /** "ngày … tháng … năm …", to fill by hand. */
        BLANK
    }

    /**
     * One level of settings; null fields fall through to the level below.
     *
     * @param governingBody the body above the issuer, first line of the header ("ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG")
     * @param issuer        the issuing body ("SỞ TƯ PHÁP")
     * @param number        what follows "Số: " ("125/BC-STP"; without it "      /BC-" and the symbol)
     * @param symbol        the document symbol after "BC-" ("STP"; without it the unit's code, "UBND" for a people's committee)
     * @param signerTitle   the signer's title, lines split by "\n" ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
     */
    public record Entry(String place, DateChoice date, List<String> recipients, String governingBody, String issuer,
                        String number, String symbol, String signerTitle, String signerName) {

        static final Entry EMPTY = new Entry(null, null, null, null, null, null, null, null, null);

        /** This entry's values, and {@code under}'s where this one has none. */
        Entry over(Entry under) {
            return new Entry(or(place, under.place), date != null ? date : under.date, recipients != null ? recipients : under.recipients,
                    or(governingBody, under.governingBody), or(issuer, under.issuer), or(number, under.number), or(symbol, under.symbol),
                    or(signerTitle, under.signerTitle), or(signerName, under.signerName));
        }

        private static String or(String value, String otherwise) {
            return value != null ? value : otherwise;
        }
    }

    private static final Set<String> ENTRY_KEYS = Set.of("place", "date", "recipients", "governing_body", "issuer", "number",
            "symbol", "signer_title", "signer_name");

    public static final ReportSettings NONE = new ReportSettings(Entry.EMPTY, Map.of(), Entry.EMPTY);

    /** The settings for a unit's report: its own entry over the common one. */
    public Entry forUnit(String code) {
        return units.getOrDefault(code, Entry.EMPTY).over(all);
    }

    /** The settings for the province summary: its own entry over the root unit's, over the common one. */
    public Entry forSummary(String rootCode) {
        return summary.over(forUnit(rootCode));
    }

    /** The file in {@code home}, or {@link #NONE} when there is none. */
    public static ReportSettings load(Path home) {
        Path file = home.resolve(FILE_NAME);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return parse(root, file.getFileName().toString());
        } catch (NoSuchFileException e) {
            return NONE;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        } catch (YAMLException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + firstLine(e.getMessage()));
        }
    }

    static ReportSettings parse(Object root, String origin) {
        if (root == null) {
            return NONE;
        }
        Map<String, Object> map = map(root, origin, "the file");
        Map<String, Entry> units = new LinkedHashMap<>();
        Entry summary = Entry.EMPTY;
        Map<String, Object> common = new LinkedHashMap<>();
        for (var e : map.entrySet()) {
            switch (e.getKey()) {
                case "units" -> map(e.getValue(), origin, "units").forEach((code, value) ->
                        units.put(code, entry(map(value, origin, "units." + code), origin, "units." + code)));
                case "summary" -> summary = entry(map(e.getValue(), origin, "summary"), origin, "summary");
                default -> common.put(e.getKey(), e.getValue());
            }
        }
        return new ReportSettings(entry(common, origin, null), Map.copyOf(units), summary);
    }

    private static Entry entry(Map<String, Object> map, String origin, String where) {
        for (String key : map.keySet()) {
            if (!ENTRY_KEYS.contains(key)) {
                Set<String> known = new TreeSet<>(ENTRY_KEYS);
                if (where == null) {
                    known.addAll(List.of("units", "summary"));
                }
                throw new IllegalArgumentException(origin + ": unknown key '" + key + "'" + (where == null ? "" : " in " + where)
                        + " (known: " + String.join(", ", known) + ")");
            }
        }
        return new Entry(text(map, "place"), date(map, origin, where), recipients(map, origin, where), text(map, "governing_body"),
                text(map, "issuer"), text(map, "number"), text(map, "symbol"), text(map, "signer_title"), text(map, "signer_name"));
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static DateChoice date(Map<String, Object> map, String origin, String where) {
        String value = text(map, "date");
        if (value == null) {
            return null;
        }
        try {
            return DateChoice.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": date" + (where == null ? "" : " in " + where) + " is '" + value
                    + "', expected generated, due or blank");
        }
    }

    private static List<String> recipients(Map<String, Object> map, String origin, String where) {
        Object value = map.get("recipients");
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return list.stream().filter(o -> o != null && !o.toString().isBlank()).map(o -> o.toString().strip()).toList();
        }
        throw new IllegalArgumentException(origin + ": recipients" + (where == null ? "" : " in " + where)
                + " must be a list (one \"- …\" line per recipient)");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String origin, String what) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<Object, Object>) m).forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        throw new IllegalArgumentException(origin + ": " + what + " must be a map of keys and values");
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
