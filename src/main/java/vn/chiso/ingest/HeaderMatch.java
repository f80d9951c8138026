package vn.chiso.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a file is, recognised from its header (SPEC §3): the kind whose signature columns are all
 * present and that names the most columns wins. {@code sourceIndex[i]} is the file's column holding
 * the kind's i-th column, or -1. {@code ignored}: the file's columns no field reads, but for a running
 * number ({@code STT}), which no one expects read. {@code aboveHeader}: the rows above the header
 * that were skipped, when the header was read from a file.
 */
record HeaderMatch(FileKind kind, int[] sourceIndex, List<String> ignored, List<String> missingRequired,
                   List<String> aboveHeader) {

    /** A running-number column's names (Số thứ tự), normalised. */
    private static final Set<String> RUNNING_NUMBER = Set.of("stt", "sothutu");

    static Optional<HeaderMatch> detect(List<String> header) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            positions.putIfAbsent(Names.normalize(header.get(i)), i);
        }
        HeaderMatch best = null;
        int bestScore = 0;
        for (FileKind kind : FileKind.values()) {
            HeaderMatch match = match(kind, header, positions);
            if (match == null) {
                continue;
            }
            int score = (int) Arrays.stream(match.sourceIndex).filter(i -> i >= 0).count();
            if (score > bestScore) {
                best = match;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    private static HeaderMatch match(FileKind kind, List<String> header, Map<String, Integer> positions) {
        int[] sourceIndex = new int[kind.columns.size()];
        boolean[] used = new boolean[header.size()];
        for (int i = 0; i < sourceIndex.length; i++) {
            sourceIndex[i] = -1;
            for (String form : kind.columns.get(i).headerForms()) {
                Integer position = positions.get(form);
                if (position != null && !used[position]) {
                    sourceIndex[i] = position;
                    used[position] = true;
                    break;
                }
            }
        }
        for (String signatureColumn : kind.signature) {
            if (sourceIndex[kind.indexOf(signatureColumn)] < 0) {
                return null;
            }
        }
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!used[i] && !header.get(i).isBlank() && !RUNNING_NUMBER.contains(Names.normalize(header.get(i)))) {
                ignored.add(header.get(i));
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < sourceIndex.length; i++) {
            Column column = kind.columns.get(i);
            if (column.required() && column.whenEmpty() == null && sourceIndex[i] < 0) {
                String label = column.labels().isEmpty() ? "" : " (" + column.labels().get(0) + ")";
                missing.add(column.name() + label);
            }
        }
        return new HeaderMatch(kind, sourceIndex, ignored, missing, List.of());
    }

    /** This match, for a header found below these rows. */
    HeaderMatch below(List<String> rowsAbove) {
        return new HeaderMatch(kind, sourceIndex, ignored, missingRequired, List.copyOf(rowsAbove));
    }

    /** The row's cells in the kind's column order. */
    Object[] align(List<Object> cells) {
        Object[] aligned = new Object[sourceIndex.length];
        for (int i = 0; i < sourceIndex.length; i++) {
            int source = sourceIndex[i];
            aligned[i] = source >= 0 && source < cells.size() ? cells.get(source) : null;
        }
        return aligned;
    }
}
