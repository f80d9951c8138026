package vn.chiso.ingest.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.apache.poi.hssf.eventusermodel.FormatTrackingHSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFListener;
import org.apache.poi.hssf.eventusermodel.MissingRecordAwareHSSFListener;
import org.apache.poi.hssf.eventusermodel.dummyrecord.LastCellOfRowDummyRecord;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.RecordFactoryInputStream;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.DocumentInputStream;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;

/**
 * The first sheet of an XLS workbook (Excel 97–2003), streamed with POI's HSSF event API: records
 * are pulled one by one from the workbook stream and passed through POI's listeners, which track the
 * number formats (for date cells) and mark each row's end, so that only the row being read sits in
 * memory, with the shared strings. Cells come out as {@link XlsxSource}'s do: date cells as dates
 * (date-only when the format has no time of day and the value no fraction of a day), whole numbers
 * without ".0", booleans as true/false, formulas as their cached values. Read within {@link ReadLimits}:
 * the workbook stream's size, the string table's (checked from the record headers before POI reads it
 * whole), a row's cells and a cell's characters.
 */
final class XlsSource implements RecordSource {

    private final Path file;
    private final ReadLimits limits;
    private long rowsRead;
    private final POIFSFileSystem filesystem;
    private final DocumentInputStream document;
    private final CsvSource.CountingStream counter;
    private final long documentSize;
    private final RecordFactoryInputStream records;
    private final HSSFListener listener;
    private final FormatTrackingHSSFListener formats;
    /** The header, the title rows above it, and the rows read while looking for it that are data after all. */
    private final HeaderSearch.Found found;

    private SSTRecord sharedStrings;
    private boolean date1904;
    /** BOF/EOF nesting: 1 inside a sheet's substream, 2 inside a chart embedded in it. */
    private int depth;
    private int worksheets;
    private boolean inFirstSheet;
    private boolean sheetDone;
    private List<Object> row = new ArrayList<>();
    private final Deque<RawRecord> rows = new ArrayDeque<>();
    /** The row and column of a formula whose string value comes in the record after it. */
    private List<Object> pendingStringRow;
    private int pendingStringColumn = -1;

    XlsSource(Path file) throws IOException {
        this(file, ReadOptions.DEFAULT);
    }

    XlsSource(Path file, ReadOptions options) throws IOException {
        this.file = file;
        this.limits = ReadLimits.configured();
        try {
            this.filesystem = new POIFSFileSystem(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file.getFileName() + ": not a readable XLS workbook: " + e.getMessage(), e);
        }
        try {
            String name = HSSFWorkbook.getWorkbookDirEntryName(filesystem.getRoot());
            this.document = filesystem.createDocumentInputStream(name);
            this.documentSize = Math.max(1, document.available());
            if (documentSize > limits.xlsBytes()) {
                throw ReadLimits.exceeded(file, "the workbook stream holds more than " + ReadLimits.count(limits.xlsBytes()) + " bytes",
                        "xls-bytes");
            }
            this.counter = new CsvSource.CountingStream(new StringTableWatch(document));
            this.records = new RecordFactoryInputStream(counter, false);
            this.formats = new FormatTrackingHSSFListener(this::take);
            this.listener = new MissingRecordAwareHSSFListener(formats);
            HeaderSearch.Found found = HeaderSearch.find(this::nextRow, options);
            this.found = found;
        } catch (ReadLimits.Exceeded e) {
            filesystem.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            filesystem.close();
            ReadLimits.Exceeded exceeded = ReadLimits.Exceeded.in(e);
            if (exceeded != null) {
                throw exceeded;
            }
            throw new IOException(file.getFileName() + ": not a readable XLS workbook: " + e.getMessage(), e);
        }
    }

    /**
     * Watches the BIFF record headers going by (2 bytes of type, 2 of length) and refuses a string
     * table (SST, then its CONTINUE records) past the limits before POI builds it: POI holds it whole,
     * some 80 bytes a string.
     */
    private final class StringTableWatch extends java.io.FilterInputStream {
        private static final int SST = 0x00FC;
        private static final int CONTINUE = 0x003C;
        private final byte[] header = new byte[4];
        private final byte[] counts = new byte[8];
        private int headerRead;
        /** Bytes of an SST's counts read so far; 8 when none are awaited. */
        private int countsRead = 8;
        private long bodyLeft;
        private boolean inStrings;
        private long stringBytes;

        StringTableWatch(java.io.InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                see(buffer[offset + i]);
            }
            return n;
        }

        private void see(byte b) throws ReadLimits.Exceeded {
            if (bodyLeft > 0) {
                bodyLeft--;
                if (countsRead < 8) {
                    counts[countsRead++] = b;
                    if (countsRead == 8) {
                        checkUniqueStrings();
                    }
                }
                return;
            }
            header[headerRead++] = b;
            if (headerRead < 4) {
                return;
            }
            headerRead = 0;
            int type = (header[0] & 0xFF) | (header[1] & 0xFF) << 8;
            bodyLeft = (header[2] & 0xFF) | (header[3] & 0xFF) << 8;
            if (type == SST) {
                inStrings = true;
                countsRead = 0;
            } else if (type != CONTINUE) {
                inStrings = false;
            }
            if (inStrings) {
                stringBytes += bodyLeft;
                if (stringBytes > 2 * limits.sharedStringChars()) { // at most 2 bytes a character, and a few a string
                    throw ReadLimits.exceeded(file, "the string table holds more than " + ReadLimits.count(limits.sharedStringChars())
                            + " characters", "shared-string-chars");
                }
            }
        }

        private void checkUniqueStrings() throws ReadLimits.Exceeded {
            long unique = (counts[4] & 0xFFL) | (counts[5] & 0xFFL) << 8 | (counts[6] & 0xFFL) << 16 | (counts[7] & 0xFFL) << 24;
            if (unique > limits.sharedStrings()) {
                throw ReadLimits.exceeded(file, "the string table holds more than " + ReadLimits.count(limits.sharedStrings())
                        + " strings", "shared-strings");
            }
        }
    }

    @Override
    public List<String> header() {
        return found.header();
    }

    @Override
    public List<String> aboveHeader() {
        return found.aboveHeader();
    }

    @Override
    public RawRecord next() throws IOException {
        return found.next(this::nextRow);
    }

    /** The first sheet's next row, or null at its end. */
    private RawRecord nextRow() throws IOException {
        try {
            // A row is complete when its last cell is marked, and its string formula's value read.
            while ((rows.isEmpty() || pendingStringRow != null) && !sheetDone) {
                Record record = records.nextRecord();
                if (record == null) {
                    sheetDone = true;
                    break;
                }
                listener.processRecord(record);
            }
            return rows.poll();
        } catch (RuntimeException e) {
            ReadLimits.Exceeded exceeded = ReadLimits.Exceeded.in(e);
            throw exceeded != null ? exceeded : new IOException("unreadable XLS sheet: " + e.getMessage(), e);
        }
    }

    /** What POI's listeners pass on: workbook settings, the first sheet's cells and row ends. */
    private void take(Record record) {
        if (record instanceof BOFRecord bof) {
            depth++;
            if (depth == 1 && bof.getType() == BOFRecord.TYPE_WORKSHEET) {
                inFirstSheet = ++worksheets == 1;
            }
            return;
        }
        if (record instanceof EOFRecord) {
            depth = Math.max(0, depth - 1);
            if (depth == 0 && inFirstSheet) {
                inFirstSheet = false;
                sheetDone = true;
                endRow(-1);
            }
            return;
        }
        if (record instanceof SSTRecord sst) {
            sharedStrings = sst;
        } else if (record instanceof DateWindow1904Record window) {
            date1904 = window.getWindowing() == 1;
        }
        if (!inFirstSheet || depth != 1) {
            return;
        }
        if (record instanceof LastCellOfRowDummyRecord last) {
            endRow(last.getRow());
        } else if (record instanceof StringRecord string) {
            if (pendingStringRow != null) {
                pendingStringRow.set(pendingStringColumn, string.getString());
                pendingStringRow = null;
            }
        } else if (record instanceof CellValueRecordInterface cell) {
            put(cell, value(record, cell));
        }
    }

    private void put(CellValueRecordInterface cell, Object value) {
        int column = cell.getColumn();
        if (column >= limits.cellsPerRow()) {
            throw past(ReadLimits.exceeded(file, "row " + (cell.getRow() + 1) + " has more than " + ReadLimits.count(limits.cellsPerRow())
                    + " cells", "cells-per-row"));
        }
        if (value instanceof String text && text.length() > limits.cellChars()) {
            throw past(ReadLimits.exceeded(file, "row " + (cell.getRow() + 1) + ", column " + (column + 1) + ": a value of more than "
                    + ReadLimits.count(limits.cellChars()) + " characters", "cell-chars"));
        }
        while (row.size() <= column) {
            row.add(null);
        }
        row.set(column, value);
        if (record(cell) instanceof FormulaRecord formula && formula.hasCachedResultString()) {
            pendingStringRow = row;
            pendingStringColumn = column;
        }
    }

    private static Record record(CellValueRecordInterface cell) {
        return (Record) cell;
    }

    private void endRow(int rowIndex) {
        if (rowIndex >= 0) {
            if (++rowsRead > limits.rows()) {
                throw past(ReadLimits.exceeded(file, "the sheet holds more than " + ReadLimits.count(limits.rows()) + " rows", "rows"));
            }
            rows.add(new RawRecord(rowIndex + 1L, row));
        }
        row = new ArrayList<>();
    }

    /** A limit passed inside POI's listener, which throws nothing checked: {@link #nextRow} unwraps it. */
    private static RuntimeException past(ReadLimits.Exceeded exceeded) {
        return new java.io.UncheckedIOException(exceeded);
    }

    private Object value(Record record, CellValueRecordInterface cell) {
        if (record instanceof LabelSSTRecord label) {
            return sharedStrings == null ? null : sharedStrings.getString(label.getSSTIndex()).getString();
        }
        if (record instanceof LabelRecord label) {
            return label.getValue();
        }
        if (record instanceof NumberRecord number) {
            return number(cell, number.getValue());
        }
        if (record instanceof BoolErrRecord boolErr) {
            return boolErr.isBoolean() ? Boolean.toString(boolErr.getBooleanValue())
                    : FormulaError.forInt(boolErr.getErrorValue()).getString();
        }
        if (record instanceof FormulaRecord formula) {
            CellType type = formula.getCachedResultTypeEnum();
            return switch (type) {
                case NUMERIC -> number(cell, formula.getValue());
                case BOOLEAN -> Boolean.toString(formula.getCachedBooleanValue());
                case ERROR -> FormulaError.forInt(formula.getCachedErrorValue()).getString();
                default -> null; // a string: the record after it holds the value
            };
        }
        return null; // blank
    }

    /** A number, or a date when its cell's format is a date's (as {@link XlsxSource} decides). */
    private Object number(CellValueRecordInterface cell, double value) {
        int formatIndex = formats.getFormatIndex(cell);
        String format = formats.getFormatString(cell);
        byte dateFormat = XlsxSource.dateFormat(formatIndex, format == null ? Map.of() : Map.of(formatIndex, format));
        if (dateFormat > 0) {
            return Values.fromExcelSerial(value, dateFormat == 2, date1904);
        }
        return XlsxSource.plainNumber(Double.toString(value));
    }

    @Override
    public double progress() {
        return Math.min(1.0, counter.count / (double) documentSize);
    }

    @Override
    public void close() throws IOException {
        filesystem.close();
    }
}
