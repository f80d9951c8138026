package vn.chiso;

/**
 * Cell values for CSV and XLSX files chiso hands out. A spreadsheet takes a cell starting with
 * {@code = + - @} (or a tab or carriage return) as a formula, so an export row like
 * {@code =HYPERLINK(...)} would run when an officer opens the download; such a value gets a leading
 * apostrophe, which spreadsheets show as text. A CSV starts with a byte order mark: without it Excel
 * reads UTF-8 as the machine's code page and shows "Sá»Ÿ" for "Sở".
 */
public final class CsvCells {

    /** Written first in every CSV chiso writes for people, so that Excel reads it as UTF-8. */
    public static final char BOM = '\uFEFF';

    private CsvCells() {
    }

    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
    }
}
