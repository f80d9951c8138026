package vn.chiso.ingest;

import java.math.BigDecimal;
import java.util.List;

/** Reads the cells of one row into typed values, noting every cell that cannot be right. */
final class RowParser {

    private final FileKind kind;
    private final ProcessingTimes processingTimes;
    /** Enum labels and booleans repeat on every row: read each distinct spelling once. */
    private final java.util.Map<String, Object>[] memo;

    RowParser(FileKind kind, ProcessingTimes processingTimes) {
        this.kind = kind;
        this.processingTimes = processingTimes;
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object>[] maps = new java.util.Map[kind.columns.size()];
        for (int i = 0; i < maps.length; i++) {
            Column.Type type = kind.columns.get(i).type();
            if (type == Column.Type.ENUM || type == Column.Type.BOOLEAN) {
                maps[i] = new java.util.HashMap<>();
            }
        }
        this.memo = maps;
    }

    static String text(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Values.When when) {
            return when.dateOnly() ? when.local().toLocalDate().toString() : when.local().toString();
        }
        return cell.toString();
    }

    /** Parses {@code cells} (aligned with the kind's columns), adding to {@code problems}. */
    ParsedRow parse(Object[] cells, List<Problem> problems) {
        List<Column> columns = kind.columns;
        Object[] values = new Object[columns.size()];
        boolean[] failed = new boolean[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            Object cell = cells[i];
            if (cell instanceof String s && Values.strip(s).isEmpty()) {
                cell = null;
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
                    problems.add(new Problem(column.name(), "", column.name() + " is required but empty"));
                    failed[i] = true;
                }
                continue;
            }
            try {
                values[i] = memo[i] != null && cell instanceof String text ? memoised(i, column, text) : read(column, cell);
            } catch (IllegalArgumentException e) {
                failed[i] = true;
                problems.add(new Problem(column.name(), text(cell), e.getMessage()));
            }
        }
        ParsedRow row = new ParsedRow(kind, cells, values, failed);
        kind.checkRow(row, processingTimes, problems);
        return row;
    }

    private Object memoised(int index, Column column, String text) {
        java.util.Map<String, Object> known = memo[index];
        Object value = known.get(text);
        if (value == null) {
            value = read(column, text);
            if (known.size() < 1000) {
                known.put(text, value);
            }
        }
        return value;
    }

    private static Object read(Column column, Object cell) {
        if (cell instanceof Values.When when) {
            return switch (column.type()) {
                case INSTANT, DUE, DUE_WITH_DATE, DATE -> when;
                default -> read(column, text(cell));
            };
        }
        String text = Values.strip(cell.toString());
        return switch (column.type()) {
            case TEXT -> text;
            case INSTANT, DUE, DUE_WITH_DATE -> Values.parseWhen(text);
            case DATE -> {
                Values.When when = Values.parseWhen(text);
                if (!when.dateOnly()) {
                    throw new IllegalArgumentException("expected a date without time of day");
                }
                yield when;
            }
            case BOOLEAN -> Values.parseBoolean(text);
            case INTEGER -> Values.parseInteger(text);
            case RATE -> {
                BigDecimal rate = Values.parseRate(text);
                yield rate;
            }
            case ENUM -> {
                String value = column.enumValues().get(Names.normalize(text));
                if (value == null) {
                    throw new IllegalArgumentException("'" + text + "' is none of " + column.allowedValues());
                }
                yield value;
            }
        };
    }
}
