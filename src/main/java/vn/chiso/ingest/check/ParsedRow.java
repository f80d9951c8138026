package vn.chiso.ingest.check;

import vn.chiso.ingest.read.Values;

import java.util.List;

/** One row of an export, its cells read into typed values (null where empty or unreadable). */
public final class ParsedRow {

    private final FileKind kind;
    private final Object[] raw;
    public final Object[] values;
    private final boolean[] failed;

    ParsedRow(FileKind kind, Object[] raw, Object[] values, boolean[] failed) {
        this.kind = kind;
        this.raw = raw;
        this.values = values;
        this.failed = failed;
    }

    FileKind kind() {
        return kind;
    }

    Object value(String column) {
        return values[kind.indexOf(column)];
    }

    /** The value of the column at {@code index} of the kind's columns: for checks run on every row. */
    Object value(int index) {
        return values[index];
    }

    boolean failed(int index) {
        return failed[index];
    }

    boolean isEmpty(String column) {
        return values[kind.indexOf(column)] == null;
    }

    String raw(String column) {
        return RowParser.text(raw[kind.indexOf(column)]);
    }

    /**
     * The row's key as read, for the rejects file ("" when it could not be read), stripped as a
     * stored value is ({@link Values#strip}, non-breaking spaces too): the search for repeated keys
     * compares it with the good rows' stored keys.
     */
    public String key() {
        StringBuilder key = new StringBuilder();
        for (String name : kind.keyColumnNames()) {
            if (!key.isEmpty()) {
                key.append('|');
            }
            key.append(Values.strip(raw(name)));
        }
        return key.toString();
    }

    /**
     * The key of a good row as the stored table holds it (a date as yyyy-MM-dd), the text the search
     * for repeated keys compares: "01/01/2024" and "2024-01-01" are one holiday.
     */
    public String storedKey() {
        List<String> names = kind.keyColumnNames();
        if (names.size() == 1 && value(names.get(0)) instanceof String code) {
            return code; // a dossier's or a payment's own code: what the loop below would copy
        }
        StringBuilder key = new StringBuilder();
        for (String name : names) {
            Object value = value(name);
            if (!key.isEmpty()) {
                key.append('|');
            }
            key.append(value instanceof Values.When when ? when.local().toLocalDate().toString() : value == null ? "" : value.toString());
        }
        return key.toString();
    }
}
