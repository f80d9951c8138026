package vn.chiso.ingest;

import vn.chiso.ingest.check.UnitScope;
import vn.chiso.ingest.check.Column;
import vn.chiso.ingest.check.FileKind;
import vn.chiso.ingest.check.HeaderMatch;
import vn.chiso.ingest.check.ParsedRow;
import vn.chiso.ingest.check.Problem;
import vn.chiso.ingest.check.References;
import vn.chiso.ingest.check.RowParser;
import vn.chiso.ingest.read.ReadOptions;
import vn.chiso.ingest.read.RecordSource;
import vn.chiso.ingest.read.Texts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import vn.chiso.ChisoProperties;

/**
 * {@code ./chiso ingest --check} (SPEC §3.6): reads a file as an ingest would and stores nothing, to
 * say how chiso understands it — the kind and profile recognised, which source column feeds which
 * field, the columns not used, the values no label matched, the first rejects by reason and whether
 * the file would be refused — so a province can write its profile before its first real load.
 */
public final class IngestCheck {

    /** How many rows of each reason are listed by line. */
    private static final int EXAMPLES = 3;
    /** Keys kept to find repeated ones; past this the repeats are not looked for (said in the report). */
    private static final int KEYS_KEPT = 2_000_000;

    private IngestCheck() {
    }

    /** What a check found: each file's report, and the files of the folders that are no export, with the reason. */
    public record Report(List<FileCheck> files, List<String> skipped) {
    }

    /** One reason rows are rejected for, with how many and the first lines. */
    public record RejectReason(String column, String reason, long rows, List<Long> firstLines, List<String> firstKeys) {
    }

    /**
     * What reading a file found.
     *
     * @param problem      why the file cannot be read at all (not an export, not UTF-8, …), else null
     * @param mapping      source column → the field it feeds
     * @param unused       source columns no field reads
     * @param missing      required fields no column gives: every row would be rejected naming them
     * @param defaulted    optional fields no column gives, taken as empty, false or 0
     * @param unmatched    per field, the values no label matched, with how many rows hold each
     * @param rejects      the reasons rows would be rejected for, most frequent first
     * @param wouldRefuse  whether the file would be refused whole (SPEC §7)
     */
    public record FileCheck(String file, String kind, String profile, String encoding, String problem,
                            List<String> aboveHeader, Map<String, String> mapping, List<String> unused, List<String> missing, List<String> defaulted,
                            Map<String, Map<String, Long>> unmatched, long rows, long rejected,
                            List<RejectReason> rejects, boolean wouldRefuse, String verdict) {
    }

    static FileCheck unreadable(Path file, String problem) {
        String prefix = file.getFileName() + ": ";
        while (problem.startsWith(prefix)) {
            problem = problem.substring(prefix.length()); // the file is named once, by the report
        }
        return new FileCheck(file.getFileName().toString(), null, null, null, problem, List.of(), Map.of(), List.of(), List.of(), List.of(),
                Map.of(), 0, 0, List.of(), true, "would be refused: " + problem);
    }

    static FileCheck check(Path file, HeaderMatch header, ReadOptions options, References references,
                           ChisoProperties.Ingest limits) throws IOException {
        FileKind kind = header.kind();
        List<String> headerNames;
        RowParser parser = new RowParser(header, references);
        Map<String, Map<String, Long>> unmatched = new TreeMap<>();
        Map<String, RejectTally> reasons = new LinkedHashMap<>();
        Map<String, List<Long>> linesByKey = new HashMap<>();
        Set<Long> rejectedLines = new HashSet<>();
        long rows = 0;
        long badValues = 0;
        long outside = 0; // rejected only for lying outside the uploader's units, which the threshold does not weigh
        try (RecordSource source = RecordSource.open(file, options)) {
            headerNames = source.header();
            List<Problem> problems = new ArrayList<>();
            RecordSource.RawRecord record;
            while ((record = source.next()) != null) {
                rows++;
                problems.clear();
                ParsedRow row = parser.parse(header.align(record.cells()), problems);
                if (problems.isEmpty()) {
                    if (linesByKey.size() < KEYS_KEPT) {
                        linesByKey.computeIfAbsent(row.storedKey(), k -> new ArrayList<>(1)).add(record.line());
                    }
                    continue;
                }
                if (problems.stream().allMatch(UnitScope::outside)) {
                    outside++;
                } else {
                    badValues++;
                }
                rejectedLines.add(record.line());
                String key = row.key();
                if (!key.isEmpty() && linesByKey.size() < KEYS_KEPT) {
                    linesByKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(record.line());
                }
                for (Problem problem : problems) {
                    Column column = kind.columns.stream().filter(c -> c.name().equals(problem.column())).findFirst().orElse(null);
                    boolean labelled = column != null && (column.type() == Column.Type.ENUM || column.type() == Column.Type.BOOLEAN)
                            || problem.reason().contains("is the name of");
                    if (labelled && !problem.value().isEmpty()) {
                        unmatched.computeIfAbsent(problem.column(), c -> new TreeMap<>()).merge(problem.value(), 1L, Long::sum);
                    }
                    reasons.computeIfAbsent(problem.column() + "\u0000" + general(problem.reason()),
                            r -> new RejectTally(problem.column(), general(problem.reason()))).add(record.line(), key);
                }
            }
        }
        long repeated = 0;
        for (Map.Entry<String, List<Long>> entry : linesByKey.entrySet()) {
            if (entry.getValue().size() > 1) {
                RejectTally tally = reasons.computeIfAbsent("\u0001repeated", r -> new RejectTally(
                        String.join("|", kind.keyColumnNames()), "the key appears more than once in this file: every row of it is rejected"));
                for (long line : entry.getValue()) {
                    tally.add(line, entry.getKey());
                    if (rejectedLines.add(line)) {
                        repeated++;
                    }
                }
            }
        }
        List<RejectReason> rejects = reasons.values().stream()
                .sorted((a, b) -> Long.compare(b.rows, a.rows))
                .map(t -> new RejectReason(t.column, t.reason, t.rows, List.copyOf(t.lines), List.copyOf(t.keys))).toList();
        boolean refuse = limits.refuses(badValues, rows - outside);
        long rejected = badValues + outside + repeated;
        String verdict = rows == 0 ? "would store nothing: the file has no data rows"
                : refuse ? "would be refused: %d of %d rows rejected (%.1f%%), more than the %.1f%% allowed".formatted(
                        badValues, rows - outside, 100.0 * badValues / Math.max(1, rows - outside), 100 * limits.rejectThreshold())
                : "would be stored: %d of %d rows, %d rejected".formatted(rows - rejected, rows, rejected);
        String encoding = options.encoding() != null ? options.encoding().name() : "UTF-8";
        return new FileCheck(file.getFileName().toString(), kind.label(), header.profile() == null ? null : header.profile().name(),
                encoding, null, header.aboveHeader(), header.mapping(headerNames), header.ignored(), header.missingRequired(), header.unfilled(), unmatched, rows,
                rejected, rejects, refuse, verdict);
    }

    /** A reason without the value it quotes, so that rows rejected for one rule are counted together. */
    private static String general(String reason) {
        return reason.replaceAll("'[^']*'", "'…'").replaceAll("\\([^)]*\\d[^)]*\\)", "(…)")
                .replaceAll("procedure \\S+ is unknown", "procedure … is unknown");
    }

    private static final class RejectTally {
        final String column;
        final String reason;
        long rows;
        final List<Long> lines = new ArrayList<>();
        final List<String> keys = new ArrayList<>();

        RejectTally(String column, String reason) {
            this.column = column;
            this.reason = reason;
        }

        void add(long line, String key) {
            rows++;
            if (lines.size() < EXAMPLES) {
                lines.add(line);
                keys.add(key);
            }
        }
    }

    /** The report as the command line prints it. */
    public static List<String> describe(FileCheck check) {
        List<String> out = new ArrayList<>();
        if (check.problem() != null) {
            out.add(check.file() + ": " + check.problem());
            return out;
        }
        out.add("%s: %s export%s, %s, %,d rows".formatted(check.file(), check.kind(),
                check.profile() == null ? "" : ", profile " + check.profile(), check.encoding(), check.rows()));
        if (!check.aboveHeader().isEmpty()) {
            out.add("  " + IngestService.aboveHeaderNote(check.aboveHeader()));
        }
        out.add("  columns:");
        check.mapping().forEach((source, field) -> out.add("    " + source + " → " + field));
        if (!check.unused().isEmpty()) {
            out.add("  not used: " + String.join(", ", check.unused()));
        }
        if (!check.defaulted().isEmpty()) {
            out.add("  fields no column fills, taken as empty: " + String.join(", ", check.defaulted()));
        }
        if (!check.missing().isEmpty()) {
            out.add("  missing: " + String.join(", ", check.missing()) + " — every row would be rejected naming it");
        }
        if (!check.unmatched().isEmpty()) {
            out.add("  values no label matched:");
            check.unmatched().forEach((field, values) -> out.add("    " + field + ": " + String.join(", ",
                    values.entrySet().stream().map(e -> "'" + Texts.quote(e.getKey()) + "' ×" + e.getValue()).toList())));
        }
        if (!check.rejects().isEmpty()) {
            out.add("  rejects by reason:");
            for (RejectReason reason : check.rejects()) {
                out.add("    %s: %s — %,d row%s (line%s %s)".formatted(reason.column(), reason.reason(), reason.rows(),
                        reason.rows() == 1 ? "" : "s", reason.firstLines().size() == 1 ? "" : "s",
                        String.join(", ", reason.firstLines().stream().map(String::valueOf).toList())
                                + (reason.rows() > reason.firstLines().size() ? ", …" : "")));
            }
        }
        out.add("  " + check.verdict());
        return out;
    }
}
