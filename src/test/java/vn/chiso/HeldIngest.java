package vn.chiso;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * An ingest caught in the middle: its run is registered (committed, STARTED, as ImportRuns does
 * first), then on a connection of its own a dossier is stored and the run marked STORED, and the
 * transaction is held open until {@link #commit()} — what another session sees meanwhile is what it
 * sees while a real ingest runs.
 */
public final class HeldIngest implements AutoCloseable {

    private final Connection connection;

    private HeldIngest(Connection connection) {
        this.connection = connection;
    }

    /** Stores one in-process dossier of agency {@code A}, procedure {@code P}, received 10/01/2024 09:00 (+07), not committed. */
    public static HeldIngest storing(DataSource dataSource, String dossierCode) throws SQLException {
        Connection connection = dataSource.getConnection();
        long runId;
        try (Statement statement = connection.createStatement()) {
            var rs = statement.executeQuery("""
                    INSERT INTO import_run (file_name, file_path, file_size, checksum, kind, status)
                    VALUES ('dossiers_held.csv', '/tmp/dossiers_held.csv', 1, 'held', 'DOSSIERS', 'STARTED') RETURNING id""");
            rs.next();
            runId = rs.getLong(1);
        }
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO dossier (dossier_code, procedure_code, agency_code, channel, received_at, due_at, due_date, status,
                                     exported_at, run_id, line)
                VALUES (?, 'P', 'A', 'DIRECT', '2024-01-10 09:00+07', '2024-01-15 17:00+07', '2024-01-15', 'IN_PROGRESS', now(), ?, 2)""");
             PreparedStatement stored = connection.prepareStatement(
                     "UPDATE import_run SET status = 'STORED', finished_at = now() WHERE id = ?")) {
            insert.setString(1, dossierCode);
            insert.setLong(2, runId);
            insert.executeUpdate();
            stored.setLong(1, runId);
            stored.executeUpdate();
        }
        return new HeldIngest(connection);
    }

    public void commit() throws SQLException {
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
        connection.close();
    }
}
