package vn.chiso.ingest.check;

import vn.chiso.ingest.read.Names;
import vn.chiso.ingest.read.Texts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Codes looked up by name (SPEC §3.1, §3.6): exports printed for people name the unit ("Đơn vị tiếp
 * nhận", the portal's DonViXuLy) or the procedure ("Tên thủ tục hành chính") instead of giving its
 * code. Names match ignoring case, diacritics and spacing ({@link Names}); a name that several codes
 * bear is ambiguous and settles nothing.
 */
final class NameIndex {

    static final NameIndex EMPTY = new NameIndex(Map.of());

    private final Map<String, List<String>> codesByName;

    private NameIndex(Map<String, List<String>> codesByName) {
        this.codesByName = codesByName;
    }

    static final String UNITS = "SELECT agency_code, name FROM org_unit WHERE name IS NOT NULL";
    static final String PROCEDURES = "SELECT procedure_code, name FROM procedure WHERE name IS NOT NULL";

    /** code → name, as a reference table holds them. */
    static Map<String, String> names(JdbcTemplate jdbc, String query) {
        Map<String, String> names = new HashMap<>();
        jdbc.query(query, rs -> {
            names.put(rs.getString(1), rs.getString(2));
        });
        return names;
    }

    /** Every name with its codes, in order: what this index answers, as text. */
    String describe() {
        return new java.util.TreeMap<>(codesByName).toString();
    }

    /** From code → name pairs. */
    static NameIndex of(Map<String, String> namesByCode) {
        Map<String, List<String>> index = new HashMap<>();
        namesByCode.forEach((code, name) -> {
            List<String> codes = index.computeIfAbsent(Names.normalize(name), n -> new ArrayList<>());
            if (!codes.contains(code)) {
                codes.add(code);
            }
        });
        index.values().forEach(codes -> codes.sort(null));
        return new NameIndex(index);
    }

    /**
     * The code the name stands for.
     *
     * @throws IllegalArgumentException naming the value when no code, or several, bear the name
     */
    String codeOf(String name, String what) {
        List<String> codes = codesByName.get(Names.normalize(name));
        if (codes == null || codes.isEmpty()) {
            throw new IllegalArgumentException("'" + Texts.quote(name) + "' is the name of no " + what
                    + (codesByName.isEmpty() ? " (no " + what + " is loaded yet: ingest the reference data first)" : ""));
        }
        if (codes.size() > 1) {
            throw new IllegalArgumentException("'" + Texts.quote(name) + "' is the name of several " + what + "s: " + String.join(", ", codes));
        }
        return codes.get(0);
    }
}
