package vn.chiso.ingest.read;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * How much of a file the readers take before they refuse it (issue 17): a file past one of these is
 * refused whole with one line naming the limit, instead of filling the heap (a 3.7 MB XLSX whose
 * shared strings unpack to 60M strings took the server down). The defaults leave room for a real
 * province export — a million rows of some 40 columns, a cell as long as Excel allows — and keep
 * what a reader holds at once (one row; an XLSX's shared strings and styles) within the launcher's
 * 512 MB heap. Set under {@code chiso.ingest.limits.*} (e.g. {@code CHISO_INGEST_LIMITS_ROWS}).
 *
 * @param rows              data rows of one file
 * @param cellsPerRow       cells of one row, the header's included (Excel's own limit: 16,384 columns)
 * @param cellChars         characters of one cell or JSON value (Excel's own limit: 32,767)
 * @param rowChars          characters of one row (a CSV record), all its cells together
 * @param sharedStrings     strings of an XLSX's shared-strings part, or an XLS's string table
 * @param sharedStringChars characters of those strings together: the table is held while the sheet is read
 * @param styles            cell styles of an XLSX (Excel's own limit: 64,000)
 * @param partBytes         uncompressed bytes of one part of an XLSX (a sheet of 1M rows x 40 columns is about 1.5 GB)
 * @param stylesBytes       uncompressed bytes of an XLSX's styles part
 * @param inflateRatio      how many times its compressed size one XLSX part may unpack to, past its first MB (a zip bomb's is in the thousands)
 * @param xlsBytes          bytes of an XLS workbook's stream, which POI reads record by record but holds its string table whole
 * @param jsonDepth         nesting of objects and arrays in a JSON export
 */
@ConfigurationProperties("chiso.ingest.limits")
public record ReadLimits(
        @DefaultValue("10000000") long rows,
        @DefaultValue("16384") int cellsPerRow,
        @DefaultValue("32767") int cellChars,
        @DefaultValue("1000000") int rowChars,
        @DefaultValue("4000000") int sharedStrings,
        @DefaultValue("100000000") long sharedStringChars,
        @DefaultValue("64000") int styles,
        @DefaultValue("4000000000") long partBytes,
        @DefaultValue("16000000") long stylesBytes,
        @DefaultValue("100") int inflateRatio,
        @DefaultValue("500000000") long xlsBytes,
        @DefaultValue("64") int jsonDepth) {

    /** The limits as shipped, for a reader opened without Spring (tests, the benchmark). */
    public static final ReadLimits DEFAULT = new ReadLimits(10_000_000, 16_384, 32_767, 1_000_000, 4_000_000, 100_000_000,
            64_000, 4_000_000_000L, 16_000_000, 100, 500_000_000, 64);

    /** The limits the application was configured with; the readers are opened from static code that has no bean at hand. */
    private static volatile ReadLimits configured = DEFAULT;

    static ReadLimits configured() {
        return configured;
    }

    public static void configure(ReadLimits limits) {
        configured = limits;
    }

    /** Puts the bound settings in force for every reader the application opens. */
    @Component
    static final class InForce {
        InForce(ReadLimits limits) {
            configure(limits);
        }
    }

    /** "4,000,000" as the messages write numbers. */
    static String count(long n) {
        return "%,d".formatted(n);
    }

    /** One line that refuses a file: what is past which limit, and that none of it was kept. */
    static Exceeded exceeded(Path file, String what, String property) {
        return new Exceeded(file.getFileName() + ": " + what + " (limit chiso.ingest.limits." + property
                + "); nothing of the file was stored");
    }

    /** A file past a limit: refused whole, as a malformed file is; correcting (or splitting) it is the way on. */
    public static final class Exceeded extends CsvSource.MalformedFileException {
        Exceeded(String message) {
            super(message);
        }

        /** The limit passed among the causes of {@code e}, however a parser wrapped it; null if none. */
        static Exceeded in(Throwable e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof Exceeded exceeded) {
                    return exceeded;
                }
            }
            return null;
        }
    }
}
