package vn.chiso.ingest;

import vn.chiso.ingest.load.TableIndexes;



import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A first ingest copies its rows into the empty table without its indexes and builds them again
 * afterwards ({@link TableIndexes}); whatever sends the file elsewhere (a repeated key, too many
 * rejects) leaves the table's indexes as they were.
 */
class EmptyTableIndexesTest extends IngestTest {

    @TempDir
    Path dir;
    @Autowired
    DataSource dataSource;

    @Test
    void aFirstIngestOfDossiersStoresEveryRowAndBuildsThePrimaryKeyAgainAsItWas() throws Exception {
        // given an empty dossier table
        Indexes before = dossierIndexes();

        // when the first dossiers come
        IngestService.FileResult result = ingestOne(dossiers(dir.resolve("dossiers.csv"), codes(3_000)));

        // then every row is stored, under a primary key built anew with the same name and definition
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        assertThat(count("SELECT count(*) FROM dossier")).isEqualTo(3_000);
        Indexes after = dossierIndexes();
        assertThat(after.definitions()).isEqualTo(before.definitions()).contains(
                "dossier_pkey CREATE UNIQUE INDEX dossier_pkey ON public.dossier USING btree (dossier_code) INCLUDE (content_hash)")
                .anyMatch(index -> index.startsWith("dossier_late ")); // the partial ones too
        assertThat(after.id()).isNotEqualTo(before.id());
        assertThat(jdbc.queryForList("SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = 'dossier'::regclass AND contype = 'p'", String.class))
                .containsExactly("dossier_pkey PRIMARY KEY (dossier_code) INCLUDE (content_hash)");
        // built again, the key still compares codes byte by byte, whatever the database's collation (V48)
        assertThat(keyCollations()).containsEntry("dossier_pkey", "C");
    }

    @Test
    void theFactsKeysCompareCodesByteByByteWhateverTheDatabasesCollation() {
        // On a server database of collation C.UTF-8 or a language's, a key of the database's collation
        // compares every pair of codes through strcoll: three times slower lookups, a slower build (V48).
        assertThat(keyCollations()).containsOnlyKeys("dossier_pkey", "payment_pkey", "payment_dossier",
                "evaluation_pkey", "feedback_pkey", "late_dossier_pkey")
                .allSatisfy((index, collation) -> assertThat(collation).as(index).isEqualTo("C"));
    }

    /** The collation each index of a fact table's key or dossier code compares that column under. */
    private java.util.Map<String, String> keyCollations() {
        java.util.Map<String, String> collations = new java.util.TreeMap<>();
        jdbc.query("""
                SELECT i.indexrelid::regclass::text, c.collname
                FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[i.indnkeyatts - 1]
                JOIN pg_collation c ON c.oid = i.indcollation[i.indnkeyatts - 1]
                WHERE i.indrelid IN ('dossier'::regclass, 'payment'::regclass, 'evaluation'::regclass, 'feedback'::regclass,
                                     'late_dossier'::regclass)
                  AND a.attname IN ('dossier_code', 'transaction_id', 'evaluation_id', 'feedback_id')""",
                row -> { collations.put(row.getString(1), row.getString(2)); });
        return collations;
    }

    @Test
    void aFirstIngestOfPaymentsBuildsItsPlainIndexAgainToo() throws Exception {
        // given an empty payment table, with its index on the dossier code
        Indexes before = indexes("payment", "payment_dossier");

        // when
        IngestService.FileResult result = ingestOne(resource("threshold/payments_good.csv"));

        // then
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        assertThat(count("SELECT count(*) FROM payment")).isEqualTo(2);
        Indexes after = indexes("payment", "payment_dossier");
        assertThat(after.definitions()).isEqualTo(before.definitions()).containsExactly(
                "payment_dossier CREATE INDEX payment_dossier ON public.payment USING btree (dossier_code)",
                "payment_pkey CREATE UNIQUE INDEX payment_pkey ON public.payment USING btree (transaction_id) INCLUDE (content_hash)");
        assertThat(after.id()).isNotEqualTo(before.id());
    }

    @Test
    void anIngestIntoATableHoldingRowsKeepsItsIndexes() throws Exception {
        // given dossiers stored already
        ingestOne(dossiers(dir.resolve("dossiers_first.csv"), List.of("K-STORED")));
        Indexes before = dossierIndexes();

        // when other dossiers come
        IngestService.FileResult result = ingestOne(dossiers(dir.resolve("dossiers_next.csv"), codes(100)));

        // then they are stored straight into the table, whose key is maintained row by row
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        assertThat(count("SELECT count(*) FROM dossier")).isEqualTo(101);
        assertThat(dossierIndexes()).isEqualTo(before);
    }

    @Test
    void aFirstIngestRepeatingAKeyStillRejectsBothRowsAndKeepsTheIndexes() throws Exception {
        // given an empty dossier table
        Indexes before = dossierIndexes();

        // when "K-SPACED" is on lines 2 and 41 of a first export
        IngestService.FileResult result = ingestOne(resource("keys/dossiers_code_twice_with_spaces.csv"));

        // then
        assertThat(result.ok()).as("%s", result.problem()).isTrue();
        assertThat(jdbc.queryForList("SELECT line || ' ' || key FROM import_reject WHERE run_id = ? ORDER BY line",
                String.class, result.run().id())).containsExactly("2 K-SPACED", "41 K-SPACED");
        assertThat(count("SELECT count(*) FROM dossier")).isEqualTo(38);
        assertThat(dossierIndexes()).isEqualTo(before);
    }

    @Test
    void aRefusedFirstIngestLeavesTheTableEmptyAndItsIndexesInPlace() throws Exception {
        // given an empty dossier table
        Indexes before = dossierIndexes();

        // when 1 row of 10 of a first export is rejected, above the 5% allowed
        IngestService.FileResult result = ingestOne(resource("threshold/dossiers_too_many_rejects.csv"));

        // then the key dropped for the copy is back, the very one there before
        assertThat(result.run().status()).isEqualTo(ImportRun.Status.REFUSED);
        assertThat(count("SELECT count(*) FROM dossier")).isZero();
        assertThat(dossierIndexes()).isEqualTo(before);
    }

    @Test
    void aKeyTheCopiedRowsRepeatFailsTheRebuildAndRollingBackBringsTheIndexBack() throws Exception {
        // given an empty dossier table
        Indexes before = dossierIndexes();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            Savepoint beforeCopy = connection.setSavepoint();
            TableIndexes dropped = TableIndexes.dropIfEmpty(connection, "dossier");
            // when two rows of one key get in without the key
            try (Statement statement = connection.createStatement()) {
                statement.execute("""
                        INSERT INTO dossier (dossier_code, procedure_code, agency_code, channel, received_at, status, exported_at, run_id, line)
                        SELECT 'K-TWICE', '1.001766', 'STC', 'ONLINE', now(), 'RECEIVED', now(), 1, n FROM generate_series(2, 3) n
                        """);
            }

            // then the key cannot be built again
            assertThatThrownBy(() -> dropped.recreate(connection)).isInstanceOf(SQLException.class);
            // and rolling back to before the copy brings it back
            connection.rollback(beforeCopy);
            connection.commit();
        }
        assertThat(count("SELECT count(*) FROM dossier")).isZero();
        assertThat(dossierIndexes()).isEqualTo(before);
    }

    /**
     * A table's indexes, each as its name then its definition, and the object id of one of them: a
     * new id when it was built again, the same when it was left or came back with a rollback.
     */
    private record Indexes(List<String> definitions, long id) {
    }

    private Indexes indexes(String table, String index) {
        return new Indexes(jdbc.queryForList("SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE tablename = ? ORDER BY 1",
                String.class, table), count("SELECT ?::regclass::oid::bigint", index));
    }

    private Indexes dossierIndexes() {
        return indexes("dossier", "dossier_pkey");
    }

    private static List<String> codes(int n) {
        return IntStream.range(0, n).mapToObj(i -> "K-" + i).collect(Collectors.toList());
    }

    /** Dossiers with the given codes, received, exported on 10/03/2024. */
    private static Path dossiers(Path file, List<String> codes) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("dossier_code,procedure_code,agency_code,channel,received_at,due_at,status,exported_at\n");
            for (String code : codes) {
                out.write(code + ",1.001766,STC,ONLINE,01/02/2024 08:00,01/03/2024 17:00,RECEIVED,10/03/2024 08:00\n");
            }
        }
        return file;
    }
}
