package vn.chiso.db;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A chiso process that holds something while it runs (the embedded database, an import run): enough to
 * tell later, from another process, whether it still runs. A process id alone would do neither: the id
 * of a process that ended is given to the next, and another machine's ids (a PostgreSQL shared by several)
 * mean nothing here.
 *
 * @param pid       its process id
 * @param machine   the machine and boot it ran in ({@link #thisMachine()})
 * @param startedAt when its process started, which tells it from a later process given the same id
 */
public record OwningProcess(long pid, String machine, Instant startedAt) {

    /** Start times read from the OS are rounded differently by the JDK and {@code ps}; a second apart is the same start. */
    private static final Duration SAME_START = Duration.ofSeconds(1);

    private static final String MACHINE = readMachine();

    /** This process. */
    public static OwningProcess current() {
        ProcessHandle self = ProcessHandle.current();
        return new OwningProcess(self.pid(), MACHINE, self.info().startInstant().orElse(null));
    }

    /**
     * The machine and boot this process runs in, and where process ids mean the same: on Linux its boot id
     * and its PID namespace (two containers on one kernel share the boot but not the ids); elsewhere the
     * host name.
     */
    public static String thisMachine() {
        return MACHINE;
    }

    private static String readMachine() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip() + " "
                    + Files.readSymbolicLink(Path.of("/proc/self/ns/pid"));
        } catch (IOException | RuntimeException | LinkageError e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException | RuntimeException hostUnknown) {
                return "?";
            }
        }
    }

    /** Whether its process ids can be checked here: it ran on this machine, since its last boot. */
    public boolean onThisMachine() {
        return MACHINE.equals(machine);
    }

    /** Whether it ran on this machine and no longer runs: no process has its id, or the one that has it started later. */
    public boolean ended() {
        if (!onThisMachine()) {
            return false;
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(process -> startedAt != null && process.info().startInstant()
                        .map(start -> Duration.between(start, startedAt).abs().compareTo(SAME_START) > 0).orElse(false))
                .orElse(true);
    }
}
