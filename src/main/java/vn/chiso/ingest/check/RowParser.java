package vn.chiso.ingest.check;

import vn.chiso.ingest.read.Names;
import vn.chiso.ingest.read.Texts;
import vn.chiso.ingest.read.Values;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the cells of one row into typed values, noting every cell that cannot be right (SPEC §4.4). */
public final class RowParser {

    /** The longest value a cell may hold (SPEC §4.4). */
    static final int MAX_VALUE_LENGTH = 4_000;
    /** Dates outside these years are typing errors, not dossiers (SPEC §4.4). */
    private static final LocalDateTime EARLIEST = LocalDate.of(2000, 1, 1).atStartOfDay();
    private static final LocalDateTime LATEST = LocalDate.of(2100, 1, 1).atStartOfDay();

    private final FileKind kind;
    private final HeaderMatch header;
    private final References references;
    /** Per column, the source profile's own values (normalised source value → canonical), or null. */
    private final Map<String, String>[] profileValues;
    private final List<DateTimeFormatter> profileDates;
    private final int agencyIndex;
    private final int procedureIndex;
    /** Enum labels and booleans repeat on every row: read each distinct spelling once. */
    private final Map<String, Object>[] memo;

    /** A parser of rows already in the kind's column order, with no source profile: for tests of single rows. */
    RowParser(FileKind kind, ProcessingTimes processingTimes) {
        this(plain(kind), References.of(processingTimes));
    }

    private static HeaderMatch plain(FileKind kind) {
        int[] identity = new int[kind.columns.size()];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i;
        }
        return new HeaderMatch(kind, identity, List.of(), List.of(), null, false, false, new String[identity.length], List.of());
    }

    @SuppressWarnings("unchecked")
    public RowParser(HeaderMatch header, References references) {
        this.kind = header.kind();
        this.header = header;
        this.references = references;
        int n = kind.columns.size();
        Map<String, Object>[] maps = new Map[n];
        Map<String, String>[] values = new Map[n];
        for (int i = 0; i < n; i++) {
            Column column = kind.columns.get(i);
            Column.Type type = column.type();
            if (type == Column.Type.ENUM || type == Column.Type.BOOLEAN) {
                maps[i] = new HashMap<>();
            }
            if (header.profile() != null) {
                values[i] = header.profile().values().get(column.name());
            }
        }
        this.memo = maps;
        this.profileValues = values;
        this.profileDates = header.profile() == null ? List.of() : header.profile().dates();
        this.agencyIndex = header.agencyByName() ? kind.indexOf("agency_code") : -1;
        this.procedureIndex = header.procedureByName() ? kind.indexOf("procedure_code") : -1;
    }

    public static String text(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Values.When when) {
            return when.dateOnly() ? when.local().toLocalDate().toString() : when.local().toString();
        }
        return cell.toString();
    }

    /** Parses {@code cells} (aligned with the kind's columns), adding to {@code problems}. */
    public ParsedRow parse(Object[] cells, List<Problem> problems) {
        List<Column> columns = kind.columns;
        kind.adjust(cells);
        Object[] values = new Object[columns.size()];
        boolean[] failed = new boolean[columns.size()];
        String[] defaults = header.defaults();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            Object cell = cells[i];
            if (cell instanceof String s && Values.strip(s).isEmpty()) {
                cell = null;
            }
            if (cell == null && defaults[i] != null) {
                cell = defaults[i];
            }
            if (cell == null && column.whenEmpty() != null) {
                if (column.whenEmpty().isEmpty()) {
                    values[i] = ""; // an empty code that means "every unit" (targets)
                    continue;
                }
                cell = column.whenEmpty();
            }
            if (cell == null || (cell instanceof String s && s.isEmpty())) {
                if (column.required()) {
                    problems.add(new Problem(column.name(), "", header.sourceIndex()[i] < 0
                            ? "the file has no column " + HeaderMatch.describe(column)
                            : column.name() + " is required but empty"));
                    failed[i] = true;
                }
                continue;
            }
            if (cell instanceof String s && s.length() > MAX_VALUE_LENGTH) {
                failed[i] = true;
                problems.add(new Problem(column.name(), Texts.clip(s, 60),
                        "a value of " + s.length() + " characters, longer than the " + MAX_VALUE_LENGTH + " allowed"));
                continue;
            }
            try {
                Object value = memo[i] != null && cell instanceof String text ? memoised(i, column, text) : read(i, column, cell);
                if (i == agencyIndex) {
                    value = references.units().codeOf((String) value, "org unit");
                } else if (i == procedureIndex) {
                    value = references.procedures().codeOf((String) value, "procedure of the catalogue");
                }
                values[i] = value;
            } catch (IllegalArgumentException e) {
                failed[i] = true;
                problems.add(new Problem(column.name(), text(cell), e.getMessage()));
            }
        }
        ParsedRow row = new ParsedRow(kind, cells, values, failed);
        kind.checkRow(row, references, problems);
        return row;
    }

    /**
     * The row's export time as {@link #parse} reads it (its last column), null when the row states none.
     *
     * @throws IllegalArgumentException when parse would find a problem with it, or would put a value
     *         of its own in its place
     */
    public Values.When exportedAt(Object[] cells) {
        int i = kind.columns.size() - 1;
        Column column = kind.columns.get(i);
        Object cell = cells[i];
        if (cell instanceof String s && Values.strip(s).isEmpty()) {
            cell = null;
        }
        if (cell == null) {
            cell = header.defaults()[i];
        }
        if (cell == null) {
            if (column.required() || column.whenEmpty() != null) {
                throw new IllegalArgumentException(column.name() + " is empty");
            }
            return null;
        }
        if (cell instanceof String s && s.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("too long");
        }
        if (!(read(i, column, cell) instanceof Values.When when)) {
            throw new IllegalArgumentException(column.name() + " is not a time");
        }
        if (FileKind.after(when, references.now(), true)) {
            throw new IllegalArgumentException(column.name() + " is after the moment of ingest");
        }
        return when;
    }

    private Object memoised(int index, Column column, String text) {
        Map<String, Object> known = memo[index];
        Object value = known.get(text);
        if (value == null) {
            value = read(index, column, text);
            if (known.size() < 1000) {
                known.put(text, value);
            }
        }
        return value;
    }

    private Object read(int index, Column column, Object cell) {
        if (cell instanceof Values.When when) {
            return switch (column.type()) {
                case INSTANT, DUE, DUE_WITH_DATE, DATE -> inRange(when);
                default -> read(index, column, text(cell));
            };
        }
        String text = Values.strip(cell.toString());
        Map<String, String> own = profileValues[index];
        if (own != null) {
            String mapped = own.get(Names.normalize(text));
            if (mapped != null) {
                text = mapped;
            }
        }
        return switch (column.type()) {
            case TEXT -> text;
            case INSTANT, DUE, DUE_WITH_DATE -> inRange(when(text));
            case DATE -> {
                Values.When when = inRange(when(text));
                if (!when.dateOnly()) {
                    throw new IllegalArgumentException("expected a date without time of day");
                }
                yield when;
            }
            case BOOLEAN -> {
                String code = column.enumValues().get(Names.normalize(text));
                yield code != null ? Boolean.parseBoolean(code) : Values.parseBoolean(text);
            }
            case INTEGER -> inRange(column, Values.parseInteger(text));
            case RATE -> {
                BigDecimal rate = Values.parseRate(text);
                yield rate;
            }
            case ENUM -> {
                String value = column.enumValues().get(Names.normalize(text));
                if (value == null) {
                    throw new IllegalArgumentException("'" + Texts.quote(text) + "' is none of " + column.allowedValues());
                }
                yield value;
            }
        };
    }

    /** SPEC §3's formats, else the source profile's date patterns. */
    private Values.When when(String text) {
        try {
            return Values.parseWhen(text);
        } catch (IllegalArgumentException e) {
            for (DateTimeFormatter pattern : profileDates) {
                try {
                    TemporalAccessor parsed = pattern.parseBest(text, LocalDateTime::from, LocalDate::from);
                    return parsed instanceof LocalDateTime time ? new Values.When(time, false)
                            : new Values.When(((LocalDate) parsed).atStartOfDay(), true);
                } catch (DateTimeParseException notThisOne) {
                    // the next pattern
                }
            }
            throw e;
        }
    }

    private static Values.When inRange(Values.When when) {
        if (when.local().isBefore(EARLIEST) || !when.local().isBefore(LATEST)) {
            throw new IllegalArgumentException("a date outside the years 2000–2099");
        }
        return when;
    }

    private static long inRange(Column column, long value) {
        long max = column.name().equals("amount") ? Long.MAX_VALUE : Integer.MAX_VALUE;
        if (value > max || (value < 0 && !column.name().equals("amount") && !column.name().equals("processing_days"))) {
            throw new IllegalArgumentException(value + " is out of the range of " + column.name() + " (0 to " + max + ")");
        }
        return value;
    }
}
