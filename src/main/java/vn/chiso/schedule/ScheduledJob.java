package vn.chiso.schedule;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.quartz.CronExpression;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import vn.chiso.calendar.ReportingWindow;

/**
 * One schedule of a {@code jobs/*.yml} file, which a user edits without rebuilding:
 *
 * <pre>
 * jobs:
 *   - name: nightly-pickup
 *     kind: pickup                 # ingest the drop folder's files, then recompute the open windows
 *     cron: "0 30 1 * * ?"         # Quartz cron (second minute hour day month weekday), Vietnam's time
 *     inbox: /srv/chiso/inbox      # optional: default CHISO_HOME/inbox
 *     archive: /srv/chiso/done     # optional: default INBOX/archive (stored files)
 *     failed: /srv/chiso/failed    # optional: default INBOX/failed (refused files and their rejects)
 *     recompute: true              # optional: recompute the open windows afterwards (default true)
 *   - name: window-reports
 *     kind: reports                # every report of each window whose report is due that day
 *     cron: "0 0 6 15 * ?"
 *     windows: [QUARTER, HALF, NINE_MONTHS, YEAR]   # optional: which kinds of window (default these)
 *   - name: morning-warning
 *     kind: warning                # the at-risk dossiers mailed to the recipients of CHISO_HOME/notifications.yml
 *     cron: "0 0 7 * * ?"          # fires daily; on a day off (weekend, holiday, unless a make-up day) it sends nothing
 *     windows: [QUARTER]           # optional: of the shortest window of these kinds holding the day (default the quarter)
 * </pre>
 */
public record ScheduledJob(String name, Kind kind, String cron, Path inbox, Path archive, Path failed, boolean recompute,
                           Set<ReportingWindow.Kind> windows) {

    public enum Kind {
        /** Nhận tệp: ingest the drop folder's files, then recompute the open windows. */
        PICKUP("Nhận tệp và tính lại các kỳ đang mở"),
        /** Lập báo cáo: every report of the windows due that day. */
        REPORTS("Lập báo cáo các kỳ đến hạn"),
        /** Cảnh báo buổi sáng: each unit's at-risk dossiers and outlook mailed to it, the digest to the province. */
        WARNING("Gửi thư cảnh báo hồ sơ sắp trễ hạn");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    static final Set<ReportingWindow.Kind> DEFAULT_WINDOWS = EnumSet.of(ReportingWindow.Kind.QUARTER,
            ReportingWindow.Kind.HALF, ReportingWindow.Kind.NINE_MONTHS, ReportingWindow.Kind.YEAR);

    /** Every schedule of the folder's {@code .yml}/{@code .yaml} files, in file name order. */
    public static List<ScheduledJob> load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("no schedules folder " + folder.toAbsolutePath());
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(f -> f.getFileName().toString().matches("(?i)[^.].*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        List<ScheduledJob> jobs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path file : files) {
            for (ScheduledJob job : read(file)) {
                if (!names.add(job.name())) {
                    throw new IllegalArgumentException(file + ": a schedule named '" + job.name() + "' is defined twice");
                }
                jobs.add(job);
            }
        }
        return jobs;
    }

    static List<ScheduledJob> read(Path file) {
        Object root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException | YAMLException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage().replaceAll("\\s+", " "), e);
        }
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof Map<?, ?> map) || !(map.get("jobs") instanceof List<?> list)) {
            throw new IllegalArgumentException(file + ": expected a list 'jobs:' of schedules (name, kind, cron)");
        }
        List<ScheduledJob> jobs = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> entry)) {
                throw new IllegalArgumentException(file + ": each schedule is a mapping with name, kind and cron");
            }
            jobs.add(parse(entry, file));
        }
        return jobs;
    }

    private static ScheduledJob parse(Map<?, ?> entry, Path file) {
        String name = required(entry, "name", file, "?");
        if (!name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException(file + ": schedule name '" + name + "' may hold letters, digits, '.', '-' and '_' only");
        }
        String where = file + ": schedule " + name;
        Kind kind;
        try {
            kind = Kind.valueOf(required(entry, "kind", file, name).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": kind must be pickup, reports or warning");
        }
        String cron = required(entry, "cron", file, name);
        try {
            new CronExpression(cron);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(where + ": cron '" + cron + "' is not a Quartz cron expression (" + e.getMessage() + ")");
        }
        Set<ReportingWindow.Kind> windows = EnumSet.copyOf(DEFAULT_WINDOWS);
        if (entry.get("windows") instanceof List<?> kinds) {
            windows = EnumSet.noneOf(ReportingWindow.Kind.class);
            for (Object k : kinds) {
                try {
                    windows.add(ReportingWindow.Kind.valueOf(k.toString().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": windows: unknown kind " + k + " (MONTH, QUARTER, HALF, NINE_MONTHS, YEAR)");
                }
            }
            windows.remove(ReportingWindow.Kind.CUSTOM);
        }
        Object recompute = entry.get("recompute");
        return new ScheduledJob(name, kind, cron, path(entry, "inbox"), path(entry, "archive"), path(entry, "failed"),
                recompute == null || Boolean.parseBoolean(recompute.toString()), windows);
    }

    private static String required(Map<?, ?> entry, String key, Path file, String name) {
        Object value = entry.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException(file + ": schedule " + name + " has no " + key);
        }
        return value.toString().strip();
    }

    private static Path path(Map<?, ?> entry, String key) {
        Object value = entry.get(key);
        return value == null || value.toString().isBlank() ? null : Path.of(value.toString().strip());
    }
}
