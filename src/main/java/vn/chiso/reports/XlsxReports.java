package vn.chiso.reports;

import static vn.chiso.reports.XlsxWriter.bold;
import static vn.chiso.reports.XlsxWriter.flag;
import static vn.chiso.reports.XlsxWriter.percent;
import static vn.chiso.reports.XlsxWriter.title;
import static vn.chiso.reports.XlsxWriter.wrap;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

import vn.chiso.calendar.ReportingWindow;

/**
 * The period reports as workbooks: the same tables as the PDF, one sheet each, as spreadsheet cells
 * an analyst can sort and sum (rates are percentages of value 0.9984, not the text "99,84%"; ranks
 * are numbers). Every table's header stays in view when scrolling and is printed again on each
 * page; sheets print on A4, landscape when the table is wide, one page wide ({@link XlsxWriter}).
 */
final class XlsxReports {

    private XlsxReports() {
    }

    static void write(UnitReport r, String generatedAt, OutputStream stream) {
        try (XlsxWriter x = new XlsxWriter(stream)) {
            x.sheet("Chỉ số", 52, 12, 12, 10, 10, 10, 10, 12, 60);
            heading(x, r.provinceName(), "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ SỐ CẢI CÁCH HÀNH CHÍNH", r.window(), generatedAt, r.dataNote());
            x.row(PdfReports.unitLine(r));
            if (r.standing() != null) {
                x.row(bold("Tổng điểm"), r.standing().points(), "Điểm tối đa", r.standing().maxPoints());
                if (r.standing().ranked()) {
                    x.row(bold("Xếp thứ"), r.standing().rank(), "Số đơn vị cùng cấp", r.standing().of(), r.standing().levelName());
                }
            }
            x.row();
            x.header("Chỉ số", "Tử số", "Mẫu số", "Tỷ lệ", "Chỉ tiêu", "Điểm", "Điểm tối đa", "Đánh giá", "Ghi chú");
            for (UnitReport.IndicatorLine line : r.indicators()) {
                x.row(line.name(), line.numerator(), line.denominator(), percent(line.rate()), percent(line.target()), line.points(),
                        line.maxPoints(), line.verdict(), line.footnote() == null ? null : wrap(line.footnote()));
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
            if (r.previous() == null || r.comparison().isEmpty()) {
                x.row("Không có số liệu kỳ trước.");
            } else {
                x.header("Chỉ số", r.previous().vietnameseName(), r.window().vietnameseName(), "Tăng/giảm (điểm %)");
                for (UnitReport.ComparisonLine c : r.comparison()) {
                    x.row(c.name(), percent(c.previous()), percent(c.current()), c.change());
                }
            }

            x.sheet("Theo tháng", 14, 16, 16);
            x.header("Tháng", "Tỷ lệ đúng hạn", "Tỷ lệ trực tuyến");
            for (UnitReport.MonthLine m : r.months()) {
                x.row(m.month(), percent(m.onTime()), percent(m.online()));
            }

            x.sheet("Hồ sơ trễ hạn", 24, 12, 40, 10, 28, 22, 12, 17, 17, 17, 10, 10);
            x.header("Mã hồ sơ", "Mã thủ tục", "Tên thủ tục", "Mã đơn vị", "Tên đơn vị", "Cán bộ xử lý", "Cán bộ trễ hạn từ 10%",
                    "Tiếp nhận", "Hạn giải quyết", "Hoàn thành", "Số ngày trễ", "Phiếu xin lỗi");
            for (UnitReport.LateDossier d : r.late()) {
                boolean officerFlagged = d.officerFlagged();
                x.row(d.dossierCode(), d.procedureCode(), d.procedureName(), d.agencyCode(), d.agencyName(),
                        officerFlagged ? flag(d.officer()) : d.officer(), officerFlagged ? flag("Có") : null,
                        d.receivedAt(), d.dueDay() != null ? d.dueDay() : d.dueAt(),
                        d.completedAt() == null ? "Đang xử lý" : d.completedAt(), d.workingDaysLate(), d.apologyIssued());
            }

            x.sheet("Cán bộ", 10, 28, 30, 14, 10, 12, 14, 12);
            x.header("Mã đơn vị", "Tên đơn vị", "Cán bộ xử lý", "Hồ sơ đã giải quyết", "Trễ hạn", "Tỷ lệ trễ hạn", "Tỷ lệ đúng hạn",
                    "Trễ hạn từ 10%");
            for (UnitReport.OfficerLine o : r.officers()) {
                boolean officerFlagged = o.flagged();
                x.row(o.agencyCode(), unitName(r, o.agencyCode()), officerFlagged ? flag(o.officer()) : o.officer(), o.resolved(),
                        o.late(), percent(lateShare(o)), percent(o.onTimeRate()), officerFlagged ? flag("Có") : null);
            }

            x.sheet("Đánh giá và PAKN", 10, 18, 22, 10, 17, 16, 60);
            x.header("Loại", "Mã", "Mã hồ sơ", "Đơn vị", "Thời gian", "Mức độ", "Ý kiến, nội dung");
            for (UnitReport.Complaint c : r.complaints()) {
                x.row(c.source(), c.id(), c.dossierCode(), c.agencyCode(), c.at(), c.rating(), wrap(c.comment()));
            }

            x.sheet("Chỉ số 766", 60, 12, 14, 10, 10, 40);
            x.row(bold("Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)"));
            if (r.index766Standing() != null && r.index766Standing().ranked()) {
                x.row(bold("Xếp thứ"), r.index766Standing().rank(), "Số đơn vị cùng cấp", r.index766Standing().of(),
                        r.index766Standing().levelName());
            }
            x.header("Nhóm chỉ số, tiêu chí", "Tỷ lệ", "Nguồn số liệu", "Điểm", "Điểm tối đa", "Mã");
            for (UnitReport.IndexLine line : r.index766()) {
                x.row(line.level() < 2 ? bold(line.name()) : "    " + line.name(), percent(line.rate()), line.from(), line.points(),
                        line.maxPoints(), line.code());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(ProvinceSummary s, String generatedAt, OutputStream stream) {
        try (XlsxWriter x = new XlsxWriter(stream)) {
            x.sheet("Xếp hạng", 22, 8, 10, 12, 40, 11, 11, 12, 12, 12, 12, 12, 12, 12, 10);
            heading(x, s.provinceName(), "BÁO CÁO TỔNG HỢP, XẾP HẠNG KẾT QUẢ CÁC CHỈ SỐ CẢI CÁCH HÀNH CHÍNH", s.window(), generatedAt, s.dataNote());
            x.row();
            x.header("Nhóm", "Xếp thứ", "Số đơn vị cùng cấp", "Mã đơn vị", "Tên đơn vị", "Tổng điểm", "Điểm tối đa", "Hồ sơ tiếp nhận",
                    "Tỷ lệ đúng hạn", "Tỷ lệ trực tuyến", "Tỷ lệ thanh toán trực tuyến", "Tỷ lệ số hóa", "Tỷ lệ hài lòng",
                    "Chỉ số 766", "Xếp thứ (766)");
            for (ProvinceSummary.Line l : s.lines()) {
                x.row(l.group(), l.rank() == 0 ? null : l.rank(), l.rank() == 0 ? null : l.of(), l.code(), l.name(), l.points(),
                        l.maxPoints(), l.received(), percent(l.onTime()), percent(l.online()), percent(l.onlinePayment()),
                        percent(l.digitization()), percent(l.satisfaction()), l.index766(),
                        l.index766Rank() == null ? null : Integer.valueOf(l.index766Rank().substring(0, l.index766Rank().indexOf('/'))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BigDecimal lateShare(UnitReport.OfficerLine officer) {
        return officer.resolved() == 0 ? null
                : BigDecimal.valueOf(officer.late()).divide(BigDecimal.valueOf(officer.resolved()), 4, RoundingMode.HALF_EVEN);
    }

    /** The unit's name where the report has it: the report's own unit; a unit beneath it shows its code alone. */
    private static String unitName(UnitReport r, String agencyCode) {
        return r.unit().code().equals(agencyCode) ? r.unit().name() : null;
    }

    private static void heading(XlsxWriter x, String province, String reportTitle, ReportingWindow window, String generatedAt,
                                String dataNote) throws IOException {
        x.row(bold(province.toUpperCase(PdfReports.VIETNAMESE)));
        x.row(title(reportTitle));
        x.row(title(window.vietnameseName()));
        x.row(PdfReports.cutOff(window));
        x.row("Lập lúc " + generatedAt + ". " + dataNote);
    }
}
