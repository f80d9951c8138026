package vn.chiso.db;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * The process that started the embedded PostgreSQL of a {@code CHISO_HOME}, as it records itself in
 * {@code CHISO_HOME/db.owner} for as long as it runs that database: a command started beside it reads
 * here which command holds the database and on which port, to share it or to name it.
 *
 * @param command the {@code ./chiso} command of that process ({@code serve}, {@code ingest}, …)
 * @param pid     its process id
 * @param port    the port its PostgreSQL listens on, on localhost
 * @param startedAt when its process started, which tells it from a later one given the same id; null in
 *                an older home's record
 */
record DatabaseOwner(String command, long pid, int port, Instant startedAt) {

    static final String FILE = "db.owner";

    static final String SERVE = "serve";

    /** This process, owner of the database on {@code port}. */
    static DatabaseOwner self(String command, int port) {
        OwningProcess self = OwningProcess.current();
        return new DatabaseOwner(command, self.pid(), port, self.startedAt());
    }

    /** Whether the owner is {@code ./chiso serve}, which runs until stopped and lets commands share its database. */
    boolean serves() {
        return SERVE.equals(command);
    }

    /** Whether its process still runs: a kill -9 leaves this record behind, and its process id may since be another's. */
    boolean alive() {
        return !new OwningProcess(pid, OwningProcess.thisMachine(), startedAt).ended();
    }

    /** How a user knows it: {@code './chiso ingest' (pid 1234)}. */
    String describe() {
        return "'./chiso " + command + "' (pid " + pid + ")";
    }

    /** Replaces the home's record, whole: a reader never sees half of it. */
    void write(Path home) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("command", command);
        properties.setProperty("pid", Long.toString(pid));
        properties.setProperty("port", Integer.toString(port));
        if (startedAt != null) {
            properties.setProperty("started", startedAt.toString());
        }
        Path fresh = home.resolve(FILE + "." + pid + ".tmp");
        try (Writer writer = Files.newBufferedWriter(fresh, StandardCharsets.UTF_8)) {
            properties.store(writer, "the process that runs the embedded PostgreSQL of this CHISO_HOME");
        }
        Files.move(fresh, home.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The home's record, if there is a readable one; a stale one (its process gone) too. */
    static Optional<DatabaseOwner> read(Path home) {
        Path file = home.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            String started = properties.getProperty("started");
            return Optional.of(new DatabaseOwner(properties.getProperty("command", "?"),
                    Long.parseLong(properties.getProperty("pid", "")), Integer.parseInt(properties.getProperty("port", "")),
                    started == null ? null : Instant.parse(started)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // being replaced, or not ours: as if absent
        }
    }

    /** Removes the home's record if it is this one's (not a later owner's). */
    void remove(Path home) throws IOException {
        if (read(home).filter(this::equals).isPresent()) {
            Files.deleteIfExists(home.resolve(FILE));
        }
    }
}
