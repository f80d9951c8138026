package vn.chiso.ingest.read;

import vn.chiso.ingest.check.HeaderMatch;
import vn.chiso.ingest.check.SourceProfiles;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * How an ingest reads its files. {@code encoding}: the text files' encoding when it is not UTF-8
 * ({@code ./chiso ingest --encoding windows-1258}); null reads UTF-8, or UTF-16 after its BOM, and
 * refuses any file that is neither (SPEC §3). A byte-order mark always wins over the named encoding.
 */
public record ReadOptions(Charset encoding, SourceProfiles profiles, String profile) {

    public static final ReadOptions DEFAULT = new ReadOptions(null, SourceProfiles.NONE, null);

    public ReadOptions(Charset encoding) {
        this(encoding, SourceProfiles.NONE, null);
    }

    /** These options, the header searched among rows with the source profiles too (a profile's own column names). */
    ReadOptions with(SourceProfiles profiles, String profile) {
        return new ReadOptions(encoding, profiles, profile);
    }

    /** Whether a row is a header: a kind's, with the profile named or any whose signature it holds. */
    boolean isHeader(java.util.List<String> cells) {
        return HeaderMatch.detect(cells, profiles, profile).isPresent();
    }

    /** The options naming this encoding (a Java charset name, e.g. windows-1258); null or blank: the default. */
    public static ReadOptions encoding(String name) {
        if (name == null || name.isBlank()) {
            return DEFAULT;
        }
        try {
            Charset charset = Charset.forName(name.strip());
            return charset.equals(StandardCharsets.UTF_8) ? DEFAULT : new ReadOptions(charset);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("unknown encoding '" + name
                    + "' (name a Java charset, e.g. windows-1258, windows-1252, UTF-16)");
        }
    }

    /** The encoding's name as {@link #encoding(String)} reads it back; null for the default. */
    public String encodingName() {
        return encoding == null ? null : encoding.name();
    }
}
