package vn.chiso.ingest.load;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The indexes of an empty stored table, dropped before a file's rows are copied into it and built
 * again afterwards, under the same names and definitions as the catalog gives them: the primary key
 * and any other key or plain index, whatever migration added it.
 * <p>
 * Why: a binary COPY into a table with its primary key takes about twice as long as one without it,
 * PostgreSQL maintaining the btree row by row, and building the key afterwards costs less than the
 * difference (docs/performance.md). A table that holds rows already keeps its indexes: rebuilding them whole for a small
 * nightly file would cost more than it saves. A partial index (dossier_late, dossier_open: a few
 * rows in a hundred) stays too: adding its few rows costs less than a build's pass over every row.
 * <p>
 * The table's ACCESS EXCLUSIVE lock, which dropping an index takes anyway, is taken before the table
 * is found empty, so that no other ingest inserts between that check and the rebuild; a weaker lock
 * first would have to be raised later, a deadlock between two first ingests waiting to happen. Until
 * the transaction ends nothing else writes or reads the table. Called inside a savepoint, rolling
 * back to it brings the indexes back and releases the lock.
 */
public final class TableIndexes {

    /** For a table whose indexes were left in place. */
    static final TableIndexes NONE = new TableIndexes("", List.of(), List.of());
    /** Enough to sort a million keys in memory while the indexes are built. */
    private static final String BUILD_MEMORY = "256MB";

    private final String table;
    /** {@code ADD CONSTRAINT} clauses of the keys: their name and definition. */
    private final List<String> constraints;
    /** {@code CREATE INDEX} statements of the indexes that back no key. */
    private final List<String> indexes;

    private TableIndexes(String table, List<String> constraints, List<String> indexes) {
        this.table = table;
        this.constraints = constraints;
        this.indexes = indexes;
    }

    /**
     * Drops the indexes of {@code table} when it is empty, holding it locked until the transaction
     * ends, and returns them for {@link #recreate}; else leaves them, and returns {@link #NONE}. A
     * table another one's foreign key refers to keeps its indexes: its key cannot be dropped.
     */
    public static TableIndexes dropIfEmpty(Connection connection, String table) throws SQLException {
        if (!isEmpty(connection, table) || referenced(connection, table)) {
            return NONE;
        }
        Savepoint beforeLock = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            if (!isEmpty(connection, table)) { // another ingest stored rows before the lock
                connection.rollback(beforeLock); // releases the lock: the table's writers go on as before
                return NONE;
            }
            // Empty already; truncated, its rows go to a new file, which a server with minimal WAL
            // (the embedded one) then writes without logging each row.
            statement.execute("TRUNCATE " + table);
            List<String> dropConstraints = new ArrayList<>();
            List<String> constraints = new ArrayList<>();
            try (ResultSet keys = statement.executeQuery("""
                    SELECT quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint
                    WHERE conrelid = '%s'::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname
                    """.formatted(table))) {
                while (keys.next()) {
                    dropConstraints.add("ALTER TABLE " + table + " DROP CONSTRAINT " + keys.getString(1));
                    constraints.add(keys.getString(1) + " " + keys.getString(2));
                }
            }
            List<String> dropIndexes = new ArrayList<>();
            List<String> indexes = new ArrayList<>();
            try (ResultSet plain = statement.executeQuery("""
                    SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
                    WHERE i.indrelid = '%s'::regclass AND i.indpred IS NULL
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
                    ORDER BY 1
                    """.formatted(table))) {
                while (plain.next()) {
                    dropIndexes.add("DROP INDEX " + plain.getString(1));
                    indexes.add(plain.getString(2));
                }
            }
            for (String drop : dropConstraints) {
                statement.execute(drop);
            }
            for (String drop : dropIndexes) {
                statement.execute(drop);
            }
            connection.releaseSavepoint(beforeLock);
            return new TableIndexes(table, constraints, indexes);
        }
    }

    /** Builds the dropped indexes again; a key the rows repeat fails here, as the COPY would have with the index in place. */
    public void recreate(Connection connection) throws SQLException {
        if (constraints.isEmpty() && indexes.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(SessionMemory.atLeast("maintenance_work_mem", BUILD_MEMORY));
            for (String constraint : constraints) {
                statement.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + constraint);
            }
            for (String index : indexes) {
                statement.execute(index);
            }
        }
    }

    static boolean isEmpty(Connection connection, String table) throws SQLException {
        return ask(connection, "SELECT NOT EXISTS (SELECT 1 FROM " + table + ")");
    }

    private static boolean referenced(Connection connection, String table) throws SQLException {
        return ask(connection, "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE confrelid = '" + table + "'::regclass AND contype = 'f')");
    }

    private static boolean ask(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            return result.next() && result.getBoolean(1);
        }
    }
}
