package vn.chiso.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.facts.StoredDossierFacts;
import vn.chiso.facts.MonthCounts;

/**
 * A dossier file stored straight into the stored table counts its rows by reporting month as it
 * reads them (vn.chiso.facts.MonthCube), so that the first computation after a load need not
 * count them; those counts must be exactly what building the months from the stored dossiers gives.
 */
class MonthCountsTest extends IngestTest {

    private static final Path SAMPLE = Path.of("sample-data");

    @Autowired
    TransactionTemplate transaction;
    @Autowired
    StoredDossierFacts storedFacts;

    @Test
    @Tag("slow") // the sample province's commune dossiers, ingested twice
    void theMonthsEachIngestAddsAreTheMonthsBuiltFromTheStoredDossiers() throws Exception {
        ingest(SAMPLE.resolve("agencies.csv"), SAMPLE.resolve("procedures.csv"), SAMPLE.resolve("holidays.csv"));

        // into the empty table: the months are the file's counts alone
        assertThat(ingestOne(SAMPLE.resolve("dossiers_xa.csv")).ok()).isTrue();
        assertThat(monthsCurrent()).isTrue();
        assertThat(monthRows()).isEqualTo(rebuiltMonthRows()).isNotEmpty();

        // other dossiers (the same rows under other codes), added to stored ones: their counts are added to the months
        Path others = Files.createTempDirectory("chiso-").resolve("dossiers_xa_khac.csv");
        try (var lines = Files.lines(SAMPLE.resolve("dossiers_xa.csv"))) {
            Files.write(others, lines.map(line -> line.replaceFirst("^H94\\.", "H95.")).toList());
        }
        List<String> firstFile = monthRows();
        assertThat(ingestOne(others).ok()).isTrue();
        assertThat(monthsCurrent()).isTrue();
        List<String> added = monthRows();
        assertThat(added).isNotEqualTo(firstFile).isEqualTo(rebuiltMonthRows());

        // a file repeating a code goes through the merge, which takes out what it replaces and adds what it stores
        IngestService.FileResult repeated = ingestOne(SAMPLE.resolve("dossiers_so_nganh.csv"));
        assertThat(repeated.ok()).as("%s", repeated.problem()).isTrue();
        assertThat(monthsCurrent()).isTrue();
        List<String> merged = monthRows();
        assertThat(merged).isNotEqualTo(added).isEqualTo(rebuiltMonthRows());

        // a newer export of stored dossiers (statuses, completions and due dates changed) too
        assertThat(ingestOne(SAMPLE.resolve("dossiers_capnhat.csv")).ok()).isTrue();
        assertThat(monthsCurrent()).isTrue();
        assertThat(monthRows()).isNotEqualTo(merged).isEqualTo(rebuiltMonthRows());
        assertThat(count("SELECT count(*) FROM dossier_month")).as("one row per key")
                .isEqualTo(count("SELECT count(*) FROM (SELECT DISTINCT agency_code, procedure_code, officer, received_month, settled_month, due_month FROM dossier_month) k"));

        // a new holidays file changes the facts' basis: the months, counted with the old one, are not current with
        // the new one after the next ingest (which stores no change), and the next computation builds them
        jdbc.update("INSERT INTO holiday (day, kind, exported_at, run_id, line) VALUES ('2024-06-03', 'HOLIDAY', now(), 1, 1)");
        assertThat(ingestOne(SAMPLE.resolve("dossiers_capnhat.csv")).ok()).isTrue();
        assertThat(jdbc.queryForObject("SELECT current AND basis IS NOT DISTINCT FROM ? FROM dossier_month_state", Boolean.class,
                storedFacts.current().basis())).isFalse();
        engine.compute(ReportingWindow.parse("2025-Q2"));
        assertThat(monthsCurrent()).isTrue();
    }

    @Test
    void aRefusedFileLeavesTheMonthsAsTheyWere() throws Exception {
        ingest(SAMPLE.resolve("agencies.csv"), SAMPLE.resolve("procedures.csv"), SAMPLE.resolve("holidays.csv"));
        assertThat(ingestOne(SAMPLE.resolve("dossiers_xa.csv")).ok()).isTrue();
        List<String> before = monthRows();

        // two new dossiers and six with unreadable receipt times: most of the file rejected, so all of it refused
        String header = "dossier_code,procedure_code,agency_code,channel,received_at,due_at,status,exported_at\n";
        StringBuilder rows = new StringBuilder(header)
                .append("X-1,1.003583,XP4,DIRECT,15/12/2023 07:33,22/12/2023,RECEIVED,15/12/2025 00:10\n")
                .append("X-2,1.003583,XP4,DIRECT,15/12/2023 07:34,22/12/2023,RECEIVED,15/12/2025 00:10\n");
        for (int i = 3; i <= 8; i++) {
            rows.append("X-").append(i).append(",1.003583,XP4,DIRECT,hôm qua,22/12/2023,RECEIVED,15/12/2025 00:10\n");
        }
        Path bad = Files.writeString(Files.createTempDirectory("chiso-").resolve("dossiers_hong.csv"), rows);
        IngestService.FileResult refused = ingestOne(bad);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.run().rowsRead()).isEqualTo(8);
        assertThat(monthsCurrent()).isTrue();
        assertThat(monthRows()).isEqualTo(before);
    }

    @Test
    @Tag("slow") // the sample province's commune dossiers, rebuilt across two centuries
    void monthsFarFromTodayAreCountedAsTheRebuildFindsThem() throws Exception {
        // the rebuild finds months between 1990 and 2100 by a binary search, others by taking the date apart
        ingest(SAMPLE.resolve("agencies.csv"), SAMPLE.resolve("procedures.csv"), SAMPLE.resolve("holidays.csv"));
        assertThat(ingestOne(SAMPLE.resolve("dossiers_xa.csv")).ok()).isTrue();
        jdbc.update("""
                UPDATE dossier SET received_at = received_at - interval '40 years', completed_at = completed_at - interval '40 years',
                                   submitted_at = NULL, due_at = NULL, due_date = NULL, fact_basis = NULL
                WHERE dossier_code LIKE '%1'""");
        jdbc.update("""
                UPDATE dossier SET due_at = due_at + interval '90 years', due_date = (due_date + interval '90 years')::date, fact_basis = NULL
                WHERE dossier_code LIKE '%2' AND due_at IS NOT NULL""");
        List<String> rebuilt = rebuiltMonthRows();
        assertThat(rebuilt).anyMatch(row -> Integer.parseInt(row.split("\t")[3]) < 1990 * 12)
                .anyMatch(row -> Integer.parseInt(row.split("\t")[5]) > 2100 * 12 && Integer.parseInt(row.split("\t")[5]) < Integer.MAX_VALUE);

        MonthCounts counts = new MonthCounts(1_000_000);
        jdbc.query("""
                SELECT agency_code, procedure_code, officer, received_at AT TIME ZONE 'Asia/Ho_Chi_Minh',
                       completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh', overdue_after AT TIME ZONE 'Asia/Ho_Chi_Minh', flags
                FROM dossier""", rs -> {
            counts.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDateTime.class),
                    rs.getObject(5, LocalDateTime.class), rs.getObject(6, LocalDateTime.class), rs.getInt(7));
        });
        transaction.executeWithoutResult(status -> jdbc.execute((ConnectionCallback<Boolean>) c -> counts.store(c, true, null, 0)));
        assertThat(monthRows()).isEqualTo(rebuilt);
    }

    @Test
    void aFileWithMoreMonthRowsThanKeptLeavesTheMonthsToBeBuilt() {
        MonthCounts counts = new MonthCounts(2);
        LocalDateTime day = LocalDateTime.of(2024, 3, 1, 8, 0);
        for (int i = 0; i < 3; i++) {
            counts.add("STC", "1.001766", null, day.plusMonths(i), null, null, 0);
        }
        Boolean stored = transaction.execute(status -> jdbc.execute((ConnectionCallback<Boolean>) c -> counts.store(c, true, null, 0)));
        assertThat(stored).isFalse();
    }

    @Test
    void aDossierOfTheYear0LeavesTheMonthsToBeBuilt() {
        // Java's year 0 is PostgreSQL's 1 BC, whose months the two number otherwise
        MonthCounts counts = new MonthCounts(100);
        counts.add("STC", "1.001766", null, LocalDateTime.of(2024, 3, 1, 8, 0), null, null, 0);
        counts.add("STC", "1.001766", null, LocalDateTime.of(0, 12, 20, 8, 0), null, null, 0);
        Boolean stored = transaction.execute(status -> jdbc.execute((ConnectionCallback<Boolean>) c -> counts.store(c, true, null, 0)));
        assertThat(stored).isFalse();
    }

}
