package vn.chiso.ingest;

import java.text.BreakIterator;
import java.text.Normalizer;

/**
 * Text cut short for a message or a name: in NFC and on a character boundary, so that a cut never
 * leaves half a character (a lone surrogate, or a letter whose tone mark was cut off, which prints
 * as "…GI�" where "…GIẢI QUYẾT" was meant).
 */
public final class Texts {

    private Texts() {
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
