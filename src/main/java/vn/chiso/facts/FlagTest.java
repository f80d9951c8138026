package vn.chiso.facts;

import vn.chiso.facts.DossierFacts.Flag;

/**
 * A test of a dossier's {@code flags} column: the bits {@code set} set and the bits {@code clear}
 * clear. Written as flag names, {@code "SETTLED,LATE"} or {@code "ONLINE,!EXCLUDED"}: in SQL text
 * between braces ({@link DossierFacts#sql}) and in the month counts' columns ({@link MonthCube#COUNTS}).
 */
public record FlagTest(int set, int clear) {

    /** The test the names say; no name at all passes every dossier. */
    public static FlagTest of(String names) {
        int set = 0;
        int clear = 0;
        for (String name : names.split(",")) {
            if (name.startsWith("!")) {
                clear |= Flag.valueOf(name.substring(1)).bit();
            } else if (!name.isEmpty()) {
                set |= Flag.valueOf(name).bit();
            }
        }
        return new FlagTest(set, clear);
    }

    /** Whether flags pass it. */
    public boolean passes(int flags) {
        return (flags & (set | clear)) == set;
    }

    /** The SQL condition: {@code {LATE}} is {@code (flags & 128 <> 0)}, {@code {!SETTLED}} is {@code (flags & 8 = 0)}. */
    public String sql() {
        if (set == 0 && clear == 0) {
            return "true";
        }
        return clear == 0 && Integer.bitCount(set) == 1 ? "(flags & " + set + " <> 0)"
                : "(flags & " + (set | clear) + " = " + set + ")";
    }
}
