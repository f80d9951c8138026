package vn.chiso.ingest.read;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/**
 * How to read a file, as the user asked (SPEC §3, §3.6): the source profile to apply (null: the one
 * whose signature the header holds, if any) and the encoding (null: UTF-8 or UTF-16 with a BOM, or
 * the profile's). Kept with the run, so that a continued run reads its file the same way.
 */
public record Reading(String profile, String encoding) {

    public static final Reading DEFAULT = new Reading(null, null);

    /** As a form or a query gives them: a blank value names nothing. */
    public static Reading of(String profile, String encoding) {
        return new Reading(blankToNull(profile), blankToNull(encoding));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The named encoding, or null; the exception's message says the name is unknown. */
    public Charset charset() {
        if (encoding == null || encoding.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(encoding.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("unknown encoding '" + encoding + "' (e.g. UTF-8, windows-1258, windows-1252, UTF-16)");
        }
    }
}
