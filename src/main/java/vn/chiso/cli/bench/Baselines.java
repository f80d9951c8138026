package vn.chiso.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.ChisoApplication;

/**
 * The yardsticks scripts/bench-ingest and scripts/bench-compute measure chiso against, on the same
 * database as {@code ./chiso} (same {@code CHISO_HOME}); not a command of the product:
 * <pre>
 *   java -cp target/app/chiso.jar vn.chiso.cli.bench.Baselines copy FILE.csv
 *   java -cp target/app/chiso.jar vn.chiso.cli.bench.Baselines scan
 * </pre>
 */
public final class Baselines {

    private Baselines() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length == 0 ? "" : args[0];
        if (what.equals("copy") && args.length == 2) {
            copy(Path.of(args[1]));
        } else if (what.equals("scan") && args.length == 1) {
            scan();
        } else {
            System.err.println("usage: Baselines copy FILE.csv | Baselines scan");
            System.exit(2);
        }
    }

    private static ConfigurableApplicationContext start(String what) {
        SpringApplication application = new SpringApplication(ChisoApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("chiso.command", "baseline-" + what));
        return application.run();
    }

    /** A plain COPY of a CSV file into a bare table of text columns: what the ingest is measured against. */
    private static void copy(Path file) throws Exception {
        try (ConfigurableApplicationContext context = start("copy");
             var connection = context.getBean(DataSource.class).getConnection();
             var reader = Files.newBufferedReader(file)) {
            String header;
            try (var firstLine = Files.lines(file)) {
                header = firstLine.findFirst().orElse("").replace("\uFEFF", "");
            }
            String columns = Arrays.stream(header.split(",")).map(c -> "\"" + c.strip() + "\" text")
                    .collect(Collectors.joining(", "));
            try (var statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS baseline_copy");
                statement.execute("CREATE TABLE baseline_copy (" + columns + ")");
            }
            long started = System.nanoTime();
            long rows = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY baseline_copy FROM STDIN (FORMAT csv, HEADER true)", reader);
            double seconds = (System.nanoTime() - started) / 1e9;
            try (var statement = connection.createStatement()) {
                statement.execute("DROP TABLE baseline_copy");
            }
            System.out.printf("baseline COPY: %,d rows in %.2f s = %,.0f rows/s%n", rows, seconds, rows / seconds);
        }
    }

    /** A plain scan of the dossiers grouped by agency: what the compute is measured against. */
    private static void scan() {
        try (ConfigurableApplicationContext context = start("scan")) {
            var jdbc = context.getBean(JdbcTemplate.class);
            long started = System.nanoTime();
            int groups = jdbc.queryForList("SELECT agency_code, count(*) FROM dossier GROUP BY agency_code").size();
            System.out.printf("baseline scan: %d agencies in %.2f s%n", groups, (System.nanoTime() - started) / 1e9);
        }
    }
}
