package vn.chiso.ingest.check;

import vn.chiso.ingest.read.Names;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * How one source system's exports map onto SPEC §3.1–3.5 (SPEC §3.6): a YAML file of
 * {@code jobs/profiles/} or {@code CHISO_HOME/profiles/}, read at start, so a province adapts chiso
 * to its one-stop system without a rebuild. The format is documented in the README.
 *
 * @param columns     source column (normalised, {@link Names}) → the field it feeds
 * @param values      field → (source value, normalised → the value it stands for)
 * @param dates       date patterns tried when a value is none of SPEC §3's formats
 * @param agencyByName whether the column feeding {@code agency_code} holds units' names
 * @param defaults    field → the value of a field no column fills (e.g. the one channel a file holds)
 * @param ignore      source columns never read (personal data), normalised
 * @param signature   source columns whose presence picks the profile, normalised
 */
public record SourceProfile(String name, String description, FileKind kind, List<String> signature, Charset encoding,
                            Map<String, String> columns, Map<String, Map<String, String>> values,
                            List<DateTimeFormatter> dates, boolean agencyByName, Map<String, String> defaults,
                            List<String> ignore, Path file) {

    /** Reads a profile file; the message of the exception names the file and what is wrong. */
    static SourceProfile read(Path file) {
        Object root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException | YAMLException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage().replaceAll("\\s+", " "), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": a profile is a mapping (name, signature, columns, values, …)");
        }
        String fileName = file.getFileName().toString();
        String name = text(map.get("name"), fileName.replaceFirst("(?i)\\.ya?ml$", ""));
        FileKind kind = map.get("kind") == null ? null : kind(text(map.get("kind"), ""), file);
        Charset encoding = null;
        if (map.get("encoding") != null) {
            try {
                encoding = Charset.forName(text(map.get("encoding"), ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": encoding '" + map.get("encoding") + "' is unknown (e.g. UTF-8, windows-1258)");
            }
        }
        Map<String, String> columns = new LinkedHashMap<>();
        mapping(map.get("columns"), "columns", file).forEach((source, field) -> {
            columns.put(Names.normalize(source), field(text(field, ""), kind, file));
        });
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        mapping(map.get("values"), "values", file).forEach((field, mapped) -> {
            Map<String, String> byValue = new LinkedHashMap<>();
            mapping(mapped, "values." + field, file).forEach((source, value) -> byValue.put(Names.normalize(source), text(value, "")));
            values.put(field(field, kind, file), byValue);
        });
        List<DateTimeFormatter> dates = new ArrayList<>();
        for (String pattern : list(map.get("dates"), "dates", file)) {
            try {
                dates.add(DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": date pattern '" + pattern + "': " + e.getMessage());
            }
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        mapping(map.get("defaults"), "defaults", file).forEach((field, value) -> defaults.put(field(field, kind, file), text(value, "")));
        List<String> signature = list(map.get("signature"), "signature", file).stream().map(Names::normalize).toList();
        if (signature.isEmpty()) {
            throw new IllegalArgumentException(file + ": 'signature' must list the columns that identify the system's exports");
        }
        List<String> ignore = list(map.get("ignore"), "ignore", file).stream().map(Names::normalize).toList();
        return new SourceProfile(name, text(map.get("description"), ""), kind, signature, encoding, columns, values, dates,
                Boolean.TRUE.equals(map.get("agency_by_name")), defaults, ignore, file);
    }

    private static FileKind kind(String text, Path file) {
        String wanted = Names.normalize(text);
        for (FileKind kind : FileKind.values()) {
            if (Names.normalize(kind.name()).equals(wanted) || Names.normalize(kind.table).equals(wanted)
                    || Names.normalize(kind.table + "s").equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(file + ": kind '" + text + "' is none of dossiers, payments, evaluations, feedback, agencies, procedures, holidays, targets");
    }

    /** A field name of the kind (any kind's when the profile names none). */
    private static String field(String field, FileKind kind, Path file) {
        for (FileKind k : kind == null ? FileKind.values() : new FileKind[] {kind}) {
            if (k.columns.stream().anyMatch(c -> c.name().equals(field))) {
                return field;
            }
        }
        throw new IllegalArgumentException(file + ": '" + field + "' is not a field of " + (kind == null ? "any export" : "a " + kind.label() + " export")
                + " (fields are the canonical column names of SPEC §3, e.g. dossier_code, completed_at)");
    }

    private static Map<String, Object> mapping(Object value, String key, Path file) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (value == null) {
            return result;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": '" + key + "' must be a mapping");
        }
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    private static List<String> list(Object value, String key, Path file) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> items) {
            return items.stream().map(String::valueOf).toList();
        }
        if (value instanceof String single) {
            return List.of(single);
        }
        throw new IllegalArgumentException(file + ": '" + key + "' must be a list");
    }

    private static String text(Object value, String whenAbsent) {
        return value == null ? whenAbsent : String.valueOf(value).strip();
    }

    /** Whether a header with these (normalised) columns is this system's. */
    boolean matches(java.util.Set<String> normalisedHeader) {
        return normalisedHeader.containsAll(signature);
    }
}
