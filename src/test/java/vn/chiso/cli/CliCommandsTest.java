package vn.chiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;

/**
 * {@code ./chiso ingest} and {@code ./chiso report} as a user runs them: the command starts its own Spring context, pointed at
 * the test database through system properties, as CHISO_DB_URL and CHISO_HOME would point it.
 */
@Tag("slow") // each command starts the application anew
class CliCommandsTest extends DatabaseTest {

    private static final String[] PROPERTIES = {"chiso.db.url", "chiso.db.user", "chiso.home"};

    @Autowired
    Environment environment;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path home;

    private final Map<String, String> saved = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void pointTheCommandAtTheTestDatabase() {
        Fixtures.clean(jdbc);
        for (String name : PROPERTIES) {
            saved.put(name, System.getProperty(name));
        }
        System.setProperty("chiso.db.url", environment.getRequiredProperty("chiso.db.url"));
        System.setProperty("chiso.db.user", environment.getRequiredProperty("chiso.db.user"));
        System.setProperty("chiso.home", home.toString());
    }

    @AfterEach
    void restoreSystemProperties() {
        saved.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    @Test
    void ingestOfARefusedFileExitsOneWithAOneLineReasonNamingTheFileAndTheCount() throws Exception {
        // given a file with 6 bad rows in 10 (more than 5%, and more than 5), and a good file
        Path refused = Fixtures.resource("ingest/cli/dossiers_refused.csv");
        Path good = Fixtures.resource("ingest/restart/dossiers_restart.csv");

        // when
        int status = cli().run("ingest", refused.toString(), good.toString());

        // then
        assertThat(status).isEqualTo(1);
        String reason = err.toString(StandardCharsets.UTF_8).strip();
        assertThat(reason).doesNotContain("\n").contains("dossiers_refused.csv").contains("6 of 10 rows rejected");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 of 2 files stored");
        assertThat(jdbc.queryForList("SELECT file_name || ' ' || status FROM import_run ORDER BY file_name", String.class))
                .containsExactly("dossiers_refused.csv REFUSED", "dossiers_restart.csv STORED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier WHERE dossier_code LIKE 'C-%'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier WHERE dossier_code LIKE 'S-%'", Long.class)).isEqualTo(5);
        assertThat(Files.readAllLines(home.resolve("rejects/dossiers_refused.csv.rejects.csv")))
                .hasSize(7).first().isEqualTo("\uFEFFfile,line,key,column,value,reason");
    }

    @Test
    void rejectsFileNeutralisesFormulas() throws Exception {
        // given an export whose bad rows hold keys and values a spreadsheet would run as formulas
        Path file = Fixtures.resource("ingest/rejects/dossiers_formulas.csv");

        // when
        cli().run("ingest", file.toString());

        // then every such cell of CHISO_HOME/rejects/ starts with an apostrophe, as in the download
        String written = Files.readString(home.resolve("rejects/dossiers_formulas.csv.rejects.csv")).replace("\uFEFF", "");
        List<CSVRecord> rejects = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(written)).getRecords();
        assertThat(rejects).hasSize(6);
        assertThat(rejects).flatExtracting(CSVRecord::toList)
                .noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0);
        assertThat(rejects).extracting(r -> r.get("key")).contains("'=HYPERLINK(\"http://x\",\"y\")", "'@F-4");
        assertThat(rejects).extracting(r -> r.get("value")).contains("'+01/03/2024", "'-x", "'@now", "'=1+1", "'+cmd|' /C calc'!A0");
    }

    @Test
    void twoInputsOfOneNameKeepTwoRejectsFiles(@TempDir Path inputs) throws Exception {
        // given two exports named alike in two folders, each with rejected rows
        Path first = Files.createDirectories(inputs.resolve("a")).resolve("dossiers.csv");
        Path second = Files.createDirectories(inputs.resolve("b")).resolve("dossiers.csv");
        Files.copy(Fixtures.resource("ingest/rejects/dossiers_formulas.csv"), first);
        Files.copy(Fixtures.resource("ingest/cli/dossiers_refused.csv"), second);

        // when one command ingests both
        cli().run("ingest", first.toString(), second.toString());

        // then the first keeps <name>.rejects.csv, the second <name>.run<id>.rejects.csv (SPEC §7)
        long secondRun = jdbc.queryForObject("SELECT max(id) FROM import_run WHERE file_name = 'dossiers.csv'", Long.class);
        assertThat(Files.readAllLines(home.resolve("rejects/dossiers.csv.rejects.csv"))).hasSize(7);
        assertThat(Files.readAllLines(home.resolve("rejects/dossiers.csv.run" + secondRun + ".rejects.csv")))
                .hasSize(7).anyMatch(line -> line.contains("dossiers.csv"));
    }

    @Test
    void ingestCheckPrintsEachFilesMappingAndStoresNothing() throws Exception {
        // when
        int status = cli().run("ingest", "--check", Fixtures.resource("examples/province-small/data").toString());

        // then
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(printed).contains("dvcqg_dong_bo_xa_long_tan.csv: dossier export, profile dvcqg, UTF-8, 55 rows")
                .contains("DonViXuLy → agency_code (by unit name)")
                .contains("channel: '9' ×1")
                .contains("danh_sach_ho_so_phuong1.xlsx: dossier export, profile danh-sach-ho-so")
                .contains("skipped 3 rows above the header: 'DANH SÁCH HỒ SƠ TIẾP NHẬN VÀ GIẢI QUYẾT'")
                .contains("dvcqg_dong_bo_xa_long_tan.json: dossier export, profile dvcqg")
                .contains("checked 13 files, nothing stored: 13 would be stored, 0 refused");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM import_run", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM org_unit", Long.class)).isZero();
    }

    @Test
    void ingestCheckOfAWindows1258FileSaysWhichEncodingToName(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("ho_so.csv"), "dossier_code,procedure_code,procedure_name,agency_code,channel,received_at,status\nH-1,1.001193,Đăng ký khai sinh,STP,ONLINE,04/03/2024 08:30,RECEIVED\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1258")));
        assertThat(cli().run("ingest", "--check", file.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ho_so.csv: line 2 is not UTF-8").contains("--encoding windows-125")
                .doesNotContain("ho_so.csv: ho_so.csv");
        assertThat(cli().run("ingest", "--check", "--encoding", "windows-1258", file.toString())).isZero();
    }

    @Test
    void reportArchivesTheUnitsWorkbookAndCopiesItIntoOut(@TempDir Path out) throws Exception {
        // given the worked example
        assertThat(cli().run("ingest", Fixtures.resource("examples/province-small/data").toString())).isZero();

        // when
        int status = cli().run("report", "--window", "2024-Q1", "--org", "STP", "--format", "xlsx", "--out", out.toString());

        // then
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Path archived = home.resolve("reports/2024-Q1/chiso-2024-Q1-STP-v1.xlsx");
        assertThat(archived).exists();
        assertThat(out.resolve("chiso-2024-Q1-STP-v1.xlsx")).exists().hasSameBinaryContentAs(archived);
        assertThat(this.out.toString(StandardCharsets.UTF_8)).contains(archived.toString()).contains("copied " + out.resolve("chiso-2024-Q1-STP-v1.xlsx"));
        assertThat(jdbc.queryForObject("SELECT status FROM report WHERE org_code = 'STP' AND format = 'XLSX'", String.class)).isEqualTo("DONE");
    }

    @Test
    void reportOfAnUnknownFormatOrUnitExitsNonZeroWithTheReason() {
        assertThat(cli().run("report", "--window", "2024-Q1", "--format", "doc")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown report format 'doc'");
        err.reset();

        assertThat(cli().run("report", "--window", "2024-Q1", "--org", "NOPE")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).doesNotContain("\n").contains("no unit NOPE");
    }

    @Test
    void ingestAndComputeNameTheAgenciesTheReferenceDataLacks(@TempDir Path data) throws Exception {
        // given the example's agencies and an export whose dossiers name ZZ9, which agencies.csv lacks
        for (String name : new String[] {"agencies.csv", "procedures.csv", "holidays.csv", "dossiers_khac.csv"}) {
            Fixtures.copy("examples/province-small/data/" + name, data);
        }
        String line = "Đơn vị chưa có trong danh mục: ZZ9 — thêm vào agencies.csv";

        // when, then
        assertThat(cli().run("ingest", data.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(line);
        out.reset();
        assertThat(cli().run("compute", "--window", "2024-Q3", "--out", data.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(line);
    }

    @Test
    void ingestOfAnXlsxBombEndsWithOneLineNamingTheLimitAndANonZeroExit() throws Exception {
        // given a workbook whose shared strings unpack a thousandfold
        Path bomb = vn.chiso.ingest.Bombs.sharedStrings(home.resolve("bomb.xlsx"), 3_000_000);

        // when
        int status = cli().run("ingest", bomb.toString());

        // then
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).doesNotContain("\n").doesNotContain("Exception")
                .startsWith("bomb.xlsx: xl/sharedStrings.xml unpacks to more than 100 times its packed size")
                .endsWith("(limit chiso.ingest.limits.inflate-ratio); nothing of the file was stored");
    }

    private Cli cli() {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
