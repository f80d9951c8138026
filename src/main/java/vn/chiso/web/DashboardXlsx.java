package vn.chiso.web;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The dashboard as a workbook: the rows and columns the page shows, in the order it shows them, with
 * rates as numbers formatted as percentages so that a spreadsheet can sum and sort them again.
 */
final class DashboardXlsx {

    static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private DashboardXlsx() {
    }

    static void write(Dashboard.Table table, List<Dashboard.Row> rows, String windowDates, OutputStream out) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
            Font bold = book.createFont();
            bold.setBold(true);
            CellStyle title = book.createCellStyle();
            title.setFont(bold);
            CellStyle header = book.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            CellStyle percent = book.createCellStyle();
            percent.setDataFormat(book.createDataFormat().getFormat("0.00%"));
            CellStyle count = book.createCellStyle();
            count.setDataFormat(book.createDataFormat().getFormat("#,##0"));
            CellStyle points = book.createCellStyle();
            points.setDataFormat(book.createDataFormat().getFormat("0.00"));

            Sheet sheet = book.createSheet("Tổng quan");
            sheet.setColumnWidth(0, 40 * 256);
            sheet.setColumnWidth(1, 12 * 256);
            text(sheet.createRow(0), 0, "Tổng quan chỉ số cải cách hành chính — " + table.window().vietnameseName(), title);
            text(sheet.createRow(1), 0, "Chốt số liệu " + windowDates + (table.level() == null ? "" : "; cấp: " + table.level().vietnameseName()),
                    null);
            Row head = sheet.createRow(3);
            int c = 0;
            for (String h : headers()) {
                text(head, c++, h, header);
            }
            sheet.createFreezePane(2, 4);
            int r = 4;
            for (Dashboard.Row row : rows) {
                Row line = sheet.createRow(r++);
                c = 0;
                text(line, c++, "  ".repeat(row.depth()) + row.label(), null);
                text(line, c++, row.code(), null);
                number(line, c++, row.received() == null ? null : BigDecimal.valueOf(row.received()), count);
                for (Dashboard.Rate rate : row.rates()) {
                    number(line, c++, rate.ratio(), percent);
                }
                number(line, c++, row.points(), points);
                text(line, c++, row.standing() == null ? "" : row.standing().label(), null);
                number(line, c++, row.index766(), points);
                text(line, c++, row.index766RankText(), null);
                text(line, c++, row.includes() == null ? "" : row.includes(), null);
            }
            book.write(out);
            book.dispose();
        }
    }

    /** The page's headers, with the unit's code in a column of its own and the former units last. */
    static List<String> headers() {
        List<String> headers = new java.util.ArrayList<>(List.of("Đơn vị", "Mã", "Tiếp nhận"));
        headers.addAll(Dashboard.MAIN.values());
        headers.addAll(List.of("Điểm", "Xếp hạng", "Chỉ số 766", "Hạng 766", "Ghi chú"));
        return headers;
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        var cell = row.createCell(column);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    private static void number(Row row, int column, BigDecimal value, CellStyle style) {
        var cell = row.createCell(column);
        if (value != null) {
            cell.setCellValue(value.doubleValue());
            cell.setCellStyle(style);
        }
    }
}
