package vn.chiso.ingest.read;

import java.text.Normalizer;

/**
 * Header names and enum labels are matched ignoring case, diacritics and spacing (SPEC §3):
 * "Mã hồ sơ", "MA HO SO" and "ma_ho_so" are one name.
 */
public final class Names {

    private Names() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text.strip(), Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c == 'đ' || c == 'Đ') {
                out.append('d');
            } else if (Character.isLetterOrDigit(c) && Character.getType(c) != Character.NON_SPACING_MARK) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }
}
