package vn.chiso.ingest.load;

/** Writes rows in PostgreSQL's COPY text format: the rejects, few and all text. */
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

    CopyRow end() {
        line.append('\n');
        return this;
    }

    CharSequence chars() {
        return line;
    }
}
