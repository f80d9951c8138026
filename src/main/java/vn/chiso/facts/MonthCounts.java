package vn.chiso.facts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import vn.chiso.facts.DossierFacts.Flag;
import vn.chiso.db.BinaryRows;
import vn.chiso.calendar.ReportingWindow;

/**
 * A dossier file's rows counted by reporting month as they are read ({@link MonthCube}), to be
 * added to the month rows when they are stored, so that the first computation after a load need not
 * build them. Gives up past a number of distinct month rows, so that memory stays bounded: the next
 * computation then builds the months from the stored dossiers.
 */
public final class MonthCounts {

    private static final int[] SET = MonthCube.COUNTS.stream().mapToInt(c -> c.flags().set()).toArray();
    private static final int[] TESTED = MonthCube.COUNTS.stream().mapToInt(c -> c.flags().set() | c.flags().clear()).toArray();
    private static final int SETTLED = Flag.SETTLED.bit();
    private static final int LATE = Flag.LATE.bit();
    private static final int NOT_RECEIVED = Flag.NOT_RECEIVED.bit();

    /** agency → procedure → officer → its month rows: a few thousand grains, found without allocating. */
    private final Map<String, Map<String, Map<String, Grain>>> grains = new HashMap<>();
    private final List<Grain> all = new ArrayList<>();
    private final int limit;
    private int rows;
    private boolean overflowed;

    public MonthCounts(int limit) {
        this.limit = limit;
    }

    /** What {@code dossier_month_state} said before an ingest changed the dossiers. */
    public record State(boolean current, Integer basis, long version) {

        public static State read(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT current, basis, version FROM dossier_month_state")) {
                row.next();
                return new State(row.getBoolean(1), (Integer) row.getObject(2), row.getLong(3));
            }
        }

        /** Whether the month rows said what the dossiers said, with facts of this basis. */
        public boolean currentWith(int basis) {
            return current && this.basis != null && this.basis == basis;
        }

        /** Whether the dossiers changed since this state only by the current transaction: the version moved once. */
        public boolean changedOnlyByThisTransaction(Connection connection) throws SQLException {
            return read(connection).version() == version + 1;
        }
    }

    /** Counts one stored dossier; {@code overdueAfter} as its facts give it; times are Vietnamese wall-clock times. */
    public void add(String agency, String procedure, String officer, LocalDateTime received, LocalDateTime completed,
             LocalDateTime overdueAfter, int flags) {
        boolean settled = (flags & SETTLED) != 0;
        if (overflowed || settled && completed == null || received == null || (flags & NOT_RECEIVED) != 0) {
            return; // in no window, as IndicatorSql.GRAIN reads them
        }
        int receivedMonth = MonthCube.monthOf(asStored(received));
        int settledMonth = settled ? MonthCube.monthOf(asStored(completed)) : MonthCube.NEVER;
        int dueMonth = overdueAfter == null || settled && (flags & LATE) == 0 ? MonthCube.NEVER : MonthCube.monthOf(asStored(overdueAfter));
        if (beforeYear1(received) || beforeYear1(completed) || beforeYear1(overdueAfter)) {
            giveUp(); // Java's year 0 is PostgreSQL's 1 BC, whose months it numbers otherwise: the next computation builds them
            return;
        }
        Grain grain = grain(agency, procedure, officer == null ? "" : officer);
        int at = grain.find(receivedMonth, settledMonth, dueMonth);
        if (at < 0) {
            if (++rows > limit) {
                giveUp();
                return;
            }
            at = grain.add(receivedMonth, settledMonth, dueMonth);
        }
        int[] slots = grain.slots;
        for (int i = 0; i < SET.length; i++) {
            slots[at + i] += (flags & TESTED[i]) == SET[i] ? 1 : 0;
        }
    }

    /**
     * The wall-clock time the stored instant reads as ({@link BinaryRows#instant}): before 1976 the zone's
     * rules decide, and a time its clocks skipped (14/03/1945 23:00-24:00) is stored an hour later.
     */
    private static LocalDateTime asStored(LocalDateTime local) {
        return local.getYear() >= 1976 ? local : local.atZone(ReportingWindow.ZONE).toLocalDateTime();
    }

    private static boolean beforeYear1(LocalDateTime time) {
        return time != null && time.getYear() < 1;
    }

    private Grain grain(String agency, String procedure, String officer) {
        Map<String, Map<String, Grain>> byProcedure = grains.get(agency);
        if (byProcedure == null) {
            grains.put(agency, byProcedure = new HashMap<>());
        }
        Map<String, Grain> byOfficer = byProcedure.get(procedure);
        if (byOfficer == null) {
            byProcedure.put(procedure, byOfficer = new HashMap<>());
        }
        Grain grain = byOfficer.get(officer);
        if (grain == null) {
            byOfficer.put(officer, grain = new Grain(agency, procedure, officer));
            all.add(grain);
        }
        return grain;
    }

    private void giveUp() {
        overflowed = true;
        grains.clear();
        all.clear();
    }

    /**
     * Adds the counted rows to the month rows and marks them current with facts of {@code basis}, in
     * the ingest's transaction, after its rows are stored: when the table of dossiers was empty before
     * them ({@code emptied}), or when the month rows were current ({@code before}) and the ingest's
     * statement is the only change of the dossiers since. Else leaves them out of date, for the next
     * computation to build again. Returns whether it added them.
     */
    public boolean store(Connection connection, boolean emptied, State before, int basis) throws SQLException {
        if (overflowed) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            String target = "dossier_month";
            if (emptied) {
                statement.execute("TRUNCATE dossier_month");
            } else if (!before.currentWith(basis) || !before.changedOnlyByThisTransaction(connection)) {
                return false;
            } else { // added through a delta, so that each key keeps one row
                target = "month_delta";
                statement.execute("CREATE TEMP TABLE month_delta (LIKE dossier_month) ON COMMIT DROP");
            }
            copyInto(connection, target);
            if (!emptied) {
                MonthCube.addDelta(statement);
                statement.execute("DROP TABLE month_delta");
            }
            try (PreparedStatement markCurrent = connection.prepareStatement(MonthCube.MARK_CURRENT)) {
                markCurrent.setInt(1, basis);
                markCurrent.execute();
            }
            return true;
        }
    }

    /** Whether too many month rows were counted to keep: then none is. */
    public boolean overflowed() {
        return overflowed;
    }

    /** Copies the counted rows into {@code table} (with dossier_month's columns); returns how many. */
    public long copyInto(Connection connection, String table) throws SQLException {
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + MonthCube.COLUMNS + ") FROM STDIN (FORMAT binary)");
        try {
            BinaryRows out = new BinaryRows().header();
            int fields = MonthCube.KEY.size() + MonthCube.COUNTS.size();
            for (Grain grain : all) {
                int[] slots = grain.slots;
                for (int at = 0; at < slots.length; at += Grain.STRIDE) {
                    if (slots[at] == 0) {
                        continue;
                    }
                    out.row(fields).text(grain.agency).text(grain.procedure).text(grain.officer);
                    for (int i = at; i < at + Grain.STRIDE; i++) { // the months, then the counts
                        out.int4(slots[i]);
                    }
                    out.sendWhenFull(in);
                }
            }
            out.finish(in);
            return in.getHandledRowCount();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /**
     * The month rows of one grain, by open addressing in one array, a row's months beside its counts
     * (so that counting a dossier reads one or two cache lines): per slot, the received, settled and
     * due months, then the counts; a received month of 0 marks a free slot (a month is at least 13).
     */
    private static final class Grain {
        static final int STRIDE = 3 + SET.length;
        final String agency;
        final String procedure;
        final String officer;
        int[] slots = new int[16 * STRIDE];
        int size;

        Grain(String agency, String procedure, String officer) {
            this.agency = agency;
            this.procedure = procedure;
            this.officer = officer;
        }

        int capacity() {
            return slots.length / STRIDE;
        }

        /** Where the counts of these months start in {@link #slots}, or -1 for months not counted yet. */
        int find(int received, int settled, int due) {
            int mask = capacity() - 1;
            for (int slot = slot(received, settled, due, mask); ; slot = slot + 1 & mask) {
                int at = slot * STRIDE;
                if (slots[at] == 0) {
                    return -1;
                }
                if (slots[at] == received && slots[at + 1] == settled && slots[at + 2] == due) {
                    return at + 3;
                }
            }
        }

        int add(int received, int settled, int due) {
            if (2 * (size + 1) > capacity()) {
                grow();
            }
            size++;
            return put(slots, received, settled, due);
        }

        private static int put(int[] slots, int received, int settled, int due) {
            int mask = slots.length / STRIDE - 1;
            int slot = slot(received, settled, due, mask);
            while (slots[slot * STRIDE] != 0) {
                slot = slot + 1 & mask;
            }
            int at = slot * STRIDE;
            slots[at] = received;
            slots[at + 1] = settled;
            slots[at + 2] = due;
            return at + 3;
        }

        private void grow() {
            int[] grown = new int[slots.length * 2];
            for (int at = 0; at < slots.length; at += STRIDE) {
                if (slots[at] != 0) {
                    int to = put(grown, slots[at], slots[at + 1], slots[at + 2]);
                    System.arraycopy(slots, at + 3, grown, to, SET.length);
                }
            }
            slots = grown;
        }

        private static int slot(int received, int settled, int due, int mask) {
            long key = (long) received << 42 ^ (long) settled << 21 ^ due;
            return (int) (key * 0x9E3779B97F4A7C15L >>> 32) & mask;
        }
    }
}
