package vn.chiso.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * What the embedded PostgreSQL (and its {@code initdb}, {@code pg_ctl}) wrote to {@code CHISO_HOME/db.log}
 * since a start began: its first fatal line is the one-line reason of a failed start.
 *
 * @param file the log
 * @param from its length when the start began
 */
record ServerLog(Path file, long from) {

    /** A log past this is set aside as {@code db.log.1} when the next start begins, replacing the one before. */
    private static final long KEPT = 16L << 20;

    /** Reads no more than this of a start's lines. */
    private static final int READ = 1 << 20;

    /** The log of a start beginning now. */
    static ServerLog from(Path file) {
        try {
            if (Files.size(file) > KEPT) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
                return new ServerLog(file, 0);
            }
            return new ServerLog(file, Files.size(file));
        } catch (IOException e) {
            return new ServerLog(file, 0); // none yet
        }
    }

    /**
     * Whether the start cannot succeed: {@code pg_ctl} gave up (PostgreSQL ended as it started, and says why
     * above), or PostgreSQL runs but refuses the home's password.
     */
    boolean startFailed() {
        String since = since();
        return since.contains("pg_ctl: could not start server") || since.contains("password authentication failed");
    }

    /**
     * PostgreSQL's first FATAL or PANIC line since the start began ("lock file … already exists"), or initdb's
     * error; one that says a configuration file "contains errors" with the line logged above it, which names
     * the setting.
     */
    Optional<String> firstProblem() {
        String above = null;
        for (String line : since().split("\n")) {
            for (String marker : new String[] {"FATAL:", "PANIC:", "initdb: error:", "LOG:"}) {
                int at = line.indexOf(marker);
                if (at < 0) {
                    continue;
                }
                String text = line.substring(at + marker.length()).strip();
                if (marker.equals("LOG:")) {
                    above = text;
                } else if (!text.isEmpty()) {
                    return Optional.of(text.endsWith("contains errors") && above != null ? text + ": " + above : text);
                }
                break;
            }
        }
        return Optional.empty();
    }

    private String since() {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(Math.min(from, Files.size(file)));
            return new String(in.readNBytes(READ), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Ends a start that PostgreSQL refused as soon as its log says so: zonky would otherwise try to connect
     * until its timeout, minutes meant for a slow start. Its wait ends when its thread is interrupted.
     */
    static final class StartWatch {

        private final Thread starter = Thread.currentThread();
        private final Thread watcher;
        private boolean ended;
        private boolean refused;

        StartWatch(ServerLog log) {
            watcher = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    if (log.startFailed()) {
                        refuse();
                        return;
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "chiso-embedded-db-start");
            watcher.setDaemon(true);
            watcher.start();
        }

        private synchronized void refuse() {
            if (!ended) {
                refused = true;
                starter.interrupt();
            }
        }

        /** Stops watching; whether PostgreSQL refused to start. The interrupt that ended zonky's wait is cleared. */
        synchronized boolean end() {
            ended = true;
            watcher.interrupt();
            if (refused) {
                Thread.interrupted();
            }
            return refused;
        }
    }
}
