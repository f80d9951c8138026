package vn.chiso.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of a {@code CHISO_HOME}, whose data live in {@code CHISO_HOME/db} and survive
 * between runs. One process at a time runs it (zonky's lock, {@code db/epg-lock}) and records itself in
 * {@code CHISO_HOME/db.owner}. A command started while {@code ./chiso serve} runs it connects to that
 * running database and leaves it running when it ends (SPEC §7); beside any other holder, or as a
 * second serve, the start is refused with one line saying what to do. Started lazily, only when no
 * {@code CHISO_DB_URL} is configured. It listens on 127.0.0.1 only and asks every connection for the
 * password of {@code CHISO_HOME/db.password} ({@link DatabasePassword}); what PostgreSQL says goes to
 * {@code CHISO_HOME/db.log}, whose first fatal line tells a failed start.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /** How long a command waits for a database whose holder is still starting it (initdb, then PostgreSQL's start). */
    static final Duration WAIT_FOR_HOLDER = Duration.ofSeconds(30);

    private static final String LOCK_FILE = "epg-lock";

    static final String LOG_FILE = "db.log";

    /** The superuser, whose password the home keeps. */
    static final String USER = "postgres";

    /**
     * How long a start may take: the first one (initdb), or one after a crash of PostgreSQL itself, which
     * replays its log first. A start that fails says so in the log and is not waited for that long.
     */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    /**
     * The data directories this JVM runs. Asking the OS whether this JVM holds a lock would itself drop it:
     * closing any channel of a file releases every POSIX lock the process holds on it.
     */
    private static final Set<Path> RUNNING_HERE = ConcurrentHashMap.newKeySet();

    private final String command;
    private final Duration waitForHolder;
    private EmbeddedPostgres postgres;
    private Path home;
    private String password;
    private DatabaseOwner owner;
    /** The data directory this process tried to start a PostgreSQL on. */
    private Path tried;
    private Thread stopHook;
    private volatile boolean stopping;

    /** @param command the {@code ./chiso} command of this process: {@code serve} never shares another's database */
    EmbeddedDatabase(String command) {
        this(command, WAIT_FOR_HOLDER);
    }

    EmbeddedDatabase(String command, Duration waitForHolder) {
        this.command = command == null || command.isBlank() ? "?" : command;
        this.waitForHolder = waitForHolder;
    }

    /** The JDBC URL of the home's database: started here, or the one {@code ./chiso serve} runs. */
    synchronized String start(Path home) {
        Path data = home.resolve("db").toAbsolutePath().normalize();
        watchForStop();
        long deadline = System.nanoTime() + waitForHolder.toNanos();
        String notAnswering = null;
        while (true) {
            if (!lockedElsewhere(data)) {
                String url = startHere(home, data);
                if (url != null) {
                    return url;
                }
                // another process took the lock first: its database, then
            }
            Optional<DatabaseOwner> holder = DatabaseOwner.read(home).filter(DatabaseOwner::alive);
            if (holder.isPresent()) {
                DatabaseOwner other = holder.get();
                if (!other.serves() || DatabaseOwner.SERVE.equals(command)) {
                    throw new IllegalStateException(refusal(home, other));
                }
                String url = jdbcUrl(other.port());
                password = DatabasePassword.read(home).orElse(null);
                if (answers(url, password, data)) {
                    LOG.info("using the database of {} on port {}", other.describe(), other.port());
                    SharedDatabase.using(other, home);
                    return url;
                }
                notAnswering = other.describe() + " holds the embedded database of " + home + " but it does not answer on port "
                        + other.port() + "; restart serve, or stop it and run this again";
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(notAnswering != null ? notAnswering
                        : "the embedded database in " + data + " is in use by another process" + postmaster(data)
                                + "; run this again when it has ended");
            }
            if (stopping) {
                throw new IllegalStateException("stopped while waiting for the embedded database");
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** One line on why this process cannot use the database {@code other} runs, and what to do. */
    private String refusal(Path home, DatabaseOwner other) {
        if (other.serves()) {
            return other.describe() + " already runs on " + home + "; stop it first, or give this one another CHISO_HOME";
        }
        String then = DatabaseOwner.SERVE.equals(command) ? "start serve when it has finished"
                : "run this again when it has finished, or keep './chiso serve' running: commands run beside it share its database";
        return "the embedded database of " + home + " is in use by " + other.describe() + "; " + then;
    }

    /** Starts the database in this process; null when another process took its lock first. */
    private String startHere(Path home, Path data) {
        try {
            Files.createDirectories(data);
            ownedByThisUser(data);
            stopOrphan(data);
            removeCorruptPid(data);
            tried = data;
            boolean older = Files.exists(data.resolve("postgresql.conf")) && !DatabasePassword.required(data);
            String secret = DatabasePassword.readOrCreate(home);
            postgres = startPostgres(home, data, secret);
            if (postgres == null) {
                return null;
            }
            RUNNING_HERE.add(data);
            this.home = home;
            password = secret;
            if (older) {
                requirePassword(postgres.getPort(), secret, data);
            }
            owner = DatabaseOwner.self(command, postgres.getPort());
            owner.write(home);
            return jdbcUrl(postgres.getPort());
        } catch (IOException | SQLException | RuntimeException e) {
            if (e instanceof IllegalStateException && e.getCause() == null) {
                throw (IllegalStateException) e; // one line already
            }
            // no cause: the command prints the deepest cause's message, and this one says more
            throw new IllegalStateException("cannot start the embedded PostgreSQL in " + data + ": " + e.getMessage());
        }
    }

    /** The superuser's password, once {@link #start} has returned. */
    synchronized String password() {
        return password;
    }

    /**
     * An older home's database let every local user in as superuser ("trust"): its superuser is given the
     * home's password, then every connection must give it. The password goes hashed (SCRAM), never in clear
     * text through the server's statement log.
     */
    private static void requirePassword(int port, String password, Path data) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(port), USER, null);
             var statement = connection.createStatement()) {
            connection.unwrap(PGConnection.class).alterUserPassword(USER, password.toCharArray(), "scram-sha-256");
            DatabasePassword.requireIt(data);
            statement.execute("SELECT pg_reload_conf()");
        }
        LOG.warn("the embedded database of {} now asks for the password kept in {}", data.getParent(),
                DatabasePassword.file(data.getParent()));
    }

    /**
     * PostgreSQL refuses a data directory of another user, after a wait and in its own log: said here
     * first, in one line. Root runs PostgreSQL in a namespace of its own (zonky's {@code unshare}), where
     * every directory will do.
     */
    private static void ownedByThisUser(Path data) throws IOException {
        String user = System.getProperty("user.name");
        String owner = Files.getOwner(data).getName();
        if (!"root".equals(user) && !owner.equals(user)) {
            throw new IllegalStateException("the embedded database in " + data + " belongs to the user " + owner + ", not to "
                    + user + "; run chiso as " + owner + ", or give it another CHISO_HOME");
        }
    }

    /**
     * A {@code postmaster.pid} that names no PostgreSQL on this directory: cut short by a crash as it was
     * written (PostgreSQL would refuse its "bogus data"), or naming a process id since given to another
     * program (PostgreSQL would take that for a server still running).
     */
    private static void removeCorruptPid(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> named = postmasterPid(data).flatMap(ProcessHandle::of);
        boolean corrupt = postmasterPid(data).isEmpty();
        boolean reused = named.isPresent() && named.get().info().command().isPresent() && !runsOn(named.get(), data);
        if (corrupt || reused) {
            LOG.warn("removing {}, left by a PostgreSQL that ended abruptly ({})", pidFile,
                    corrupt ? "its content is cut short" : "its process id " + named.get().pid() + " now belongs to another program");
            Files.delete(pidFile);
        }
    }

    /**
     * zonky's start. One that fails after taking the lock (a stop signal while PostgreSQL starts, a start
     * that times out) may leave a PostgreSQL behind that nobody would stop: it is stopped here. One that
     * PostgreSQL refuses ends as soon as {@code pg_ctl} says so in the log, with its reason.
     */
    private static EmbeddedPostgres startPostgres(Path home, Path data, String password) throws IOException {
        Path log = home.resolve(LOG_FILE);
        ServerLog serverLog = ServerLog.from(log);
        ServerLog.StartWatch watch = new ServerLog.StartWatch(serverLog);
        try {
            EmbeddedPostgres started = builder(data)
                    .setLocaleConfig("auth", "scram-sha-256") // initdb's options too; after zonky's "-A trust", they win
                    .setLocaleConfig("pwfile", DatabasePassword.file(home).toString())
                    .setConnectConfig("password", password)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setPGStartupWait(START_TIMEOUT)
                    .start();
            if (watch.end()) {
                started.close();
                throw new IOException("PostgreSQL did not start");
            }
            return started;
        } catch (IOException | RuntimeException e) {
            watch.end();
            if (e instanceof OverlappingFileLockException || String.valueOf(e.getMessage()).startsWith("could not lock")) {
                return null;
            }
            if (holder(data) != Holder.OTHER_PROCESS) {
                stopOrphan(data);
            }
            Optional<String> reason = serverLog.firstProblem();
            if (reason.isPresent()) {
                throw new IOException(reason.get() + " (PostgreSQL's log: " + log + ")");
            }
            throw e;
        }
    }

    private static EmbeddedPostgres.Builder builder(Path data) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                    // Codes compare byte by byte (as UTF-8 code points, which C.UTF-8 also gives): building a
                    // million dossiers' key index took about 1.1 s under C.UTF-8 and 0.75 s under C.
                .setLocaleConfig("lc-collate", "C")
                .setServerConfig("timezone", "Asia/Ho_Chi_Minh")
                .setServerConfig("listen_addresses", "127.0.0.1") // not "localhost", which may be ::1 too, nor all interfaces
                    // Sized for bulk loads of a few million rows on a small machine.
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("wal_buffers", "16MB")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "15min")
                .setServerConfig("work_mem", "64MB")
                .setServerConfig("maintenance_work_mem", "256MB")
                    // zonky starts PostgreSQL with -F (fsync off), which its tests want and a province's data must
                    // not have: a power cut could then corrupt the stored dossiers. A later -c wins over -F.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "off")
                    // A first load copies into a table emptied in its own transaction: with minimal WAL,
                    // PostgreSQL writes those rows once instead of twice (no replication here to feed).
                .setServerConfig("wal_level", "minimal")
                .setServerConfig("max_wal_senders", "0")
                    // Those rows' files are synced at commit; asking the kernel to write them back as they
                    // are filled, rather than all at the end, took that commit from ~120 ms to ~50 ms for
                    // 1M dossiers.
                .setServerConfig("backend_flush_after", "1MB")
                    // An index build's workers share this machine's cores with its leader: on 2 cores, one
                    // worker built 1M dossiers' key in ~555 ms, two in ~635 ms.
                .setServerConfig("max_parallel_maintenance_workers", Integer.toString(maintenanceWorkers()));
    }

    /** PostgreSQL's default of 2, or fewer when the machine has fewer cores than workers plus leader. */
    static int maintenanceWorkers() {
        return Math.max(0, Math.min(2, Runtime.getRuntime().availableProcessors() - 1));
    }

    static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Whether the database at {@code url} is the one of the data directory (not another that took a freed port). */
    private static boolean answers(String url, String password, Path data) {
        Properties signIn = new Properties();
        signIn.setProperty("user", USER);
        if (password != null) {
            signIn.setProperty("password", password);
        }
        signIn.setProperty("connectTimeout", "5");
        try (Connection connection = DriverManager.getConnection(url, signIn);
             var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT current_setting('data_directory')")) {
            return rows.next() && Path.of(rows.getString(1)).toAbsolutePath().normalize().equals(data);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Who holds zonky's lock of a data directory. */
    enum Holder { NONE, THIS_PROCESS, OTHER_PROCESS }

    /** Whether another process, or another database of this JVM, holds zonky's lock of the data directory. */
    static boolean lockedElsewhere(Path data) {
        return RUNNING_HERE.contains(data) || holder(data) != Holder.NONE;
    }

    static Holder holder(Path data) {
        Path lock = data.resolve(LOCK_FILE);
        if (!Files.exists(lock)) {
            return Holder.NONE;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return Holder.OTHER_PROCESS;
            }
            held.release();
            return Holder.NONE;
        } catch (OverlappingFileLockException e) {
            return Holder.THIS_PROCESS;
        } catch (IOException e) {
            return Holder.NONE; // cannot tell: the start says what is wrong
        }
    }

    /** ", postmaster pid N" from PostgreSQL's own record in the data directory, when it has one. */
    private static String postmaster(Path data) {
        return postmasterPid(data).map(pid -> " (PostgreSQL pid " + pid + ")").orElse("");
    }

    private static Optional<Long> postmasterPid(Path data) {
        try (var lines = Files.lines(data.resolve("postmaster.pid"))) {
            return lines.findFirst().map(String::strip).map(Long::valueOf);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops a PostgreSQL still running on the data directory although no process holds its lock: the chiso
     * that started it was killed (kill -9, a crash) and nobody will stop it; it would keep this start from
     * starting one. Fast shutdown, as zonky stops its own.
     */
    private static void stopOrphan(Path data) {
        Optional<ProcessHandle> orphan = postmasterPid(data).flatMap(ProcessHandle::of).filter(p -> runsOn(p, data));
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = orphan.get();
        LOG.warn("stopping the PostgreSQL (pid {}) left running on {} by a chiso that ended abruptly", postmaster.pid(), data);
        Path pgCtl = Path.of(postmaster.info().command().orElseThrow()).resolveSibling("pg_ctl");
        try {
            boolean stopped = false;
            if (Files.isExecutable(pgCtl)) {
                Process stop = new ProcessBuilder(pgCtl.toString(), "-D", data.toString(), "stop", "-m", "fast", "-w", "-t", "30")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                stopped = stop.waitFor(40, TimeUnit.SECONDS) && stop.exitValue() == 0;
            }
            if (!stopped) { // pg_ctl refuses to run as root, for one: SIGTERM, PostgreSQL's smart shutdown
                postmaster.destroy();
            }
            postmaster.onExit().get(40, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("a PostgreSQL left running by an earlier chiso (pid " + postmaster.pid() + ") holds " + data
                    + " and did not stop; stop it (kill " + postmaster.pid() + ") and run this again");
        }
    }

    /** Whether the process is a PostgreSQL started on the data directory ({@code postgres -D DATA}), not one that took a freed pid. */
    private static boolean runsOn(ProcessHandle process, Path data) {
        boolean postgres = process.info().command().map(c -> c.endsWith("/postgres")).orElse(false);
        String[] arguments = process.info().arguments().orElse(new String[0]);
        for (int i = 0; postgres && i + 1 < arguments.length; i++) {
            if (arguments[i].equals("-D") && Path.of(arguments[i + 1]).toAbsolutePath().normalize().equals(data)) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded database");
        }
    }

    /**
     * A stop (Ctrl-C, kill) while PostgreSQL starts would otherwise leave it running with nobody to stop
     * it: zonky's own stop is registered only once its start is well under way, and a Ctrl-C also ends the
     * pg_ctl that waits for it. This hook waits for the start to end, then stops what it started.
     */
    private void watchForStop() {
        if (stopHook != null) {
            return;
        }
        stopHook = new Thread(() -> {
            stopping = true;
            synchronized (this) {
                try {
                    if (postgres != null) {
                        close();
                    } else if (tried != null && holder(tried) != Holder.OTHER_PROCESS) {
                        stopOrphan(tried);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("could not stop the embedded PostgreSQL: {}", e.getMessage());
                }
            }
        }, "chiso-embedded-db-stop");
        try {
            Runtime.getRuntime().addShutdownHook(stopHook);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("stopped before the embedded database was started");
        }
    }

    /** Stops the database if this process started it; a shared one is left running for its owner. */
    @Override
    public synchronized void close() throws IOException {
        if (stopHook != null && !stopping) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopHook);
            } catch (IllegalStateException e) {
                // the JVM is stopping: the hook runs, and finds nothing left to stop
            }
            stopHook = null;
        }
        if (postgres == null) {
            return;
        }
        try {
            if (owner != null) {
                owner.remove(home); // first, so that no command starts to use a database that is stopping
            }
            postgres.close();
        } finally {
            RUNNING_HERE.remove(home.resolve("db").toAbsolutePath().normalize());
            postgres = null;
        }
    }
}
