package vn.chiso.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/**
 * Writes rows in PostgreSQL's COPY text format. Instants are written with Vietnam's offset, so the
 * database stores them as the instants they are, whatever its own time zone.
 */
final class CopyRow {

    private final StringBuilder line = new StringBuilder(512);

    CopyRow start(long lineNumber) {
        line.setLength(0);
        line.append(lineNumber);
        return this;
    }

    CopyRow text(String value) {
        line.append('\t');
        if (value == null) {
            line.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
        return this;
    }

    CopyRow raw(String value) {
        line.append('\t').append(value == null ? "\\N" : value);
        return this;
    }

    CopyRow instant(LocalDateTime local) {
        if (local == null) {
            return raw(null);
        }
        line.append('\t');
        if (local.getYear() >= 1976) {
            appendLocal(local);
            line.append("+07");
        } else {
            // Vietnam's offset was not +07 throughout before 1976: let the zone rules decide.
            OffsetDateTime offset = local.atZone(Values.ZONE).toOffsetDateTime();
            line.append(offset);
        }
        return this;
    }

    CopyRow date(LocalDate date) {
        return raw(date == null ? null : date.toString());
    }

    CopyRow value(Column column, Object value) {
        if (value == null) {
            raw(null);
            if (column.type() == Column.Type.DUE_WITH_DATE) {
                raw(null);
            }
            return this;
        }
        return switch (column.type()) {
            case INSTANT -> instant(((Values.When) value).local());
            case DUE -> instant(dueInstant((Values.When) value));
            case DUE_WITH_DATE -> {
                Values.When when = (Values.When) value;
                instant(dueInstant(when));
                yield date(when.local().toLocalDate());
            }
            case DATE -> date(((Values.When) value).local().toLocalDate());
            case BOOLEAN -> raw(((Boolean) value) ? "t" : "f");
            case INTEGER -> raw(Long.toString((Long) value));
            case RATE -> raw(((BigDecimal) value).toPlainString());
            case TEXT, ENUM -> text((String) value);
        };
    }

    /** A due value with no time of day means the end of that day (SPEC §2): 24:00. */
    private static LocalDateTime dueInstant(Values.When when) {
        return when.dateOnly() ? when.local().plusDays(1) : when.local();
    }

    private void appendLocal(LocalDateTime t) {
        line.append(t.getYear()).append('-');
        two(t.getMonthValue()).append('-');
        two(t.getDayOfMonth()).append(' ');
        two(t.getHour()).append(':');
        two(t.getMinute()).append(':');
        two(t.getSecond());
        if (t.getNano() > 0) {
            line.append('.').append(String.format("%06d", t.getNano() / 1000));
        }
    }

    private StringBuilder two(int value) {
        if (value < 10) {
            line.append('0');
        }
        return line.append(value);
    }

    CopyRow end() {
        line.append('\n');
        return this;
    }

    CharSequence chars() {
        return line;
    }
}
