package vn.chiso.ingest.check;

import vn.chiso.ingest.read.Names;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One column of an export: its canonical name, the labels systems print for it, how its values
 * read and whether a row without it is rejected.
 */
public record Column(String name, Type type, boolean required, String whenEmpty, List<String> labels,
        Map<String, String> enumValues, boolean inputOnly) {

    /** Every kind may say when it was exported; that time decides which export of a key wins (SPEC §7). */
    static final Column EXPORTED_AT = of("exported_at", Type.INSTANT, "Thời điểm xuất", "Ngày xuất");

    public enum Type {
        TEXT, INSTANT, DUE, DUE_WITH_DATE, DATE, BOOLEAN, INTEGER, RATE, ENUM;

        /** How many staging columns a value of this type fills. */
        int width() {
            return this == DUE_WITH_DATE ? 2 : 1;
        }
    }

    static Column text(String name, String... labels) {
        return new Column(name, Type.TEXT, false, null, List.of(labels), Map.of(), false);
    }

    static Column of(String name, Type type, String... labels) {
        return new Column(name, type, false, null, List.of(labels), Map.of(), false);
    }

    /**
     * An enumerated column; each value is given as {@code CANONICAL, "label", "label", ...}
     * groups separated by {@code null}.
     */
    static Column enumerated(String name, List<String> labels, String... valuesAndLabels) {
        Map<String, String> values = new LinkedHashMap<>();
        String canonical = null;
        for (String item : valuesAndLabels) {
            if (item == null) {
                canonical = null;
            } else if (canonical == null) {
                canonical = item;
                values.put(Names.normalize(item), item);
            } else {
                values.put(Names.normalize(item), canonical);
            }
        }
        return new Column(name, Type.ENUM, false, null, labels, java.util.Collections.unmodifiableMap(values), false);
    }

    Column asRequired() {
        return new Column(name, type, true, whenEmpty, labels, enumValues, inputOnly);
    }

    /** The value an empty cell stands for (booleans: false; counts: 0). */
    Column orWhenEmpty(String value) {
        return new Column(name, type, required, value, labels, enumValues, inputOnly);
    }

    /**
     * A yes/no column whose systems also write codes of their own, given as {@code "code", "true"}
     * pairs (the portal's DuocThanhToanTrucTuyen: 1 paid online, 0 no fee, 3 fee not paid online).
     */
    Column withCodes(String... codesAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < codesAndValues.length; i += 2) {
            values.put(Names.normalize(codesAndValues[i]), codesAndValues[i + 1]);
        }
        return new Column(name, type, required, whenEmpty, labels, java.util.Collections.unmodifiableMap(values), inputOnly);
    }

    /** A column read to fill others of the row (the portal's refusal date), never stored itself. */
    Column asInputOnly() {
        return new Column(name, type, required, whenEmpty, labels, enumValues, true);
    }

    /** Every normalised form under which a header may name this column. */
    List<String> headerForms() {
        var forms = new java.util.ArrayList<String>();
        forms.add(Names.normalize(name));
        labels.forEach(label -> forms.add(Names.normalize(label)));
        return forms;
    }

    String allowedValues() {
        return String.join(", ", new java.util.LinkedHashSet<>(enumValues.values()));
    }
}
