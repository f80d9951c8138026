package vn.chiso.scoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rules in force: a province's file when a setting names one, read again when it changes (so a
 * running server follows an edited regulation without a restart, and a broken file fails the
 * scoring, not the application), else the shipped ones.
 *
 * @param <T> the parsed rules
 */
final class RuleFile<T> {

    private final Path file;
    private final String setting;
    private final Supplier<T> shipped;
    private final Function<Path, T> load;
    private T rules;
    private FileTime modified;

    /**
     * @param file    the province's file, or null for the shipped rules
     * @param setting how a message names the setting, e.g. "scoring rules (chiso.scoring.rules, CHISO_SCORING_RULES)"
     */
    RuleFile(Path file, String setting, Supplier<T> shipped, Function<Path, T> load) {
        this.file = file;
        this.setting = setting;
        this.shipped = shipped;
        this.load = load;
    }

    synchronized T get() {
        if (file == null) {
            if (rules == null) {
                rules = shipped.get();
            }
            return rules;
        }
        FileTime now = modified();
        if (rules == null || !now.equals(modified)) {
            rules = load.apply(file);
            modified = now;
        }
        return rules;
    }

    private FileTime modified() {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(setting + ": no file " + file.toAbsolutePath());
        }
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(setting + ": cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }
}
