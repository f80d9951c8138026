package vn.chiso.ingest.check;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What is wrong with one value of a row: its column, the value as read and why it cannot be right. */
public record Problem(String column, String value, String reason) {

    /**
     * A rejected row's problems as one: a row is one reject (SPEC §7), so that the rejected count a
     * run prints is the number of lines of its rejects file. Columns and reasons are listed in order.
     */
    public static Problem of(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        Set<String> columns = new LinkedHashSet<>();
        Set<String> values = new LinkedHashSet<>();
        Set<String> reasons = new LinkedHashSet<>();
        for (Problem problem : problems) {
            columns.add(problem.column());
            if (!problem.value().isEmpty()) {
                values.add(problem.value());
            }
            reasons.add(problem.reason());
        }
        return new Problem(String.join("; ", columns), String.join("; ", values), String.join("; ", reasons));
    }
}
