package vn.chiso.procedure;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which catalogue entry (SPEC §3.5, table {@code procedure}) a dossier's procedure code names, the
 * one rule every lookup of the catalogue follows, in Java and in SQL.
 * <p>
 * A national procedure code (mã TTHC) ends with its province's suffix: {@code 1.004227.000.00.00.H12}.
 * Since the provinces merged on 1/7/2025 (Resolution 202/2025/QH15), one instance holds the exports
 * of two former provinces, which name the same procedure by codes that differ only in that suffix,
 * while the catalogue lists one of them. So a code names:
 * <ol>
 * <li>the entry with exactly that code, if there is one;</li>
 * <li>else an entry with the same {@linkplain #base base code}, the code without its suffix (a
 * last dot-separated segment {@code H} and digits, in any case: {@code .H56}, {@code .h56}), so that
 * {@code …H56} finds {@code …H12}, {@code …H56} finds an unsuffixed {@code …00.00}, and the other way
 * round; of several, the smallest code (compared character by character, as {@code COLLATE "C"}
 * does for these ASCII codes), so that the choice never depends on the order rows were read in;</li>
 * <li>else none: the procedure is unknown.</li>
 * </ol>
 * A code without a suffix ({@code 1.003583}) is its own base: it finds its exact entry as before, or
 * an entry that is it plus a suffix. Exports keep the codes they were written with; the rule applies
 * whenever a code is looked up, so a corrected catalogue re-maps history without re-ingesting.
 * <p>
 * The table stores each entry's base code in {@code procedure.base_code}, a generated column (V28)
 * whose expression is {@link #baseSql}'s: changing the rule needs a migration redefining it
 * ({@code ProcedureCodesTest} checks the two agree).
 */
public final class ProcedureCodes {

    /** A code with a province suffix: group 1 is its base. */
    private static final String SUFFIXED = "^(.+)\\.[Hh][0-9]+$";
    /** As {@link #SUFFIXED}; DOTALL, as a PostgreSQL regular expression's dot matches any character. */
    private static final Pattern SUFFIXED_PATTERN = Pattern.compile(SUFFIXED, Pattern.DOTALL);

    private final Set<String> codes;
    /** Each base code's smallest catalogue code. */
    private final Map<String, String> byBase;

    private ProcedureCodes(Set<String> codes, Map<String, String> byBase) {
        this.codes = codes;
        this.byBase = byBase;
    }

    /** The code without its province suffix; a code without one is its own base. */
    public static String base(String code) {
        if (code == null) {
            return null;
        }
        Matcher m = SUFFIXED_PATTERN.matcher(code);
        return m.matches() ? m.group(1) : code;
    }

    /** {@link #base} in SQL, of a text expression. */
    public static String baseSql(String code) {
        return "regexp_replace(" + code + ", '" + SUFFIXED + "', '\\1')";
    }

    /**
     * The catalogue entry the text expression {@code code} names, as a subquery of the procedure
     * table's row, for {@code LEFT JOIN LATERAL (…) p ON true}: an index lookup on base_code.
     */
    public static String entrySql(String code) {
        return "(SELECT * FROM procedure c WHERE c.base_code = " + baseSql(code)
                + " ORDER BY c.procedure_code <> " + code + ", c.procedure_code COLLATE \"C\" LIMIT 1)";
    }

    /** Whether the catalogue row {@code entry} (an alias of the procedure table) is one the text expression {@code code} may name. */
    public static String matchesSql(String entry, String code) {
        return entry + ".base_code = " + baseSql(code);
    }

    /** The catalogue of these codes, to look codes up in memory. */
    public static ProcedureCodes catalogue(Collection<String> catalogueCodes) {
        Set<String> codes = new HashSet<>();
        Map<String, String> byBase = new HashMap<>();
        for (String code : catalogueCodes) {
            if (code != null) {
                codes.add(code);
                byBase.merge(base(code), code, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        return new ProcedureCodes(codes, byBase);
    }

    /** The catalogue code that {@code code} names, or null when the procedure is unknown. */
    public String entry(String code) {
        if (code == null) {
            return null;
        }
        return codes.contains(code) ? code : byBase.get(base(code));
    }

    /** Whether {@code code} names an entry of the catalogue. */
    public boolean knows(String code) {
        return entry(code) != null;
    }
}
