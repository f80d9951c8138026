package vn.chiso.ingest.read;

import java.text.BreakIterator;
import java.text.Normalizer;

/**
 * Text cut short for a message or a name: in NFC and on a character boundary, so that a cut never
 * leaves half a character (a lone surrogate, or a letter whose tone mark was cut off, which prints
 * as "…GI�" where "…GIẢI QUYẾT" was meant).
 */
public final class Texts {

    /** How much of a value or a header a message quotes. */
    static final int QUOTED = 200;
    /** How long a message grows at most, whatever it quotes: a line a person reads, not a file's column list. */
    static final int LINE = 400;

    private Texts() {
    }

    /** A value or a header as a message quotes it: its first {@value #QUOTED} characters at most. */
    public static String quote(String value) {
        return clip(head(String.valueOf(value), QUOTED), QUOTED);
    }

    /** A message on one line, cut to {@value #LINE} characters: what reaches a user, a log or a run's record. */
    public static String oneLine(String message) {
        return clip(head(String.valueOf(message), LINE).replaceAll("\\s+", " ").strip(), LINE);
    }

    /** Enough of a long text to cut from, so that a megabyte's header is not normalised whole for 200 characters of it. */
    private static String head(String text, int max) {
        return text.length() > 4 * max ? text.substring(0, 4 * max) + "…" : text;
    }

    /** The text's first {@code max} characters at most, "…" standing for the rest. */
    public static String clip(String text, int max) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        if (nfc.codePointCount(0, nfc.length()) <= max) {
            return nfc;
        }
        return nfc.substring(0, boundaryAtOrBefore(nfc, nfc.offsetByCodePoints(0, max - 1))) + "…";
    }

    /** The text's last {@code max} characters at most, for a name whose end (its extension) matters. */
    public static String tail(String text, int max) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        int count = nfc.codePointCount(0, nfc.length());
        if (count <= max) {
            return nfc;
        }
        int from = nfc.offsetByCodePoints(0, count - max);
        BreakIterator characters = BreakIterator.getCharacterInstance();
        characters.setText(nfc);
        return nfc.substring(characters.isBoundary(from) ? from : characters.following(from));
    }

    private static int boundaryAtOrBefore(String text, int offset) {
        BreakIterator characters = BreakIterator.getCharacterInstance();
        characters.setText(text);
        return characters.isBoundary(offset) ? offset : characters.preceding(offset);
    }
}
