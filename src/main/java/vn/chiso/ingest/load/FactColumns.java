package vn.chiso.ingest.load;

import vn.chiso.ingest.check.FileKind;
import vn.chiso.ingest.check.ParsedRow;
import vn.chiso.ingest.read.Values;

import java.time.LocalDate;
import java.time.LocalDateTime;

import vn.chiso.db.BinaryRows;
import vn.chiso.facts.DossierFacts;
import vn.chiso.facts.MonthCounts;

/**
 * Derives a dossier row's {@link DossierFacts} while the row is read and writes them after its
 * stored columns, so a stored dossier is ready to be counted without a pass of its own.
 */
final class FactColumns {

    private final DossierFacts facts;
    private final int procedure;
    private final int channel;
    private final int status;
    private final int submitted;
    private final int received;
    private final int due;
    private final int completed;
    private final int apology;
    private final int digitized;
    private final int dataReused;
    private final int eResult;
    private final int supplements;
    private final int agency;
    private final int officer;
    private final int paidOnline;
    /** Where the stored rows are counted by month, or null. */
    private MonthCounts months;

    FactColumns(DossierFacts facts) {
        FileKind kind = FileKind.DOSSIERS;
        this.facts = facts;
        this.procedure = kind.indexOf("procedure_code");
        this.channel = kind.indexOf("channel");
        this.status = kind.indexOf("status");
        this.submitted = kind.indexOf("submitted_at");
        this.received = kind.indexOf("received_at");
        this.due = kind.indexOf("due_at");
        this.completed = kind.indexOf("completed_at");
        this.apology = kind.indexOf("apology_issued");
        this.digitized = kind.indexOf("digitized");
        this.dataReused = kind.indexOf("data_reused");
        this.eResult = kind.indexOf("e_result");
        this.supplements = kind.indexOf("supplement_requests");
        this.agency = kind.indexOf("agency_code");
        this.officer = kind.indexOf("officer");
        this.paidOnline = kind.indexOf("paid_online");
    }

    int basis() {
        return facts.basis();
    }

    /** Counts every row written from now on into {@code months} (null: into none). */
    void countInto(MonthCounts months) {
        this.months = months;
    }

    void write(BinaryRows rows, ParsedRow row) {
        Object[] v = row.values;
        Values.When dueWhen = (Values.When) v[due];
        // A due date without a time of day is the end of that day (as stored: 24:00), early against the day itself.
        LocalDateTime dueAt = dueWhen == null ? null
                : dueWhen.dateOnly() ? dueWhen.local().toLocalDate().plusDays(1).atStartOfDay() : dueWhen.local();
        LocalDate dueDate = dueWhen == null ? null : dueWhen.local().toLocalDate();
        Values.When completedWhen = (Values.When) v[completed];
        boolean completedDateOnly = completedWhen != null && completedWhen.dateOnly();
        DossierFacts.Derived derived = facts.derive(new DossierFacts.Dossier((String) v[procedure], (String) v[channel],
                (String) v[status], local(v[submitted]), local(v[received]), dueAt, dueDate, local(v[completed]),
                completedDateOnly, isTrue(v[apology]), isTrue(v[digitized]), isTrue(v[dataReused]), isTrue(v[eResult]),
                v[supplements] == null ? 0 : (Long) v[supplements], isTrue(v[paidOnline])));
        if (months != null) {
            months.add((String) v[agency], (String) v[procedure], (String) v[officer], local(v[received]),
                    local(v[completed]), derived.overdueAfter(), derived.flags());
        }
        rows.bool(completedDateOnly);
        rows.int4(derived.flags());
        instant(rows, derived.effectiveDue());
        instant(rows, derived.overdueAfter());
        integer(rows, derived.intakeMinutes());
        if (derived.dueWorkingMinute() == null) {
            rows.nul();
        } else {
            rows.int8(derived.dueWorkingMinute());
        }
        integer(rows, derived.workingDaysLate());
        rows.int4(facts.basis());
    }

    private static void instant(BinaryRows rows, LocalDateTime value) {
        if (value == null) {
            rows.nul();
        } else {
            rows.instant(value);
        }
    }

    private static void integer(BinaryRows rows, Integer value) {
        if (value == null) {
            rows.nul();
        } else {
            rows.int4(value);
        }
    }

    private static LocalDateTime local(Object when) {
        return when == null ? null : ((Values.When) when).local();
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value);
    }
}
