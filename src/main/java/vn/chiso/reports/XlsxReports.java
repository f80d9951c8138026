package vn.chiso.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;

import org.apache.poi.ooxml.POIXMLDocumentPart;
import org.apache.poi.ooxml.POIXMLRelation;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFFactory;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.chiso.calendar.ReportingWindow;

/**
 * The period reports as workbooks: the same tables as the PDF, one sheet each, as spreadsheet cells
 * an analyst can sort and sum (rates are percentages of value 0.9984, not the text "99,84%"; ranks
 * are numbers). Every table's header stays in view when scrolling and is printed again on each
 * page; sheets print on A4, landscape when the table is wide, one page wide.
 *
 * <p>Written with POI's SXSSF, which keeps a window of rows in memory and streams the rest to a
 * temporary file: on 20,000 late dossiers it measured about as fast as the hand-written writer it
 * replaced and FastExcel, within a few MB of heap (docs/performance.md).
 */
final class XlsxReports {

    /** Rows SXSSF keeps in memory per sheet; the rest are flushed to its temporary file. */
    private static final int ROWS_IN_MEMORY = 100;

    /** Column widths, in characters, beyond which a sheet prints landscape (A4 portrait holds about 90). */
    private static final double PORTRAIT_WIDTH = 90;

    /** The most characters a cell holds (Excel's limit; POI refuses more). */
    private static final int MAX_TEXT = 32_767;

    private XlsxReports() {
    }

    static void write(UnitReport r, String generatedAt, OutputStream stream) {
        try (Book x = new Book()) {
            x.sheet("Chỉ số", 52, 12, 12, 10, 10, 10, 10, 12);
            heading(x, r.provinceName(), "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ SỐ CẢI CÁCH HÀNH CHÍNH", r.window(), generatedAt, r.dataNote());
            x.row(PdfReports.unitLine(r));
            if (r.standing() != null) {
                x.row(x.bold("Tổng điểm"), r.standing().points(), "Điểm tối đa", r.standing().maxPoints());
                x.row(x.bold("Xếp thứ"), r.standing().rank(), "Số đơn vị cùng cấp", r.standing().of(), r.standing().levelName());
            }
            x.row();
            x.header("Chỉ số", "Tử số", "Mẫu số", "Tỷ lệ", "Chỉ tiêu", "Điểm", "Điểm tối đa", "Đánh giá");
            for (UnitReport.IndicatorLine line : r.indicators()) {
                x.row(line.name(), line.numerator(), line.denominator(), x.percent(line.rate()), x.percent(line.target()), line.points(),
                        line.maxPoints(), line.verdict());
            }

            x.sheet("Tình hình giải quyết", 36, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11);
            x.groupedHeader(new String[] {"Đơn vị", "Số hồ sơ nhận giải quyết", null, null, null, "Số hồ sơ đã giải quyết", null, null, null,
                    "Số hồ sơ đang giải quyết", null, null},
                    new String[] {null, "Tổng số", "Trực tuyến", "Trực tiếp, BCCI", "Kỳ trước chuyển qua",
                            "Tổng số", "Trước hạn", "Đúng hạn", "Trễ hạn", "Tổng số", "Trong hạn", "Quá hạn"});
            for (UnitReport.StatisticsLine s : r.statistics()) {
                x.row(s.unitName(), s.total(), s.online(), s.directOrPostal(), s.carriedOver(), s.resolved(), s.early(), s.onTime(),
                        s.late(), s.inProcess(), s.withinDue(), s.overdue());
            }

            x.sheet("So sánh kỳ trước", 52, 16, 16, 16);
            if (r.previous() == null) {
                x.row("Không có kỳ trước cùng loại để so sánh.");
            } else {
                x.header("Chỉ số", r.previous().vietnameseName(), r.window().vietnameseName(), "Tăng/giảm (điểm %)");
                for (UnitReport.ComparisonLine c : r.comparison()) {
                    x.row(c.name(), x.percent(c.previous()), x.percent(c.current()), c.change());
                }
            }

            x.sheet("Theo tháng", 14, 16, 16);
            x.header("Tháng", "Tỷ lệ đúng hạn", "Tỷ lệ trực tuyến");
            for (UnitReport.MonthLine m : r.months()) {
                x.row(m.month(), x.percent(m.onTime()), x.percent(m.online()));
            }

            Set<String> flagged = new HashSet<>();
            r.officers().stream().filter(XlsxReports::flagged).forEach(o -> flagged.add(officerKey(o.agencyCode(), o.officer())));
            x.sheet("Hồ sơ trễ hạn", 24, 12, 40, 10, 28, 22, 12, 17, 17, 17, 10, 10);
            x.header("Mã hồ sơ", "Mã thủ tục", "Tên thủ tục", "Mã đơn vị", "Tên đơn vị", "Cán bộ xử lý", "Cán bộ trễ hạn từ 10%",
                    "Tiếp nhận", "Hạn giải quyết", "Hoàn thành", "Số ngày trễ", "Phiếu xin lỗi");
            for (UnitReport.LateDossier d : r.late()) {
                boolean officerFlagged = flagged.contains(officerKey(d.agencyCode(), d.officer()));
                x.row(d.dossierCode(), d.procedureCode(), d.procedureName(), d.agencyCode(), unitName(r, d.agencyCode()),
                        officerFlagged ? x.flag(d.officer()) : d.officer(), officerFlagged ? x.flag("Có") : null,
                        d.receivedAt(), d.dueDay() != null ? d.dueDay() : d.dueAt(),
                        d.completedAt() == null ? "Đang xử lý" : d.completedAt(), d.workingDaysLate(), d.apologyIssued());
            }

            x.sheet("Cán bộ", 10, 28, 30, 14, 10, 12, 14, 12);
            x.header("Mã đơn vị", "Tên đơn vị", "Cán bộ xử lý", "Hồ sơ đã giải quyết", "Trễ hạn", "Tỷ lệ trễ hạn", "Tỷ lệ đúng hạn",
                    "Trễ hạn từ 10%");
            for (UnitReport.OfficerLine o : r.officers()) {
                boolean officerFlagged = flagged(o);
                x.row(o.agencyCode(), unitName(r, o.agencyCode()), officerFlagged ? x.flag(o.officer()) : o.officer(), o.resolved(),
                        o.late(), x.percent(lateShare(o)), x.percent(o.onTimeRate()), officerFlagged ? x.flag("Có") : null);
            }

            x.sheet("Đánh giá và PAKN", 10, 18, 22, 10, 17, 16, 60);
            x.header("Loại", "Mã", "Mã hồ sơ", "Đơn vị", "Thời gian", "Mức độ", "Ý kiến, nội dung");
            for (UnitReport.Complaint c : r.complaints()) {
                x.row(c.source(), c.id(), c.dossierCode(), c.agencyCode(), c.at(), c.rating(), x.wrap(c.comment()));
            }
            x.writeTo(stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(ProvinceSummary s, String generatedAt, OutputStream stream) {
        try (Book x = new Book()) {
            x.sheet("Xếp hạng", 22, 8, 10, 12, 40, 11, 11, 12, 12, 12, 12, 12, 12);
            heading(x, s.provinceName(), "BÁO CÁO TỔNG HỢP, XẾP HẠNG KẾT QUẢ CÁC CHỈ SỐ CẢI CÁCH HÀNH CHÍNH", s.window(), generatedAt, s.dataNote());
            x.row();
            x.header("Nhóm", "Xếp thứ", "Số đơn vị cùng cấp", "Mã đơn vị", "Tên đơn vị", "Tổng điểm", "Điểm tối đa", "Hồ sơ tiếp nhận",
                    "Tỷ lệ đúng hạn", "Tỷ lệ trực tuyến", "Tỷ lệ thanh toán trực tuyến", "Tỷ lệ số hóa", "Tỷ lệ hài lòng");
            for (ProvinceSummary.Line l : s.lines()) {
                x.row(l.group(), l.rank() == 0 ? null : l.rank(), l.rank() == 0 ? null : l.of(), l.code(), l.name(), l.points(),
                        l.maxPoints(), l.received(), x.percent(l.onTime()), x.percent(l.online()), x.percent(l.onlinePayment()),
                        x.percent(l.digitization()), x.percent(l.satisfaction()));
            }
            x.writeTo(stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SPEC §4.5: an officer with 10% or more of the resolved dossiers late is flagged. */
    static boolean flagged(UnitReport.OfficerLine officer) {
        return officer.resolved() > 0 && officer.late() * 10 >= officer.resolved();
    }

    private static BigDecimal lateShare(UnitReport.OfficerLine officer) {
        return officer.resolved() == 0 ? null
                : BigDecimal.valueOf(officer.late()).divide(BigDecimal.valueOf(officer.resolved()), 4, java.math.RoundingMode.HALF_EVEN);
    }

    private static String officerKey(String agencyCode, String officer) {
        return agencyCode + "\u0000" + officer;
    }

    /** The unit's name where the report has it: the report's own unit; a unit beneath it shows its code alone. */
    private static String unitName(UnitReport r, String agencyCode) {
        return r.unit().code().equals(agencyCode) ? r.unit().name() : null;
    }

    private static void heading(Book x, String province, String reportTitle, ReportingWindow window, String generatedAt, String dataNote) {
        x.row(x.bold(province.toUpperCase(PdfReports.VIETNAMESE)));
        x.row(x.title(reportTitle));
        x.row(x.title(window.vietnameseName()));
        x.row(PdfReports.cutOff(window));
        x.row("Lập lúc " + generatedAt + ". " + dataNote);
    }

    /** A value with the style it is shown in. */
    private record Styled(Object value, CellStyle style) {
    }

    /**
     * A streaming workbook written sheet after sheet, row after row. Numbers are number cells
     * (whole numbers with thousands separators, other decimals with two places), instants
     * date-time cells in Vietnam's time, dates date cells, booleans "Có"/"Không", nulls empty;
     * strings are inline strings, which a spreadsheet never evaluates as formulas.
     */
    private static final class Book implements AutoCloseable {

        private final SXSSFWorkbook workbook = new SXSSFWorkbook(new XSSFWorkbook(new NormalStyleFactory()), ROWS_IN_MEMORY, false, false);
        private final CellStyle title;
        private final CellStyle headerStyle;
        private final CellStyle bold;
        private final CellStyle count;
        private final CellStyle percent;
        private final CellStyle decimal;
        private final CellStyle date;
        private final CellStyle dateTime;
        private final CellStyle wrap;
        private final CellStyle flag;
        private SXSSFSheet sheet;
        private int rowNumber;

        Book() {
            Font normal = workbook.getFontAt(0); // the workbook's default font, that of the "Normal" style
            normal.setFontName("Arial");
            normal.setFontHeightInPoints((short) 10);
            Font boldFont = font(10, false);
            boldFont.setBold(true);
            Font titleFont = font(12, false);
            titleFont.setBold(true);
            Font flagFont = font(10, true);
            flagFont.setBold(true);

            title = style(null, titleFont);
            bold = style(null, boldFont);
            headerStyle = style(null, boldFont);
            headerStyle.setFillForegroundColor(IndexedColors.PALE_BLUE.getIndex());
            headerStyle.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            headerStyle.setBorderTop(BorderStyle.THIN);
            headerStyle.setBorderBottom(BorderStyle.THIN);
            headerStyle.setBorderLeft(BorderStyle.THIN);
            headerStyle.setBorderRight(BorderStyle.THIN);
            headerStyle.setAlignment(HorizontalAlignment.CENTER);
            headerStyle.setVerticalAlignment(VerticalAlignment.CENTER);
            headerStyle.setWrapText(true);
            count = style("#,##0", null);
            percent = style("0.00%", null);
            decimal = style("#,##0.00", null);
            date = style("dd/mm/yyyy", null);
            dateTime = style("dd/mm/yyyy hh:mm", null);
            wrap = style(null, null);
            wrap.setWrapText(true);
            wrap.setVerticalAlignment(VerticalAlignment.TOP);
            flag = style(null, flagFont);
            flag.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
            flag.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        }

        private Font font(int points, boolean red) {
            Font font = workbook.createFont();
            font.setFontName("Arial");
            font.setFontHeightInPoints((short) points);
            if (red) {
                font.setColor(IndexedColors.DARK_RED.getIndex());
            }
            return font;
        }

        private CellStyle style(String format, Font font) {
            CellStyle style = workbook.createCellStyle();
            if (format != null) {
                style.setDataFormat(workbook.createDataFormat().getFormat(format));
            }
            if (font != null) {
                style.setFont(font);
            }
            return style;
        }

        Styled title(String text) {
            return new Styled(text, title);
        }

        Styled bold(String text) {
            return new Styled(text, bold);
        }

        Styled percent(BigDecimal rate) {
            return new Styled(rate, percent);
        }

        Styled wrap(String text) {
            return new Styled(text, wrap);
        }

        /** A cell marked for attention (an officer at 10% or more late). */
        Styled flag(String text) {
            return new Styled(text, flag);
        }

        /**
         * Starts a sheet with the given column widths, in characters: A4, one page wide, landscape
         * when the columns are wider than a portrait page, page numbers in the footer.
         */
        void sheet(String name, double... widths) {
            sheet = workbook.createSheet(name);
            rowNumber = 0;
            double total = 0;
            for (int i = 0; i < widths.length; i++) {
                sheet.setColumnWidth(i, (int) Math.round(widths[i] * 256));
                total += widths[i];
            }
            PrintSetup print = sheet.getPrintSetup();
            print.setPaperSize(PrintSetup.A4_PAPERSIZE);
            print.setLandscape(total > PORTRAIT_WIDTH);
            print.setFitWidth((short) 1);
            print.setFitHeight((short) 0);
            sheet.setFitToPage(true);
            sheet.setAutobreaks(true);
            sheet.getFooter().setCenter("Trang &P/&N");
        }

        /** The table's header row: frozen on screen, repeated on every printed page. */
        void header(String... names) {
            Object[] cells = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                cells[i] = new Styled(names[i], headerStyle);
            }
            row(cells);
            freezeAbove(1);
        }

        /**
         * A header of two rows: groups over the columns of the first (a group spans the empty
         * names after it), the columns' names in the second; a name alone spans both rows.
         */
        void groupedHeader(String[] groups, String[] names) {
            int first = rowNumber;
            Object[] top = new Object[groups.length];
            Object[] bottom = new Object[names.length];
            for (int i = 0; i < groups.length; i++) {
                top[i] = new Styled(groups[i], headerStyle);
                bottom[i] = new Styled(names[i], headerStyle);
            }
            row(top);
            row(bottom);
            for (int i = 0; i < groups.length; i++) {
                if (groups[i] == null) {
                    continue;
                }
                int last = i;
                while (last + 1 < groups.length && groups[last + 1] == null && names[last + 1] != null) {
                    last++;
                }
                if (names[i] == null) {
                    sheet.addMergedRegion(new CellRangeAddress(first, first + 1, i, i));
                } else if (last > i) {
                    sheet.addMergedRegion(new CellRangeAddress(first, first, i, last));
                }
            }
            freezeAbove(2);
        }

        private void freezeAbove(int headerRows) {
            sheet.createFreezePane(0, rowNumber);
            sheet.setRepeatingRows(new CellRangeAddress(rowNumber - headerRows, rowNumber - 1, -1, -1));
        }

        void row(Object... values) {
            SXSSFRow row = sheet.createRow(rowNumber++);
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                CellStyle style = null;
                if (value instanceof Styled styled) {
                    value = styled.value();
                    style = styled.style();
                }
                if (value == null) {
                    if (style == headerStyle) {
                        row.createCell(i).setCellStyle(style); // a header's empty cell keeps its fill and border
                    }
                    continue;
                }
                SXSSFCell cell = row.createCell(i);
                if (value instanceof Boolean b) {
                    value = b ? "Có" : "Không";
                }
                if (value instanceof LocalDate day) {
                    cell.setCellValue(day);
                    cell.setCellStyle(style == null ? date : style);
                } else if (value instanceof Instant instant) {
                    cell.setCellValue(LocalDateTime.ofInstant(instant, ReportingWindow.ZONE));
                    cell.setCellStyle(style == null ? dateTime : style);
                } else if (value instanceof BigDecimal number) {
                    cell.setCellValue(number.doubleValue());
                    cell.setCellStyle(style == null ? decimal : style);
                } else if (value instanceof Number number) {
                    cell.setCellValue(number.doubleValue());
                    cell.setCellStyle(style == null ? count : style);
                } else {
                    String text = value.toString();
                    cell.setCellValue(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
                    if (style != null) {
                        cell.setCellStyle(style);
                    }
                }
            }
        }

        void writeTo(OutputStream stream) throws IOException {
            workbook.write(stream);
        }

        @Override
        public void close() throws IOException {
            workbook.close();
            workbook.dispose(); // deletes the temporary files of the flushed rows
        }
    }

    /** Makes the workbook's styles part a {@link NormalStyleTable}. */
    private static final class NormalStyleFactory extends XSSFFactory {

        @Override
        public POIXMLDocumentPart newDocumentPart(POIXMLRelation descriptor) {
            return XSSFRelation.STYLES.equals(descriptor) ? new NormalStyleTable() : super.newDocumentPart(descriptor);
        }
    }

    /**
     * POI's styles with the named style "Normal" that a spreadsheet's own workbooks have: POI
     * writes none, and readers then warn ("Workbook contains no default style") and apply their
     * own. POI's slim schema jar lacks the cellStyles element's class, hence the text.
     */
    private static final class NormalStyleTable extends StylesTable {

        private static final String CELL_XFS_END = "</cellXfs>";

        @Override
        public void writeTo(OutputStream out) throws IOException {
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            super.writeTo(written);
            String xml = written.toString(StandardCharsets.UTF_8);
            int end = xml.indexOf(CELL_XFS_END);
            if (end >= 0 && !xml.contains("<cellStyles")) {
                end += CELL_XFS_END.length();
                xml = xml.substring(0, end) + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
                        + xml.substring(end);
            }
            out.write(xml.getBytes(StandardCharsets.UTF_8));
        }
    }
}
