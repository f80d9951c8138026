package vn.chiso.web;

/**
 * Moved to {@link vn.chiso.CsvCells}, where the ingest's rejects files can use it too; kept while
 * branches that import this one are merged.
 */
@Deprecated
public final class CsvCells {

    private CsvCells() {
    }

    public static String neutralise(String value) {
        return vn.chiso.CsvCells.neutralise(value);
    }
}
