package vn.chiso.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly re-export (issue 18): most of its rows stored and unchanged, some changed, some new. Only
 * the changed and new rows are written, the months follow, and what decides "unchanged" is each
 * stored row's content hash (V44), which rows stored before it get from the next export that repeats them.
 */
class NightlyReexportTest extends IngestTest {

    private static final Path SAMPLE = Path.of("sample-data");
    private static final int AGENCY = 3;
    private static final int RECEIVED = 6;
    private static final int DIGITIZED = 12;
    private static final int EXPORTED_AT = 19;

    @TempDir
    Path dir;
    private List<String> commune;

    @BeforeEach
    void storeTheCommunes() throws IOException {
        assertThat(ingest(SAMPLE.resolve("agencies.csv"), SAMPLE.resolve("procedures.csv"), SAMPLE.resolve("holidays.csv")))
                .as("the reference files stored").allMatch(IngestService.FileResult::ok);
        assertThat(ingestOne(SAMPLE.resolve("dossiers_xa.csv")).ok()).isTrue();
        commune = Files.readAllLines(SAMPLE.resolve("dossiers_xa.csv"));
    }

    @Test
    void aNightlyReexportWritesOnlyItsChangedAndNewRowsAndTheMonthsFollow() throws Exception {
        // given the communes' export a day later: every 10th dossier's digitisation flipped, 500 dossiers new
        List<String> nightly = new ArrayList<>();
        nightly.add(commune.get(0));
        List<String> flippedCodes = new ArrayList<>();
        for (int i = 1; i < commune.size(); i++) {
            int row = i;
            nightly.add(later(commune.get(i), cells -> {
                if (row % 10 == 0) {
                    cells[DIGITIZED] = cells[DIGITIZED].equals("1") ? "0" : "1";
                    flippedCodes.add(cells[0]);
                }
                return cells;
            }));
        }
        List<String> copiedCodes = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            nightly.add(later(commune.get(i), cells -> {
                copiedCodes.add(cells[0]);
                cells[0] = cells[0].replaceFirst("^H94\\.", "H96.");
                return cells;
            }));
        }
        // the sample's rows rejected on purpose are rejected again: what is expected is of the stored ones
        long changed = storedAmong(flippedCodes);
        long added = storedAmong(copiedCodes);
        long storedBefore = count("SELECT count(*) FROM dossier");
        String unchanged = code(commune.get(1));
        String flipped = code(commune.get(10));
        Map<String, Object> unchangedBefore = rowVersion(unchanged);
        String digitizedBefore = dossierValue(flipped, "digitized");

        // when
        IngestService.FileResult result = ingestOne(write("dossiers_xa_dem.csv", nightly));

        // then
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        assertThat(changed).isGreaterThan(3000);
        assertThat(result.run().message()).isEqualTo((changed + added) + " stored rows inserted or changed");
        assertThat(dossierValue(flipped, "digitized")).isNotEqualTo(digitizedBefore);
        assertThat(rowVersion(unchanged)).as("an unchanged row is the very row version it was").isEqualTo(unchangedBefore);
        assertThat(count("SELECT count(*) FROM dossier")).isEqualTo(storedBefore + added);
        assertThat(count("SELECT count(*) FROM dossier WHERE content_hash IS NULL")).isZero();
        assertThat(monthsCurrent()).isTrue();
        assertThat(monthRows()).isEqualTo(rebuiltMonthRows());
    }

    @Test
    void aRowStoredBeforeContentHashesGetsItsHashFromTheNextExportAndIsThenLeftAlone() throws Exception {
        // given rows stored before V44: no hash
        jdbc.update("UPDATE dossier SET content_hash = NULL");
        List<String> months = monthRows();
        String code = code(commune.get(1));
        Map<String, Object> stored = jdbc.queryForMap("SELECT run_id, line, exported_at FROM dossier WHERE dossier_code = ?", code);
        Path reexport = write("dossiers_xa_lai.csv", commune.stream().map(line -> line == commune.get(0) ? line : later(line, c -> c)).toList());

        // when the same values are exported again
        IngestService.FileResult first = ingestOne(reexport);

        // then only the hash is written: the row's values, run and line are those stored
        assertThat(first.run().message()).startsWith("0 ");
        assertThat(count("SELECT count(*) FROM dossier WHERE content_hash IS NULL")).isZero();
        assertThat(jdbc.queryForMap("SELECT run_id, line, exported_at FROM dossier WHERE dossier_code = ?", code)).isEqualTo(stored);
        assertThat(monthRows()).isEqualTo(months);

        // and the next export of the same values writes nothing
        Map<String, Object> hashed = rowVersion(code);
        assertThat(ingestOne(reexport).run().message()).startsWith("0 ");
        assertThat(rowVersion(code)).isEqualTo(hashed);
    }

    @Test
    void aKeyRepeatedInALaterExportIsRejectedOnEveryLineAndTheOtherChangesStored() throws Exception {
        // given a later export whose first dossier is on two lines with different values, and whose 10th changed
        List<String> nightly = new ArrayList<>(commune.subList(0, 11).stream()
                .map(line -> line == commune.get(0) ? line : later(line, c -> c)).toList());
        nightly.add(later(commune.get(1), cells -> {
            cells[DIGITIZED] = cells[DIGITIZED].equals("1") ? "0" : "1";
            return cells;
        }));
        nightly.set(10, later(commune.get(10), cells -> {
            cells[DIGITIZED] = cells[DIGITIZED].equals("1") ? "0" : "1";
            return cells;
        }));
        String repeated = code(commune.get(1));
        String digitizedBefore = dossierValue(repeated, "digitized");
        String flipped = code(commune.get(10));
        String flippedBefore = dossierValue(flipped, "digitized");

        // when
        IngestService.FileResult result = ingestOne(write("dossiers_xa_lap.csv", nightly));

        // then both lines of the repeated key are rejected, and its stored row kept
        assertThat(count("SELECT count(*) FROM import_reject WHERE run_id = ? AND repeated_key", result.run().id())).isEqualTo(2);
        assertThat(dossierValue(repeated, "digitized")).isEqualTo(digitizedBefore);
        assertThat(dossierValue(flipped, "digitized")).isNotEqualTo(flippedBefore);
        assertThat(monthRows()).isEqualTo(rebuiltMonthRows());
    }

    @Test
    void aLaterExportChangingMoreRowsThanAChunkStoresThemAllAndTheMonthsFollow() throws Exception {
        // given a later export flipping every dossier's digitisation (more than the 20,000 rows a chunk
        // of the merge holds, so that the first chunk is merged while the rest is read), 500 new dossiers first
        List<String> nightly = communesExported("2025-12-16T00:10Z", row -> true);
        List<String> flippedCodes = new ArrayList<>();
        for (int i = 1; i < commune.size(); i++) {
            if (!commune.get(i).contains("\"")) { // as exported() changes them
                flippedCodes.add(code(commune.get(i)));
            }
        }
        for (int i = 1; i <= 500; i++) { // first: inserted by the first chunk, the first of an agency never seen
            boolean first = i == 1;
            nightly.add(i, later(commune.get(i), cells -> {
                cells[0] = cells[0].replaceFirst("^H94\\.", "H97.");
                if (first) {
                    cells[AGENCY] = "XMOI";
                }
                return cells;
            }));
        }
        long changed = storedAmong(flippedCodes);
        String first = flippedCodes.get(0);
        String last = flippedCodes.get(flippedCodes.size() - 1);
        String firstBefore = dossierValue(first, "digitized");
        String lastBefore = dossierValue(last, "digitized");

        // when
        IngestService.FileResult result = ingestOne(write("dossiers_xa_ca.csv", nightly));

        // then every chunk's rows are stored, and the months are those of the dossiers now stored
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        long added = count("SELECT count(*) FROM dossier WHERE dossier_code LIKE 'H97.%'");
        assertThat(changed).isGreaterThan(30_000);
        assertThat(added).isGreaterThan(400);
        assertThat(count("SELECT count(*) FROM dossier WHERE agency_code = 'XMOI'")).isOne();
        assertThat(count("SELECT count(*) FROM seen_agency WHERE fact_table = 'dossier' AND agency_code = 'XMOI'"))
                .as("a new row's agency, recorded for the list of codes agencies.csv lacks").isOne();
        assertThat(result.run().message()).isEqualTo((changed + added) + " stored rows inserted or changed");
        assertThat(dossierValue(first, "digitized")).isNotEqualTo(firstBefore);
        assertThat(dossierValue(last, "digitized")).isNotEqualTo(lastBefore);
        assertThat(monthsCurrent()).isTrue();
        assertThat(monthRows()).isEqualTo(rebuiltMonthRows());
        assertThat(digestEntries()).as("merged as a later export, not by the staged reading, which keeps no digest")
                .isEqualTo(count("SELECT count(*) FROM dossier"));
        assertThat(digestEntriesWithoutHash()).isZero();
    }

    @Test
    void aKeyRepeatedFarApartInALaterExportIsRejectedEvenAfterItsFirstLinesChunkWasMerged() throws Exception {
        // given a later export flipping every dossier's digitisation, its first dossier again on the last line
        List<String> nightly = communesExported("2025-12-16T00:10Z", row -> true);
        nightly.add(later(commune.get(1), c -> c));
        String repeated = code(commune.get(1));
        String repeatedBefore = dossierValue(repeated, "digitized");
        String last = code(commune.get(commune.size() - 1));
        String lastBefore = dossierValue(last, "digitized");

        // when
        IngestService.FileResult result = ingestOne(write("dossiers_xa_lap_xa.csv", nightly));

        // then the first chunk's update of that dossier is undone: both its lines rejected, the rest stored
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        assertThat(count("SELECT count(*) FROM import_reject WHERE run_id = ? AND repeated_key", result.run().id())).isEqualTo(2);
        assertThat(dossierValue(repeated, "digitized")).isEqualTo(repeatedBefore);
        assertThat(dossierValue(last, "digitized")).isNotEqualTo(lastBefore);
        assertThat(monthRows()).isEqualTo(rebuiltMonthRows());
    }

    @Test
    void aNewKeyOnTheFirstAndLastLinesOfALaterExportFailsItsLastChunkAndBothLinesAreRejected() throws Exception {
        // given a later export flipping every dossier's digitisation, with a new dossier on its first
        // line and again on its last: the first chunk inserts it, the last chunk's insert then fails
        List<String> nightly = communesExported("2025-12-16T00:10Z", row -> true);
        String added = later(commune.get(1), cells -> {
            cells[0] = cells[0].replaceFirst("^H94\\.", "H98.");
            return cells;
        });
        nightly.add(1, added);
        nightly.add(added);
        String last = code(commune.get(commune.size() - 1));
        String lastBefore = dossierValue(last, "digitized");

        // when
        IngestService.FileResult result = ingestOne(write("dossiers_xa_moi_lap.csv", nightly));

        // then every chunk is undone and the file read again: both lines rejected, the rest stored
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        assertThat(count("SELECT count(*) FROM import_reject WHERE run_id = ? AND repeated_key", result.run().id())).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM dossier WHERE dossier_code = ?", code(added))).isZero();
        assertThat(dossierValue(last, "digitized")).isNotEqualTo(lastBefore);
        assertThat(monthRows()).isEqualTo(rebuiltMonthRows());
    }

    @Test
    void aRefusedLaterExportLeavesTheStoredRowsAndMonthsAsTheyWere() throws Exception {
        // given a later export whose rows are all changed, and a tenth of them unreadable
        List<String> nightly = new ArrayList<>();
        nightly.add(commune.get(0));
        for (int i = 1; i < commune.size(); i++) {
            int row = i;
            nightly.add(later(commune.get(i), cells -> {
                cells[DIGITIZED] = cells[DIGITIZED].equals("1") ? "0" : "1";
                if (row % 10 == 0) {
                    cells[6] = "hôm qua"; // received_at
                }
                return cells;
            }));
        }
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM dossier ORDER BY dossier_code");
        List<String> months = monthRows();

        // when
        IngestService.FileResult result = ingestOne(write("dossiers_xa_hong.csv", nightly));

        // then
        assertThat(result.run().status()).isEqualTo(ImportRun.Status.REFUSED);
        assertThat(jdbc.queryForList("SELECT * FROM dossier ORDER BY dossier_code")).isEqualTo(before);
        assertThat(monthsCurrent()).isTrue();
        assertThat(monthRows()).isEqualTo(months);
    }

    @Test
    void aLaterExportOfPaymentsWritesOnlyThePaymentsThatChanged() throws Exception {
        // given the sample's payments stored, then exported again (no export time: a later file) with every
        // 100th amount changed and 30 payments new (copied straight into the stored table)
        assertThat(ingestOne(SAMPLE.resolve("payments.csv")).ok()).isTrue();
        List<String> payments = Files.readAllLines(SAMPLE.resolve("payments.csv"));
        List<String> later = new ArrayList<>();
        List<String> changedIds = new ArrayList<>();
        for (int i = 0; i < payments.size(); i++) {
            String[] cells = payments.get(i).split(",", -1);
            if (i > 0 && i % 100 == 0 && !payments.get(i).contains("\"")) {
                cells[4] = cells[4] + "0"; // amount
                changedIds.add(cells[0]);
            }
            later.add(String.join(",", cells));
        }
        List<String> newIds = new ArrayList<>();
        for (int i = 1; newIds.size() < 30; i++) {
            if (!payments.get(i).contains("\"")) {
                String[] cells = payments.get(i).split(",", -1);
                cells[0] = "MOI-" + cells[0];
                newIds.add(cells[0]);
                later.add(String.join(",", cells));
            }
        }
        String unchanged = payments.get(1).substring(0, payments.get(1).indexOf(','));
        Map<String, Object> before = jdbc.queryForMap("SELECT xmin::text AS xmin, ctid::text AS ctid FROM payment WHERE transaction_id = ?", unchanged);
        Path file = write("payments_lai.csv", later);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));

        // when
        IngestService.FileResult result = ingestOne(file);

        // then the changed payments and the new ones, and they alone, are written
        long changed = count("SELECT count(*) FROM payment WHERE transaction_id = ANY (?) AND run_id = ?",
                changedIds.toArray(String[]::new), result.run().id());
        long added = count("SELECT count(*) FROM payment WHERE transaction_id = ANY (?) AND run_id = ?",
                newIds.toArray(String[]::new), result.run().id());
        assertThat(changed).isGreaterThan(100);
        assertThat(added).isEqualTo(30);
        assertThat(result.run().message()).isEqualTo((changed + added) + " stored rows inserted or changed");
        assertThat(count("SELECT count(*) FROM payment WHERE run_id = ?", result.run().id())).isEqualTo(changed + added);
        assertThat(jdbc.queryForMap("SELECT xmin::text AS xmin, ctid::text AS ctid FROM payment WHERE transaction_id = ?", unchanged))
                .isEqualTo(before);
    }

    /** The row exported a day later than the sample's export, after {@code change} (not made to the few rows with quoted cells). */
    private static String later(String line, UnaryOperator<String[]> change) {
        return exported(line, "2025-12-16T00:10Z", change);
    }

    /** The row exported at {@code when}, after {@code change} (not made to the few rows with quoted cells). */
    private static String exported(String line, String when, UnaryOperator<String[]> change) {
        if (line.contains("\"")) {
            return line.substring(0, line.lastIndexOf(',') + 1) + when;
        }
        String[] cells = line.split(",", -1);
        cells[EXPORTED_AT] = when;
        return String.join(",", change.apply(cells));
    }

    /** The communes' export at {@code when}, the digitisation flipped on the rows {@code flip} picks. */
    private List<String> communesExported(String when, IntPredicate flip) {
        List<String> lines = new ArrayList<>(List.of(commune.get(0)));
        for (int i = 1; i < commune.size(); i++) {
            lines.add(exported(commune.get(i), when, flip.test(i) ? NightlyReexportTest::flipDigitized : c -> c));
        }
        return lines;
    }

    private static String[] flipDigitized(String[] cells) {
        cells[DIGITIZED] = cells[DIGITIZED].equals("1") ? "0" : "1";
        return cells;
    }

    @Test
    void theNextLaterExportKnowsTheLastOnesKeysAndStillWritesWhatChanged() throws Exception {
        // given a later export of the communes, which leaves what it stored for the next one
        assertThat(ingestOne(write("dossiers_xa_2.csv", communesExported("2025-12-16T00:10Z", row -> false))).ok()).isTrue();
        assertThat(digestEntries()).as("one entry a stored dossier of the export").isEqualTo(count("SELECT count(*) FROM dossier"));
        String unchanged = code(commune.get(1));
        String flipped = code(commune.get(10));
        Map<String, Object> unchangedBefore = rowVersion(unchanged);
        String digitizedBefore = dossierValue(flipped, "digitized");
        List<String> flippedCodes = new ArrayList<>();
        for (int i = 10; i < commune.size(); i += 10) {
            if (!commune.get(i).contains("\"")) { // as exported() changes them
                flippedCodes.add(code(commune.get(i)));
            }
        }

        // when the next export, a day later, flips every 10th dossier's digitisation
        IngestService.FileResult result = ingestOne(write("dossiers_xa_3.csv", communesExported("2025-12-17T00:10Z", row -> row % 10 == 0)));

        // then
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        assertThat(result.run().message()).isEqualTo(storedAmong(flippedCodes) + " stored rows inserted or changed");
        assertThat(dossierValue(flipped, "digitized")).isNotEqualTo(digitizedBefore);
        assertThat(rowVersion(unchanged)).as("an unchanged row is the very row version it was").isEqualTo(unchangedBefore);
        assertThat(monthRows()).isEqualTo(rebuiltMonthRows());
        assertThat(digestEntries()).isEqualTo(count("SELECT count(*) FROM dossier"));
        assertThat(digestEntriesWithoutHash()).as("the rows it changed are kept with the hash they have now").isZero();
    }

    @Test
    void keysTheLastExportLeftAreStillCaughtWhenRepeatedInTheNext() throws Exception {
        // given a later export, which leaves its keys for the next one
        assertThat(ingestOne(write("dossiers_xa_2.csv", communesExported("2025-12-16T00:10Z", row -> false))).ok()).isTrue();
        assertThat(digestEntries()).isEqualTo(count("SELECT count(*) FROM dossier"));
        String twice = code(commune.get(1));
        String withBadLine = code(commune.get(20));
        String flipped = code(commune.get(10));
        String withBadLineBefore = dossierValue(withBadLine, "digitized");
        String flippedBefore = dossierValue(flipped, "digitized");

        // when the next one, a day later, flips dossiers 10 and 20, repeats dossier 1 unchanged, and
        // has dossier 20 again on a line with a value that cannot be read
        List<String> next = communesExported("2025-12-17T00:10Z", row -> row == 10 || row == 20);
        next.add(exported(commune.get(1), "2025-12-17T00:10Z", c -> c));
        next.add(exported(commune.get(20), "2025-12-17T00:10Z", cells -> {
            cells[DIGITIZED] = "perhaps";
            return cells;
        }));
        IngestService.FileResult result = ingestOne(write("dossiers_xa_3.csv", next));

        // then every line of both keys is rejected and their stored rows kept; the other change is stored
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        assertThat(count("SELECT count(*) FROM import_reject WHERE run_id = ? AND key = ?", result.run().id(), twice)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM import_reject WHERE run_id = ? AND key = ?", result.run().id(), withBadLine)).isEqualTo(2);
        assertThat(dossierValue(withBadLine, "digitized")).isEqualTo(withBadLineBefore);
        assertThat(dossierValue(flipped, "digitized")).isNotEqualTo(flippedBefore);
        assertThat(monthRows()).isEqualTo(rebuiltMonthRows());
    }

    @Test
    void linesTheLastExportStoredAreTakenUnparsedUnderTheSameReadingAndDataAndReadAgainOtherwise() throws Exception {
        // given a later export, which leaves its keys and lines for the next one
        assertThat(ingestOne(write("dossiers_xa_2.csv", communesExported("2025-12-16T00:10Z", row -> false))).ok()).isTrue();
        long dossiers = count("SELECT count(*) FROM dossier");

        // when the same lines come a day later, and then again two days later with one dossier changed
        Watched unchanged = watched(write("dossiers_xa_3.csv", communesExported("2025-12-17T00:10Z", row -> false)));
        String flipped = code(commune.get(10));
        String digitizedBefore = dossierValue(flipped, "digitized");
        Watched oneChanged = watched(write("dossiers_xa_4.csv", communesExported("2025-12-18T00:10Z", row -> row == 10)));

        // then nearly every row is taken by its line (not those whose codes the reference data lacks), the changed one read
        assertThat(unchanged.result().run().message()).isEqualTo("0 stored rows inserted or changed");
        assertThat(unchanged.byTheirLine()).isGreaterThan(dossiers * 9 / 10).isLessThanOrEqualTo(dossiers);
        assertThat(oneChanged.result().run().message()).isEqualTo("1 stored rows inserted or changed");
        assertThat(oneChanged.byTheirLine()).isEqualTo(unchanged.byTheirLine() - 1);
        assertThat(dossierValue(flipped, "digitized")).isNotEqualTo(digitizedBefore);
        assertThat(monthRows()).isEqualTo(rebuiltMonthRows());

        // and once an agency is renamed, the same lines are read again, then trusted under the new data
        List<String> agencies = new ArrayList<>(Files.readAllLines(SAMPLE.resolve("agencies.csv")));
        agencies.set(2, agencies.get(2).replaceFirst(",([^,]+),", ",$1 (đổi tên),"));
        assertThat(ingestOne(write("agencies.csv", agencies)).ok()).isTrue();
        assertThat(watched(write("dossiers_xa_5.csv", communesExported("2025-12-19T00:10Z", row -> false))).byTheirLine()).isZero();
        assertThat(watched(write("dossiers_xa_6.csv", communesExported("2025-12-20T00:10Z", row -> false))).byTheirLine())
                .isEqualTo(unchanged.byTheirLine());

        // and an export older than the lines' is read and checked again: times after its export time are rejected
        Watched older = watched(write("dossiers_xa_7.csv", communesExported("2025-11-01T00:10Z", row -> false)));
        assertThat(older.byTheirLine()).isZero();
        assertThat(count("SELECT count(*) FROM import_reject WHERE run_id = ? AND reason LIKE '%after the row''s exported_at%'",
                older.result().run().id())).isPositive();
    }

    @Test
    void aLineKeptFromARowStatingNoExportTimeIsCheckedAgainAgainstAnEarlierOne() throws Exception {
        // given a later export of the dossiers whose every time is before November, exported 1/11, and
        // of the dossier received last, which states no export time (its times then checked against now)
        List<String> clean = commune.subList(1, commune.size()).stream().filter(line -> !line.contains("\"")).toList();
        String last = clean.stream().max(java.util.Comparator.comparing(line -> line.split(",", -1)[RECEIVED])).orElseThrow();
        List<String> early = clean.stream().filter(line -> java.util.Arrays.stream(line.split(",", -1), 5, 11)
                .allMatch(time -> time.isEmpty() || time.compareTo("2025-11-01") < 0)).toList();
        List<String> first = new ArrayList<>(List.of(commune.get(0)));
        early.forEach(line -> first.add(exported(line, "2025-11-01T00:10Z", c -> c)));
        first.add(exported(last, "", c -> c));
        assertThat(early).hasSizeGreaterThan(100);
        assertThat(ingestOne(write("dossiers_xa_2.csv", first)).ok()).isTrue();
        assertThat(digestEntries()).isGreaterThan(early.size() * 9 / 10);

        // when the next export sends the same lines, that dossier's stating an export time before its receipt
        List<String> next = new ArrayList<>(List.of(commune.get(0)));
        early.forEach(line -> next.add(exported(line, "2025-11-05T00:10Z", c -> c)));
        next.add(exported(last, "2025-11-05T00:10Z", c -> c));
        Watched result = watched(write("dossiers_xa_3.csv", next));

        // then that one is read and rejected: the lines kept hold only for exports after the day of the
        // ingest that kept them, since a row stating no export time was checked against that moment
        assertThat(result.byTheirLine()).isZero();
        assertThat(count("SELECT count(*) FROM import_reject WHERE run_id = ? AND key = ? AND reason LIKE '%after the row''s exported_at%'",
                result.result().run().id(), code(last))).isEqualTo(1);
    }

    /** An ingest's result and how many rows it took by their line, unparsed (from its DEBUG line). */
    private record Watched(IngestService.FileResult result, long byTheirLine) {
    }

    private Watched watched(Path file) throws IOException {
        ch.qos.logback.classic.Logger stager = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("vn.chiso.ingest.load.FileStager");
        ch.qos.logback.classic.Level level = stager.getLevel();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        stager.addAppender(lines);
        stager.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try {
            IngestService.FileResult result = ingestOne(file);
            assertThat(result.ok()).as("%s", result.problem()).isTrue();
            long byTheirLine = lines.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .map(java.util.regex.Pattern.compile("(\\d+) by their line")::matcher).filter(java.util.regex.Matcher::find)
                    .mapToLong(found -> Long.parseLong(found.group(1))).sum();
            return new Watched(result, byTheirLine);
        } finally {
            stager.detachAppender(lines);
            stager.setLevel(level);
        }
    }

    @Test
    void rowsSentAsChangedThatTheMergeDidNotAllUpdateAreLookedUpNextTime() throws Exception {
        // given a later export, which leaves what it stored for the next one
        assertThat(ingestOne(write("dossiers_xa_2.csv", communesExported("2025-12-16T00:10Z", row -> false))).ok()).isTrue();
        // and a file flipping every 10th dossier's digitisation: every other one of them exported
        // later than it is stored (updated), the rest before (kept: the stored row is the later export)
        List<String> updated = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> mixed = new ArrayList<>(List.of(commune.get(0)));
        for (int i = 1; i < commune.size(); i++) {
            boolean flip = i % 10 == 0 && !commune.get(i).contains("\""); // as exported() changes them
            boolean later = i % 20 == 0;
            if (flip) {
                (later ? updated : kept).add(code(commune.get(i)));
            }
            mixed.add(exported(commune.get(i), later ? "2025-12-17T00:10Z" : "2025-12-14T20:00Z",
                    flip ? NightlyReexportTest::flipDigitized : c -> c));
        }
        String keptCode = kept.get(0);
        String keptDigitized = dossierValue(keptCode, "digitized");

        // when
        IngestService.FileResult partly = ingestOne(write("dossiers_xa_3.csv", mixed));

        // then the later rows are stored, the older ones not, and the digest claims none of the hashes sent
        assertThat(partly.ok()).as("%s", partly.problem()).isTrue();
        assertThat(partly.run().message()).isEqualTo(storedAmong(updated) + " stored rows inserted or changed");
        assertThat(dossierValue(keptCode, "digitized")).isEqualTo(keptDigitized);
        assertThat(digestEntriesWithoutHash()).isEqualTo(storedAmong(updated) + storedAmong(kept));

        // and the next export, a day later, flipping the same dossiers, changes exactly those still unflipped
        IngestService.FileResult next = ingestOne(write("dossiers_xa_4.csv", communesExported("2025-12-18T00:10Z", row -> row % 10 == 0)));
        assertThat(next.run().message()).isEqualTo(storedAmong(kept) + " stored rows inserted or changed");
        assertThat(dossierValue(keptCode, "digitized")).isNotEqualTo(keptDigitized);
        assertThat(monthRows()).isEqualTo(rebuiltMonthRows());
        assertThat(digestEntriesWithoutHash()).isZero();
    }

    /** The entries of the current digest whose content hash it does not know (0): keys a lookup decides. */
    private long digestEntriesWithoutHash() {
        return count("""
                SELECT count(*) FROM later_export_digest d JOIN dossier_month_state s USING (version)
                     JOIN later_export_digest_piece p USING (fact_table), generate_series(0, length(p.entries) / 24 - 1) i
                WHERE d.fact_table = 'dossier' AND substring(p.entries FROM i * 24 + 17 FOR 8) = decode('0000000000000000', 'hex')""");
    }

    @Test
    void anUnchangedLaterExportKeepsTheDigestAsItIsAndTheNextOneStillUsesIt() throws Exception {
        // given a later export, which leaves what it stored for the next one
        assertThat(ingestOne(write("dossiers_xa_2.csv", communesExported("2025-12-16T00:10Z", row -> false))).ok()).isTrue();
        Object digestVersion = digestRowVersion();

        // when the same dossiers come again unchanged, a day later
        IngestService.FileResult unchanged = ingestOne(write("dossiers_xa_3.csv", communesExported("2025-12-17T00:10Z", row -> false)));

        // then nothing is written, the digest row included, and it is still the current one
        assertThat(unchanged.ok()).as("%s", unchanged.problem()).isTrue();
        assertThat(unchanged.run().message()).isEqualTo("0 stored rows inserted or changed");
        assertThat(digestRowVersion()).isEqualTo(digestVersion);
        assertThat(digestEntries()).isEqualTo(count("SELECT count(*) FROM dossier"));

        // and the next export, which flips one dossier, is stored as the digest tells it
        String flipped = code(commune.get(10));
        String digitizedBefore = dossierValue(flipped, "digitized");
        IngestService.FileResult next = ingestOne(write("dossiers_xa_4.csv", communesExported("2025-12-18T00:10Z", row -> row == 10)));
        assertThat(next.run().message()).isEqualTo("1 stored rows inserted or changed");
        assertThat(dossierValue(flipped, "digitized")).isNotEqualTo(digitizedBefore);
        assertThat(monthRows()).isEqualTo(rebuiltMonthRows());
    }

    @Test
    void aDigestWhosePiecesHoldMoreEntriesThanItsSizeIsNotReadAndTheNextExportIsStoredAsAlways() throws Exception {
        // given a later export, which leaves what it stored for the next one, then its pieces held three
        // times (no save writes that: a damaged cache), more entries than the table its size makes room for
        assertThat(ingestOne(write("dossiers_xa_2.csv", communesExported("2025-12-16T00:10Z", row -> false))).ok()).isTrue();
        long stored = count("SELECT count(*) FROM dossier");
        // three times the entries: more than the table ever has slots (under 2.86 times its size)
        jdbc.update("""
                INSERT INTO later_export_digest_piece (fact_table, piece, entries, lines)
                SELECT fact_table, piece + n * (SELECT max(piece) + 1 FROM later_export_digest_piece), entries, lines
                FROM later_export_digest_piece, generate_series(1, 2) n WHERE fact_table = 'dossier'""");
        assertThat(digestEntries()).isEqualTo(3 * stored);
        String flipped = code(commune.get(10));
        String digitizedBefore = dossierValue(flipped, "digitized");

        // when the next export, a day later, flips one dossier (read into a table the pieces would fill,
        // the load would never end)
        IngestService.FileResult next = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> ingestOne(write("dossiers_xa_3.csv", communesExported("2025-12-17T00:10Z", row -> row == 10))));

        // then it is stored as without a digest, and leaves a whole one for the next
        assertThat(next.ok()).as("%s", next.problem()).isTrue();
        assertThat(next.run().message()).isEqualTo("1 stored rows inserted or changed");
        assertThat(dossierValue(flipped, "digitized")).isNotEqualTo(digitizedBefore);
        assertThat(monthRows()).isEqualTo(rebuiltMonthRows());
        assertThat(digestEntries()).isEqualTo(stored);
    }

    private Object digestRowVersion() {
        return jdbc.queryForObject("SELECT xmin::text FROM later_export_digest WHERE fact_table = 'dossier'", String.class);
    }

    @Test
    void whatTheLastLaterExportStoredIsNotTrustedOnceAnotherIngestChangedTheDossiers() throws Exception {
        // given a later export, which leaves what it stored for the next one
        assertThat(ingestOne(write("dossiers_xa_2.csv", communesExported("2025-12-16T00:10Z", row -> false))).ok()).isTrue();
        String code = code(commune.get(10));
        String digitized = dossierValue(code, "digitized");
        // and another export that changes one of its dossiers by the staged reading (a key repeated in
        // it), which leaves nothing for the next export
        List<String> other = List.of(commune.get(0),
                exported(commune.get(10), "2025-12-16T12:00Z", NightlyReexportTest::flipDigitized),
                exported(commune.get(11), "2025-12-16T12:00Z", c -> c),
                exported(commune.get(11), "2025-12-16T12:00Z", NightlyReexportTest::flipDigitized));
        assertThat(ingestOne(write("dossiers_sua.csv", other)).ok()).isTrue();
        assertThat(dossierValue(code, "digitized")).isNotEqualTo(digitized);

        // when the first export's values come again, a day later
        assertThat(ingestOne(write("dossiers_xa_3.csv", communesExported("2025-12-17T00:10Z", row -> false))).ok()).isTrue();

        // then the dossier says what they say again
        assertThat(dossierValue(code, "digitized")).isEqualTo(digitized);
        assertThat(monthRows()).isEqualTo(rebuiltMonthRows());
    }

    /** The entries of the digest the last later export of dossiers left, if it is still current (else 0). */
    private long digestEntries() {
        return count("""
                SELECT coalesce(sum(length(p.entries) / 24), 0) FROM later_export_digest d JOIN dossier_month_state s USING (version)
                     JOIN later_export_digest_piece p USING (fact_table)
                WHERE fact_table = 'dossier'""");
    }

    private long storedAmong(List<String> codes) {
        return count("SELECT count(*) FROM dossier WHERE dossier_code = ANY (?)", (Object) codes.toArray(String[]::new));
    }

    private static String code(String line) {
        return line.substring(0, line.indexOf(','));
    }

    private Map<String, Object> rowVersion(String code) {
        return jdbc.queryForMap("SELECT xmin::text AS xmin, ctid::text AS ctid FROM dossier WHERE dossier_code = ?", code);
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines);
    }
}
