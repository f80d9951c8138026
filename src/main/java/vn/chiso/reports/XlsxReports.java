package vn.chiso.reports;

import static vn.chiso.reports.XlsxWriter.bold;
import static vn.chiso.reports.XlsxWriter.header;
import static vn.chiso.reports.XlsxWriter.percent;
import static vn.chiso.reports.XlsxWriter.title;
import static vn.chiso.reports.XlsxWriter.wrap;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The period reports as workbooks: the same tables as the PDF, one sheet each, as spreadsheet cells
 * an analyst can sort and sum (rates are percentages of value 0.9984, not the text "99,84%").
 */
final class XlsxReports {

    private XlsxReports() {
    }

    static void write(UnitReport r, String generatedAt, OutputStream stream) {
        try (XlsxWriter x = new XlsxWriter(stream)) {
            x.sheet("Chỉ số", 52, 12, 12, 10, 10, 10, 10, 12);
            heading(x, r.provinceName(), "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ SỐ CẢI CÁCH HÀNH CHÍNH", r.window(), generatedAt, r.dataNote());
            x.row(PdfReports.unitLine(r));
            if (r.standing() != null) {
                x.row(bold("Tổng điểm"), r.standing().points(), r.standing().maxPoints(), "Xếp thứ", r.standing().rank(),
                        r.standing().of(), r.standing().levelName());
            }
            x.row();
            x.row(header("Chỉ số"), header("Tử số"), header("Mẫu số"), header("Tỷ lệ"), header("Chỉ tiêu"), header("Điểm"),
                    header("Điểm tối đa"), header("Đánh giá"));
            for (UnitReport.IndicatorLine line : r.indicators()) {
                x.row(line.name(), line.numerator(), line.denominator(), percent(line.rate()), percent(line.target()), line.points(),
                        line.maxPoints(), line.verdict());
            }

            x.sheet("Tình hình giải quyết", 36, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11);
            x.row(header("Đơn vị"), header("Số hồ sơ nhận giải quyết"), null, null, null, header("Số hồ sơ đã giải quyết"), null, null, null,
                    header("Số hồ sơ đang giải quyết"));
            x.row(null, header("Tổng số"), header("Trực tuyến"), header("Trực tiếp, BCCI"), header("Kỳ trước chuyển qua"),
                    header("Tổng số"), header("Trước hạn"), header("Đúng hạn"), header("Trễ hạn"),
                    header("Tổng số"), header("Trong hạn"), header("Quá hạn"));
            for (UnitReport.StatisticsLine s : r.statistics()) {
                x.row(s.unitName(), s.total(), s.online(), s.directOrPostal(), s.carriedOver(), s.resolved(), s.early(), s.onTime(),
                        s.late(), s.inProcess(), s.withinDue(), s.overdue());
            }

            x.sheet("So sánh kỳ trước", 52, 16, 16, 16);
            if (r.previous() == null) {
                x.row("Không có kỳ trước cùng loại để so sánh.");
            } else {
                x.row(header("Chỉ số"), header(r.previous().vietnameseName()), header(r.window().vietnameseName()), header("Tăng/giảm (điểm %)"));
                for (UnitReport.ComparisonLine c : r.comparison()) {
                    x.row(c.name(), percent(c.previous()), percent(c.current()), c.change());
                }
            }

            x.sheet("Theo tháng", 14, 16, 16);
            x.row(header("Tháng"), header("Tỷ lệ đúng hạn"), header("Tỷ lệ trực tuyến"));
            for (UnitReport.MonthLine m : r.months()) {
                x.row(m.month(), percent(m.onTime()), percent(m.online()));
            }

            x.sheet("Hồ sơ trễ hạn", 24, 16, 40, 10, 18, 17, 17, 17, 10, 10);
            x.row(header("Mã hồ sơ"), header("Mã thủ tục"), header("Tên thủ tục"), header("Đơn vị"), header("Cán bộ xử lý"),
                    header("Tiếp nhận"), header("Hạn giải quyết"), header("Hoàn thành"), header("Số ngày trễ"), header("Phiếu xin lỗi"));
            for (UnitReport.LateDossier d : r.late()) {
                x.row(d.dossierCode(), d.procedureCode(), d.procedureName(), d.agencyCode(), d.officer(), d.receivedAt(),
                        d.dueDay() != null ? d.dueDay() : d.dueAt(),
                        d.completedAt() == null ? "Đang xử lý" : d.completedAt(), d.workingDaysLate(), d.apologyIssued());
            }

            x.sheet("Cán bộ", 12, 30, 14, 10, 14);
            x.row(header("Đơn vị"), header("Cán bộ xử lý"), header("Hồ sơ đã giải quyết"), header("Trễ hạn"), header("Tỷ lệ đúng hạn"));
            for (UnitReport.OfficerLine o : r.officers()) {
                x.row(o.agencyCode(), o.officer(), o.resolved(), o.late(), percent(o.onTimeRate()));
            }

            x.sheet("Đánh giá, PAKN", 10, 18, 22, 10, 17, 16, 60);
            x.row(header("Loại"), header("Mã"), header("Mã hồ sơ"), header("Đơn vị"), header("Thời gian"), header("Mức độ"),
                    header("Ý kiến, nội dung"));
            for (UnitReport.Complaint c : r.complaints()) {
                x.row(c.source(), c.id(), c.dossierCode(), c.agencyCode(), c.at(), c.rating(), wrap(c.comment()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(ProvinceSummary s, String generatedAt, OutputStream stream) {
        try (XlsxWriter x = new XlsxWriter(stream)) {
            x.sheet("Xếp hạng", 22, 9, 12, 40, 11, 11, 12, 12, 12, 12, 12, 12);
            heading(x, s.provinceName(), "BÁO CÁO TỔNG HỢP, XẾP HẠNG KẾT QUẢ CÁC CHỈ SỐ CẢI CÁCH HÀNH CHÍNH", s.window(), generatedAt, s.dataNote());
            x.row();
            x.row(header("Nhóm"), header("Xếp thứ"), header("Mã đơn vị"), header("Tên đơn vị"), header("Tổng điểm"), header("Điểm tối đa"),
                    header("Hồ sơ tiếp nhận"), header("Tỷ lệ đúng hạn"), header("Tỷ lệ trực tuyến"), header("Tỷ lệ thanh toán trực tuyến"),
                    header("Tỷ lệ số hóa"), header("Tỷ lệ hài lòng"));
            for (ProvinceSummary.Line l : s.lines()) {
                x.row(l.group(), l.rankLabel(), l.code(), l.name(), l.points(), l.maxPoints(), l.received(), percent(l.onTime()),
                        percent(l.online()), percent(l.onlinePayment()), percent(l.digitization()), percent(l.satisfaction()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void heading(XlsxWriter x, String province, String reportTitle, vn.chiso.calendar.ReportingWindow window,
                                String generatedAt, String dataNote) throws IOException {
        x.row(bold(province.toUpperCase(PdfReports.VIETNAMESE)));
        x.row(title(reportTitle));
        x.row(title(window.vietnameseName()));
        x.row(PdfReports.cutOff(window));
        x.row("Lập lúc " + generatedAt + ". " + dataNote);
    }
}
