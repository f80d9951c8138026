package vn.chiso.facts;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import vn.chiso.ChisoProperties;
import vn.chiso.calendar.WorkCalendar;
import vn.chiso.calendar.WorkingHours;

/**
 * The {@link DossierFacts} of the stored calendar, procedures and configured office hours, and the
 * re-derivation of the stored dossiers whose facts were derived with another basis.
 */
@Component
public class StoredDossierFacts {

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final WorkingHours hours;
    private final Lateness lateness;

    StoredDossierFacts(JdbcTemplate jdbc, DataSource dataSource, ChisoProperties properties) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.hours = WorkingHours.parse(properties.calendar().workingHours(), properties.calendar().receiptCutOff());
        this.lateness = properties.lateness();
    }

    /** The configured {@code chiso.lateness}. */
    public Lateness lateness() {
        return lateness;
    }

    /** Reads the holidays and processing times as the current transaction sees them; lateness as configured. */
    public DossierFacts current() {
        return current(lateness);
    }

    /** As {@link #current()}, judging lateness as {@code lateness} says. */
    public DossierFacts current(Lateness lateness) {
        Set<LocalDate> holidays = new HashSet<>();
        Set<LocalDate> workdays = new HashSet<>();
        jdbc.query("SELECT day, kind FROM holiday", rs -> {
            (rs.getString(2).equals("WORKDAY") ? workdays : holidays).add(rs.getObject(1, LocalDate.class));
        });
        Map<String, Integer> days = new HashMap<>();
        jdbc.query("SELECT procedure_code, processing_days FROM procedure", rs -> {
            days.put(rs.getString(1), rs.getObject(2, Integer.class)); // null: unknown, yet an entry a code may name
        });
        return new DossierFacts(new WorkCalendar(holidays, workdays, hours), days, lateness);
    }

    /**
     * Derives again the facts of every stored dossier whose basis is not {@code facts}'s, in the
     * current transaction (or one of its own); returns how many. Rare and slow (every such row is rewritten): it follows a
     * new holidays or procedures file, or a change of office hours.
     */
    @Transactional
    public long refreshStale(DossierFacts facts) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Path spool = Files.createTempFile("chiso-facts-", ".tsv");
            try {
                long rows = spool(connection, facts, spool);
                if (rows > 0) {
                    update(connection, spool, facts.basis());
                }
                return rows;
            } finally {
                Files.deleteIfExists(spool);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot derive the dossiers' facts again: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Streams the stale dossiers through {@link DossierFacts#derive} into a COPY text file. */
    private static long spool(Connection connection, DossierFacts facts, Path spool) throws SQLException, IOException {
        long rows = 0;
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT dossier_code, procedure_code, channel, status,
                       submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', received_at AT TIME ZONE 'Asia/Ho_Chi_Minh',
                       due_at AT TIME ZONE 'Asia/Ho_Chi_Minh', due_date, completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh',
                       completed_date_only, apology_issued, digitized, data_reused, e_result, supplement_requests, paid_online
                FROM dossier WHERE fact_basis IS DISTINCT FROM ?""");
             Writer out = new BufferedWriter(Files.newBufferedWriter(spool, StandardCharsets.UTF_8))) {
            query.setInt(1, facts.basis());
            query.setFetchSize(10_000);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    DossierFacts.Derived derived = facts.derive(new DossierFacts.Dossier(rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getObject(5, LocalDateTime.class), rs.getObject(6, LocalDateTime.class),
                            rs.getObject(7, LocalDateTime.class), rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDateTime.class),
                            rs.getBoolean(10), rs.getBoolean(11), rs.getBoolean(12), rs.getBoolean(13), rs.getBoolean(14), rs.getLong(15),
                            rs.getBoolean(16)));
                    out.append(copyText(rs.getString(1))).append('\t').append(Integer.toString(derived.flags())).append('\t')
                            .append(value(derived.effectiveDue())).append('\t').append(value(derived.overdueAfter())).append('\t')
                            .append(value(derived.intakeMinutes())).append('\t')
                            .append(value(derived.dueWorkingMinute())).append('\t').append(value(derived.workingDaysLate())).append('\n');
                    rows++;
                }
            }
        }
        return rows;
    }

    private static void update(Connection connection, Path spool, int basis) throws SQLException, IOException {
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TEMP TABLE fact_update (dossier_code text COLLATE "C" PRIMARY KEY, flags int, effective_due_at timestamp,
                                                   overdue_after timestamp, intake_minutes int, due_working_minute bigint,
                                                   working_days_late int)
                    ON COMMIT DROP""");
        }
        try (Reader in = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY fact_update FROM STDIN", in);
        }
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    UPDATE dossier d SET flags = u.flags, effective_due_at = u.effective_due_at AT TIME ZONE 'Asia/Ho_Chi_Minh',
                           overdue_after = u.overdue_after AT TIME ZONE 'Asia/Ho_Chi_Minh', intake_minutes = u.intake_minutes, due_working_minute = u.due_working_minute,
                           working_days_late = u.working_days_late, fact_basis = %d
                    FROM fact_update u WHERE d.dossier_code = u.dossier_code""".formatted(basis));
            statement.execute("DROP TABLE fact_update");
        }
    }

    private static String value(Object value) {
        return value == null ? "\\N" : value.toString();
    }

    /** A text value as COPY's text format reads it. */
    private static String copyText(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
