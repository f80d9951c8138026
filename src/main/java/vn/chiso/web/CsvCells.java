package vn.chiso.web;

/**
 * Cell values for CSV and XLSX files chiso hands out. A spreadsheet takes a cell starting with
 * {@code = + - @} (or a tab or carriage return) as a formula, so an export row like
 * {@code =HYPERLINK(...)} would run when an officer opens the download; such a value gets a leading
 * apostrophe, which spreadsheets show as text.
 */
public final class CsvCells {

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
