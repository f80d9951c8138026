package vn.chiso.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vn.chiso.calendar.ReportingWindow;

/** {@code --name value} options of a command; anything else is a usage error. */
final class Options {

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(List<String> args, String... allowed) throws Cli.UsageException {
        return parse(args, null, allowed);
    }

    /**
     * As {@link #parse(List, String...)}, adding the arguments that are no option ({@code PATH...}) to
     * {@code positional}; null: there are none.
     */
    static Options parse(List<String> args, List<String> positional, String... allowed) throws Cli.UsageException {
        Set<String> names = Set.of(allowed);
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (positional != null && !arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!names.contains(name) && positional != null) {
                throw new Cli.UsageException("unknown option " + arg + " (allowed: " + String.join(", ", allowed) + ")");
            }
            if (!names.contains(name)) {
                throw new Cli.UsageException("unknown option or argument '" + arg + "' (allowed: " + String.join(", ", allowed) + ")");
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new Cli.UsageException(name + " needs a value");
            }
            values.put(name, value);
        }
        return new Options(values);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name) throws Cli.UsageException {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new Cli.UsageException(name + " is required");
        }
        return value;
    }

    /** {@code --window ID}, or a custom window when {@code --from} and {@code --to} are given. */
    ReportingWindow window() throws Cli.UsageException {
        String id = required("--window");
        String from = values.get("--from");
        String to = values.get("--to");
        try {
            if (from == null && to == null) {
                return ReportingWindow.parse(id);
            }
            if (from == null || to == null) {
                throw new Cli.UsageException("a custom window needs both --from and --to");
            }
            return ReportingWindow.custom(id, date(from), date(to));
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException(e.getMessage());
        }
    }

    /** A date option (yyyy-MM-dd or dd/MM/yyyy), or the fallback when it is not given. */
    LocalDate date(String name, LocalDate fallback) throws Cli.UsageException {
        String value = values.get(name);
        return value == null ? fallback : date(value);
    }

    private static LocalDate date(String text) throws Cli.UsageException {
        try {
            if (text.contains("/")) {
                return LocalDate.parse(text, java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
            }
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Cli.UsageException("'" + text + "' is not a date (yyyy-MM-dd or dd/MM/yyyy)");
        }
    }
}
