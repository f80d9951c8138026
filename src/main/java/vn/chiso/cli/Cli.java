package vn.chiso.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import vn.chiso.ChisoApplication;
import vn.chiso.ChisoProperties;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.codes.Indicator;
import vn.chiso.indicators.IndicatorEngine;
import vn.chiso.indicators.IndicatorExport;
import vn.chiso.indicators.IndicatorValue;
import vn.chiso.scoring.Index766Score;
import vn.chiso.scoring.Index766Service;
import vn.chiso.scoring.Score;
import vn.chiso.scoring.ScoreExport;
import vn.chiso.scoring.ScoringService;
import vn.chiso.ingest.IngestCheck;
import vn.chiso.ingest.IngestService;
import vn.chiso.ingest.read.Reading;
import vn.chiso.orgunit.OrgUnits;
import vn.chiso.reports.ReportArchive;
import vn.chiso.reports.ReportFormat;
import vn.chiso.reports.ReportService;

/**
 * The {@code ./chiso} commands (SPEC §5a). Exit status 0 on success; otherwise non-zero with a
 * one-line reason on stderr.
 */
public final class Cli {

    static final String USAGE = """
            usage: ./chiso COMMAND [OPTIONS]

            commands:
              demo                                   sample data -> indicators -> reports, on the embedded database
              ingest [--check] [--profile NAME] [--encoding NAME] PATH...   ingest export files or folders of them
              compute --window ID [--from D --to D] [--out DIR]
                                                     compute a window's indicators, write DIR/indicators-ID.csv
              report --window ID [--org CODE] [--format pdf|xlsx] [--out DIR]
                                                     render a window's period reports
              outlook --window ID [--on D] [--days N] [--out DIR]
                                                     at-risk dossiers and the window's outlook on day D (SPEC §4.7)
              serve                                  web UI, HTTP API and the scheduler
              worker                                 take partitions of reports and ingests from other machines (RabbitMQ)

            environment:
              CHISO_HOME       data folder: embedded database, rejects, reports (default ~/.chiso)
              CHISO_DB_URL     use this PostgreSQL instead of the embedded one (with CHISO_DB_USER, CHISO_DB_PASSWORD)

            './chiso COMMAND --help' tells more about a command.""";

    private static final Map<String, String> HELP = Map.of(
            "demo", """
                    usage: ./chiso demo
                    Ingests the bundled sample-data/ folder into the database of CHISO_HOME (the embedded
                    PostgreSQL unless CHISO_DB_URL is set), then runs the later stages on it.""",
            "ingest", """
                    usage: ./chiso ingest [--check] [--profile NAME] [--encoding NAME] PATH...
                    Ingests export files (CSV, TXT, TSV, XLSX, XLS, the portal's JSON) and folders of them. What
                    each file holds is recognised from its header, below any title rows, with the source profile (jobs/profiles/,
                    CHISO_HOME/profiles/) whose signature it holds, or the one --profile names; reference data
                    (agencies, procedures, holidays, targets) is loaded first. Files are UTF-8 or UTF-16 with a
                    BOM; --encoding windows-1258 reads another encoding. Bad rows are written to
                    CHISO_HOME/rejects/<file>.rejects.csv; a file with more than 5% bad rows (and more than 5)
                    is refused whole. An interrupted ingest continues when run again. With CHISO_RABBIT_URL and
                    CHISO_DB_URL set, the files of an ingest of several go to ./chiso worker processes.
                    --check reads the files and stores nothing: per file the kind and profile, each column and
                    the field it feeds, the columns not used, values no label matched, the rejects by reason
                    and whether it would be refused.
                    Exit status 1 when a file was (or, with --check, would be) refused or failed.""",
            "compute", """
                    usage: ./chiso compute --window ID [--from yyyy-MM-dd --to yyyy-MM-dd] [--out DIR]
                    Computes the indicators of a reporting window (2024-Q1, 2024-H1, 2024-9M, 2024, 2024-M05, …)
                    or of a custom window (any ID with --from and --to) and writes DIR/indicators-ID.csv and
                    DIR/scores-ID.csv (points per indicator from the scoring rules; chiso.scoring.rules
                    names a province's own rule file). DIR defaults to the current folder.""",
            "report", """
                    usage: ./chiso report --window ID [--org CODE] [--format pdf|xlsx] [--out DIR]
                    Renders the period reports of a window (PDF by default, or XLSX): one unit's with --org,
                    else the province summary and every unit's. Each is kept in the archive,
                    CHISO_HOME/reports/<window>/chiso-<window>-<unit>-v<n>.<ext>; generating again makes the next
                    version and never overwrites. --out DIR also copies them there. The figures are those of the
                    window's computation, made anew if data were imported since the last one; a custom window
                    takes --from and --to as with compute.""",
            "outlook", """
                    usage: ./chiso outlook --window ID [--on yyyy-MM-dd] [--days N] [--out DIR]
                    The early warning of a window still open on day D (default today, Asia/Ho_Chi_Minh): writes
                    DIR/at-risk-ID.csv, the dossiers in process at the end of D with the clock running and due within
                    N working days (default 2), overdue ones included, with the working days they have left; and
                    DIR/outlook-ID.csv, the on-time, 766 on-time and apology rates now and at the window's end in the
                    best and worst case, with their points. Prints per unit the fewest dossiers to settle on time
                    to keep or lift its band, and the points at stake. A custom window takes --from and --to.""",
            "serve", """
                    usage: ./chiso serve
                    Runs the web UI, the HTTP API (/api, documented at /swagger-ui.html) and the scheduler
                    (the schedules of jobs/) on port CHISO_PORT (default 8080), until stopped with Ctrl-C.
                    Users come from CHISO_HOME/users.yml; without it the demo users of the README sign in.""",
            "worker", """
                    usage: ./chiso worker
                    Takes partitions of the heavy jobs (a window's reports, a few units each; the files of an
                    ingest of several, one each) from the RabbitMQ queue of CHISO_RABBIT_URL (amqp://user:password@host:5672) and runs them against the shared
                    PostgreSQL of CHISO_DB_URL, until stopped with Ctrl-C. A worker killed midway loses nothing:
                    its partition goes back to the queue. See the README, "More than one machine".""");

    private static final java.time.format.DateTimeFormatter VN_DATE = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /**
     * The loggers that print a failed start as a stack trace (Spring Boot's "Application run failed", its
     * failure analysis, the context's cancelled refresh). The command says why in one line instead.
     */
    private static final List<String> START_FAILURE_LOGGERS = List.of(
            "org.springframework.boot.SpringApplication",
            "org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter",
            "org.springframework.context.annotation.AnnotationConfigApplicationContext",
            "org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext");

    /** Set once the JVM is stopping (Ctrl-C, kill): a command that fails then fails because of the stop. */
    private static final java.util.concurrent.atomic.AtomicBoolean STOPPING = new java.util.concurrent.atomic.AtomicBoolean();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STOPPING.set(true), "chiso-stopping"));
    }

    private final PrintStream out;
    private final PrintStream err;
    private String command = "";

    public Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        command = args[0];
        vn.chiso.db.SharedDatabase.forget();
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (!HELP.containsKey(command)) {
            err.println("chiso: unknown command '" + command + "' (try ./chiso --help)");
            return 2;
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println(HELP.get(command));
            return 0;
        }
        try {
            return switch (command) {
                case "ingest" -> ingest(rest);
                case "demo" -> demo(rest);
                case "compute" -> compute(rest);
                case "report" -> report(rest);
                case "outlook" -> outlook(rest);
                case "serve" -> serve(rest);
                case "worker" -> worker(rest);
                default -> notYet(command);
            };
        } catch (UsageException e) {
            err.println("chiso " + command + ": " + e.getMessage());
            return 2;
        } catch (Exception | OutOfMemoryError | StackOverflowError e) { // one line, never a trace, whatever a file does
            java.util.Optional<String> serveStopped = vn.chiso.db.SharedDatabase.stopped();
            if (STOPPING.get()) {
                err.println("chiso " + command + ": stopped before it finished"
                        + (command.equals("ingest") ? "; run it again to continue where it stopped" : ""));
            } else if (serveStopped.isPresent()) {
                err.println("chiso " + command + ": " + serveStopped.get()
                        + (command.equals("ingest") ? " (it continues where it stopped)" : ""));
            } else {
                err.println("chiso " + command + ": " + reason(e));
            }
            return 1;
        }
    }

    /** The one line a failure is told in: the deepest cause's message, or what to do about a known one. */
    static String reason(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof org.springframework.boot.web.server.PortInUseException inUse) {
                return "port " + inUse.getPort() + " is already in use (another ./chiso serve?); stop what listens there, "
                        + "or set CHISO_PORT to another port";
            }
        }
        return IngestService.rootMessage(e);
    }

    /** Runs until the process is stopped; Spring's shutdown hook then closes the context. */
    private int serve(List<String> args) throws Exception {
        if (!args.isEmpty()) {
            throw new UsageException("serve takes no arguments; the port comes from CHISO_PORT");
        }
        // The scheduler runs here only; CHISO_SCHEDULE_ENABLED=false makes a web-only instance.
        ConfigurableApplicationContext context = application(WebApplicationType.SERVLET, Map.of("chiso.schedule.enabled", "true")).run();
        context.getBean(ReportArchive.class).failAbandoned(java.time.Duration.ofMinutes(30));
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        context.addApplicationListener((org.springframework.context.event.ContextClosedEvent e) -> closed.countDown());
        String port = context.getEnvironment().getProperty("local.server.port", "8080");
        String users = context.getBean(vn.chiso.security.UserStore.class).source();
        out.println("chiso serve: http://localhost:" + port + "/ (API: /api, /swagger-ui.html); users: "
                + (users == null ? "the demo users (see README; create CHISO_HOME/users.yml for real ones)" : users));
        out.println("chiso serve: Ctrl-C stops");
        if (context.isActive()) {
            closed.await();
        }
        return 0;
    }

    /** Runs until stopped, taking partitions from the queue; refuses, before starting anything, what cannot be shared across machines. */
    private int worker(List<String> args) throws Exception {
        if (!args.isEmpty()) {
            throw new UsageException("worker takes no arguments; it is configured by CHISO_RABBIT_URL and CHISO_DB_URL");
        }
        if (setting("CHISO_RABBIT_URL", "chiso.remote.rabbit") == null) {
            throw new UsageException("no RabbitMQ to take partitions from: set CHISO_RABBIT_URL, e.g. amqp://guest:guest@127.0.0.1:5672");
        }
        if (setting("CHISO_DB_URL", "chiso.db.url") == null) {
            throw new UsageException("a worker needs the manager's PostgreSQL: set CHISO_DB_URL (an embedded database cannot be shared across machines)");
        }
        try (ConfigurableApplicationContext context = start()) {
            java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
            context.addApplicationListener((org.springframework.context.event.ContextClosedEvent e) -> closed.countDown());
            var remote = context.getBean(vn.chiso.remote.RemoteProperties.class);
            out.println("chiso worker: taking partitions from " + remote.queue() + " at " + remote.broker() + "; Ctrl-C stops");
            closed.await();
            return 0;
        }
    }

    /** A setting given as an environment variable or a system property (as the one Spring binds), or null. */
    private static String setting(String variable, String property) {
        String value = System.getProperty(property, System.getenv(variable));
        return value == null || value.isBlank() ? null : value;
    }

    private int notYet(String command) {
        err.println("chiso " + command + ": not available yet in this version");
        return 3;
    }

    private int ingest(List<String> args) throws Exception {
        List<Path> paths = new ArrayList<>();
        boolean check = false;
        String profile = null;
        String encoding = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--profile=") || arg.startsWith("--encoding=")) { // --name=value as well as --name value
                String value = arg.substring(arg.indexOf('=') + 1);
                if (value.isBlank()) {
                    throw new UsageException(arg.substring(0, arg.indexOf('=')) + " needs a value");
                }
                if (arg.startsWith("--profile=")) {
                    profile = value;
                } else {
                    encoding = value;
                }
                continue;
            }
            switch (arg) {
                case "--check" -> check = true;
                case "--profile", "--encoding" -> {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException(arg + " needs a value");
                    }
                    if (arg.equals("--profile")) {
                        profile = args.get(++i);
                    } else {
                        encoding = args.get(++i);
                    }
                }
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("unknown option " + arg + " (allowed: --check, --profile NAME, --encoding NAME)");
                    }
                    paths.add(Path.of(arg));
                }
            }
        }
        if (paths.isEmpty()) {
            throw new UsageException("name at least one file or folder to ingest");
        }
        Reading reading = new Reading(profile, encoding);
        try {
            reading.charset();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try (ConfigurableApplicationContext context = start()) {
            return check ? check(context, paths, reading) : ingest(context, paths, reading);
        }
    }

    private int ingest(ConfigurableApplicationContext context, List<Path> paths) throws Exception {
        return ingest(context, paths, Reading.DEFAULT);
    }

    private int ingest(ConfigurableApplicationContext context, List<Path> paths, Reading reading) throws Exception {
        List<IngestService.FileResult> results = context.getBean(IngestService.class).ingest(paths, reading, out::println, runId -> { });
        List<String> problems = results.stream().filter(r -> !r.ok()).map(IngestService.FileResult::problem).toList();
        long stored = results.stream().filter(IngestService.FileResult::ok).count();
        out.printf("%d of %d files stored%n", stored, results.size());
        printMissingAgencies(context);
        if (!problems.isEmpty()) {
            problems.forEach(p -> out.println("  " + p));
            err.println(problems.size() == 1 ? problems.get(0) : problems.size() + " files not stored: " + String.join("; ", problems));
            return 1;
        }
        return 0;
    }

    /** {@code ingest --check}: how each file would be read, nothing stored; exit 1 when one would be refused. */
    private int check(ConfigurableApplicationContext context, List<Path> paths, Reading reading) throws Exception {
        IngestCheck.Report report = context.getBean(IngestService.class).check(paths, reading);
        report.skipped().forEach(out::println);
        List<IngestCheck.FileCheck> checks = report.files();
        for (IngestCheck.FileCheck check : checks) {
            IngestCheck.describe(check).forEach(out::println);
        }
        long refused = checks.stream().filter(IngestCheck.FileCheck::wouldRefuse).count();
        out.printf("checked %d files, nothing stored: %d would be stored, %d refused%n", checks.size(), checks.size() - refused, refused);
        if (refused > 0) {
            err.println(refused == 1 ? checks.stream().filter(IngestCheck.FileCheck::wouldRefuse).findFirst().orElseThrow().file() + ": would be refused"
                    : refused + " files would be refused");
            return 1;
        }
        return 0;
    }

    private int compute(List<String> args) throws Exception {
        Options options = Options.parse(args, "--window", "--from", "--to", "--out");
        ReportingWindow window = options.window();
        Path out = Path.of(options.get("--out", "."));
        try (ConfigurableApplicationContext context = start()) {
            compute(context, window, out);
            return 0;
        }
    }

    private void compute(ConfigurableApplicationContext context, ReportingWindow window, Path directory) throws Exception {
        IndicatorEngine engine = context.getBean(IndicatorEngine.class);
        long started = System.nanoTime();
        IndicatorEngine.Computation computation = engine.compute(window);
        List<IndicatorValue> values = engine.values(computation);
        Path file = IndicatorExport.write(directory, window.id(), values);
        out.printf("%s (%s, %s – %s): %,d dossiers in the window, computed in %.2f s%n", window.id(), window.vietnameseName(),
                VN_DATE.format(window.from()), VN_DATE.format(window.to()), computation.dossiers(), (System.nanoTime() - started) / 1e9);
        out.println("wrote " + file.toAbsolutePath().normalize());
        List<Score> scores = context.getBean(ScoringService.class).score(computation, values);
        List<Index766Score> index766 = context.getBean(Index766Service.class).score(computation, values);
        out.println("wrote " + ScoreExport.write(directory, window.id(), scores, index766).toAbsolutePath().normalize());
        printMainRates(values);
        printMissingAgencies(context);
    }

    /** The agency codes of the stored exports that agencies.csv lacks: their figures roll up nowhere until it lists them. */
    private void printMissingAgencies(ConfigurableApplicationContext context) {
        List<String> missing = context.getBean(OrgUnits.class).missingCodes();
        if (!missing.isEmpty()) {
            out.println("Đơn vị chưa có trong danh mục: " + String.join(", ", missing) + " — thêm vào agencies.csv");
        }
    }

    /** The province's headline figures: the top units' main rates, as an officer reads them. */
    private void printMainRates(List<IndicatorValue> values) {
        List<Indicator> main = List.of(Indicator.ON_TIME_RATE, Indicator.ONLINE_RATE, Indicator.ONLINE_PAYMENT_RATE,
                Indicator.DIGITIZATION_RATE, Indicator.SATISFACTION_RATE);
        Map<String, Map<Indicator, IndicatorValue>> byUnit = new java.util.TreeMap<>();
        values.forEach(v -> byUnit.computeIfAbsent(v.orgCode(), k -> new java.util.EnumMap<>(Indicator.class)).put(v.indicator(), v));
        out.printf("%-12s %10s %10s %10s %10s %10s %10s%n", "unit", "received", "on time", "online", "paid online", "digitised", "satisfied");
        byUnit.forEach((unit, row) -> {
            StringBuilder line = new StringBuilder("%-12s %10s".formatted(unit, "%,d".formatted(row.get(Indicator.RECEIVED).numerator())));
            for (Indicator indicator : main) {
                var ratio = row.get(indicator).ratio();
                line.append(" %10s".formatted(ratio == null ? "–" : "%.2f%%".formatted(ratio.doubleValue() * 100)));
            }
            out.println(line);
        });
    }

    private int report(List<String> args) throws Exception {
        Options options = Options.parse(args, "--window", "--from", "--to", "--org", "--format", "--out");
        ReportingWindow window = options.window();
        ReportFormat format;
        try {
            format = ReportFormat.parse(options.get("--format", "pdf"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String org = options.get("--org", null);
        String outDir = options.get("--out", null);
        try (ConfigurableApplicationContext context = start()) {
            report(context, window, org, format, outDir == null ? null : Path.of(outDir));
            return 0;
        }
    }

    /** {@code outlook}: the at-risk list and the window's outlook (SPEC §4.7), written and summed up per unit. */
    private int outlook(List<String> args) throws Exception {
        Options options = Options.parse(args, "--window", "--from", "--to", "--on", "--days", "--out");
        ReportingWindow window = options.window();
        java.time.LocalDate on = options.date("--on", java.time.LocalDate.now(ReportingWindow.ZONE));
        int days;
        try {
            days = Integer.parseInt(options.get("--days", "2"));
        } catch (NumberFormatException e) {
            throw new UsageException("--days takes a number of working days, e.g. 2");
        }
        if (days < 0 || !window.containsDate(on)) {
            throw new UsageException(days < 0 ? "--days cannot be negative"
                    : window.id() + " runs from " + VN_DATE.format(window.from()) + " to " + VN_DATE.format(window.to())
                            + "; the outlook is of a window still open on --on " + VN_DATE.format(on));
        }
        try (ConfigurableApplicationContext context = start()) {
            long started = System.nanoTime();
            vn.chiso.outlook.Outlook outlook = context.getBean(vn.chiso.outlook.OutlookService.class).outlook(window, on, days);
            out.printf("%s on %s: %,d dossiers at risk (due by %s), outlook computed in %.2f s%n", window.id(), VN_DATE.format(on),
                    outlook.atRisk().size(), VN_DATE.format(outlook.horizon()), (System.nanoTime() - started) / 1e9);
            for (Path file : vn.chiso.outlook.OutlookExport.write(Path.of(options.get("--out", ".")), outlook)) {
                out.println("wrote " + file.toAbsolutePath().normalize());
            }
            outlook.lines().forEach(out::println);
            return 0;
        }
    }

    private List<ReportArchive.Entry> report(ConfigurableApplicationContext context, ReportingWindow window, String org,
                                             ReportFormat format, Path outDir) throws Exception {
        out.printf("rendering the %s reports of %s (%s, %s – %s)%n", format.extension().toUpperCase(), window.id(),
                window.vietnameseName(), VN_DATE.format(window.from()), VN_DATE.format(window.to()));
        List<ReportArchive.Entry> entries = context.getBean(ReportService.class).generate(window, org, format, out::println);
        if (outDir != null) {
            Files.createDirectories(outDir);
            for (ReportArchive.Entry entry : entries) {
                Path copy = Files.copy(entry.path(), outDir.resolve(entry.fileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                out.println("copied " + copy.toAbsolutePath().normalize());
            }
        }
        return entries;
    }

    private int demo(List<String> args) throws Exception {
        Path sampleData = Path.of(System.getProperty("chiso.sample-data", "sample-data"));
        if (!Files.isDirectory(sampleData)) {
            throw new UsageException("cannot find the sample data folder " + sampleData.toAbsolutePath());
        }
        try (ConfigurableApplicationContext context = start()) {
            out.println("chiso demo: ingesting " + sampleData.toAbsolutePath());
            int status = ingest(context, List.of(sampleData), Reading.DEFAULT);
            ReportingWindow quarter = latestCompleteQuarter(context);
            Path exports = context.getBean(ChisoProperties.class).home().resolve("exports");
            out.println("chiso demo: computing " + quarter.id() + ", the latest complete quarter of the data");
            compute(context, quarter, exports);
            out.println("chiso demo: rendering the period reports of " + quarter.id());
            List<ReportArchive.Entry> reports = report(context, quarter, null, ReportFormat.PDF, null);
            out.println("chiso demo: the PDFs are in " + reports.get(0).path().getParent());
            out.println("  the province summary: " + reports.get(0).path());
            out.println("  as spreadsheets:      ./chiso report --window " + quarter.id() + " --format xlsx");
            return status;
        }
    }

    /** The last quarter whose cut-off day the data reach (received dates), else the last one before today. */
    private static ReportingWindow latestCompleteQuarter(ConfigurableApplicationContext context) {
        var jdbc = context.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
        java.time.LocalDate last = jdbc.queryForObject(
                "SELECT (max(received_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date FROM dossier", java.time.LocalDate.class);
        if (last == null) {
            last = java.time.LocalDate.now(ReportingWindow.ZONE);
        }
        for (int year = last.getYear() + 1; year > last.getYear() - 3; year--) {
            for (int quarter = 4; quarter >= 1; quarter--) {
                ReportingWindow window = ReportingWindow.parse(year + "-Q" + quarter);
                if (!window.to().isAfter(last)) {
                    return window;
                }
            }
        }
        return ReportingWindow.parse(last.getYear() + "-Q1");
    }

    private ConfigurableApplicationContext start() {
        return application(WebApplicationType.NONE, Map.of()).run();
    }

    /** The application of this command: it knows which command it runs (the embedded database records it). */
    private SpringApplication application(WebApplicationType type, Map<String, Object> properties) {
        SpringApplication application = new SpringApplication(ChisoApplication.class);
        application.setWebApplicationType(type);
        Map<String, Object> defaults = new java.util.HashMap<>(properties);
        defaults.put("chiso.command", command);
        START_FAILURE_LOGGERS.forEach(logger -> defaults.put("logging.level." + logger, "OFF"));
        application.setDefaultProperties(defaults);
        return application;
    }

    /** A command line that cannot be right. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
