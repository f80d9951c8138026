package vn.chiso.ingest;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.SAXParserFactory;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The XLSX reading benchmark (issue 17), run by scripts/bench-xlsx-read: the same workbook read
 * through the project's XlsxSource and through Apache POI's streaming XSSFReader with a SAX handler
 * that builds the same rows (shared strings, date styles, cell positions), RUNS times each.
 *   java -cp CLASSPATH vn.chiso.ingest.XlsxReadBench make DOSSIERS.csv OUT.xlsx
 *   java -cp CLASSPATH vn.chiso.ingest.XlsxReadBench chiso|poi FILE.xlsx [RUNS]
 */
public class XlsxReadBench {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("make")) {
            make(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        Path file = Path.of(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int run = 0; run < runs; run++) {
            long started = System.nanoTime();
            long[] counts = args[0].equals("poi") ? poi(file) : chiso(file);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%s run %d: %,d rows, %,d cells in %.2f s (%,.0f rows/s)%n", args[0], run + 1, counts[0],
                    counts[1], seconds, counts[0] / seconds);
        }
    }

    /** An XLSX of the CSV's rows with a shared-strings table, as Excel saves an export. */
    static void make(Path csv, Path xlsx) throws Exception {
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             SXSSFWorkbook workbook = new SXSSFWorkbook(null, 100, true, true);
             OutputStream out = Files.newOutputStream(xlsx)) {
            var sheet = workbook.createSheet("Hồ sơ");
            int r = 0;
            for (CSVRecord record : CSVFormat.DEFAULT.parse(in)) {
                var row = sheet.createRow(r++);
                for (int c = 0; c < record.size(); c++) {
                    row.createCell(c).setCellValue(record.get(c));
                }
            }
            workbook.write(out);
        }
    }

    static long[] chiso(Path file) throws Exception {
        long rows = 0;
        long cells = 0;
        try (RecordSource source = RecordSource.open(file)) {
            RecordSource.RawRecord record;
            while ((record = source.next()) != null) {
                rows++;
                cells += record.cells().size();
            }
        }
        return new long[] {rows, cells};
    }

    static long[] poi(Path file) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            Rows handler = new Rows(strings, styles);
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            XMLReader xml = factory.newSAXParser().getXMLReader();
            xml.setContentHandler(handler);
            try (InputStream sheet = reader.getSheetsData().next()) {
                xml.parse(new InputSource(sheet));
            }
            return new long[] {handler.rows, handler.cells};
        }
    }

    /** Rows as XlsxSource makes them: a list of cells by column, strings looked up, dates as dates. */
    static final class Rows extends DefaultHandler {
        final ReadOnlySharedStringsTable strings;
        final StylesTable styles;
        long rows;
        long cells;
        List<Object> row;
        String type;
        String style;
        int column;
        boolean inValue;
        final StringBuilder value = new StringBuilder();

        Rows(ReadOnlySharedStringsTable strings, StylesTable styles) {
            this.strings = strings;
            this.styles = styles;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes attributes) {
            switch (local) {
                case "row" -> row = new ArrayList<>();
                case "c" -> {
                    type = attributes.getValue("t");
                    style = attributes.getValue("s");
                    String ref = attributes.getValue("r");
                    column = ref == null ? row.size() : column(ref);
                    value.setLength(0);
                }
                case "v", "t" -> inValue = true;
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue) {
                value.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            switch (local) {
                case "v", "t" -> inValue = false;
                case "c" -> {
                    while (row.size() < column) {
                        row.add(null);
                    }
                    row.add(cell());
                }
                case "row" -> {
                    rows++;
                    cells += row.size();
                }
                default -> {
                }
            }
        }

        private Object cell() {
            String v = value.toString();
            if ("s".equals(type)) {
                return strings.getItemAt(Integer.parseInt(v)).getString();
            }
            if ("inlineStr".equals(type) || "str".equals(type)) {
                return v;
            }
            if (style != null && !v.isEmpty()) {
                XSSFCellStyle cellStyle = styles.getStyleAt(Integer.parseInt(style));
                if (DateUtil.isADateFormat(cellStyle.getDataFormat(), cellStyle.getDataFormatString())) {
                    return DateUtil.getLocalDateTime(Double.parseDouble(v));
                }
            }
            return XlsxSource.plainNumber(v);
        }

        private static int column(String ref) {
            int index = 0;
            for (int i = 0; i < ref.length() && ref.charAt(i) >= 'A'; i++) {
                index = index * 26 + (ref.charAt(i) - 'A' + 1);
            }
            return index - 1;
        }
    }
}
