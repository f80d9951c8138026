import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Generates a realistic, deterministic sample province (Sóc Trăng, code 94) for chiso: reference
 * data, two years of one-stop-shop dossiers in several export dialects (canonical CSV with BOM,
 * Vietnamese labels with semicolons, ISO-8601 dates, a hand-written XLSX and a later update
 * export), some communes' dossiers of 2025-Q4 in the real systems' dialects instead (the dossier
 * list printed to Excel, the national portal's sync records as JSON; SPEC §3.6), online payments,
 * satisfaction evaluations and PAKN feedback, plus a handful of deliberately bad rows that SPEC
 * §4.4/§7 must reject (none of them in the real systems' dialects). The province follows the 2025
 * reorganisation: from 1/7/2025 the districts are gone and merged communes have new codes and names
 * under the province (agencies.csv's valid_from, valid_to and replaced_by, SPEC §3.5, §4.6); each
 * dossier, payment, evaluation and feedback carries the code of the unit valid on the day it was
 * received, and keeps it (a dossier received on 30/6/2025 and resolved in July keeps its old code).
 *
 * <pre>
 *   java scripts/GenerateSampleData.java OUTDIR [--dossiers N] [--seed S] [--only-dossiers]
 * </pre>
 *
 * With {@code --only-dossiers} it streams N rows (default 1,000,000) into one canonical
 * {@code dossiers_bench.csv} in constant memory, plus agencies, procedures and holidays.
 * JDK only, no dependencies. Same arguments, same bytes.
 */
public class GenerateSampleData {

    // ------------------------------------------------------------------ time frame

    static final LocalDate FIRST_DAY = LocalDate.of(2023, 12, 15);
    static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 14);
    /** The first day of two-level local government (Resolution 202/2025/QH15): see AGENCIES. */
    static final LocalDate REORGANISED = LocalDate.of(2025, 7, 1);
    /** Statuses in the main exports are as of this instant (their exported_at). */
    static final LocalDateTime SNAPSHOT = LocalDateTime.of(2025, 12, 15, 7, 0);
    /** The later update export (dossiers_capnhat.csv). */
    static final LocalDateTime UPDATE_EXPORT = LocalDateTime.of(2025, 12, 22, 8, 0);
    static final int DAYS = (int) ChronoUnit.DAYS.between(FIRST_DAY, LAST_DAY) + 1;

    static final int WORK_AM_START = 7 * 60 + 30, WORK_AM_END = 11 * 60 + 30;
    static final int WORK_PM_START = 13 * 60 + 30, WORK_PM_END = 17 * 60;
    static final int CUT_OFF = 15 * 60;

    // ------------------------------------------------------------------ reference data

    /** date|kind|name — the civil-service calendar (nghỉ lễ, làm bù) 2023–2025 and 1/1/2026. */
    static final String[] HOLIDAYS = {
        "2023-01-01|HOLIDAY|Tết Dương lịch",
        "2023-01-02|HOLIDAY|Tết Dương lịch (nghỉ bù)",
        "2023-01-20|HOLIDAY|Tết Nguyên đán Quý Mão",
        "2023-01-21|HOLIDAY|Tết Nguyên đán Quý Mão",
        "2023-01-22|HOLIDAY|Tết Nguyên đán Quý Mão",
        "2023-01-23|HOLIDAY|Tết Nguyên đán Quý Mão",
        "2023-01-24|HOLIDAY|Tết Nguyên đán Quý Mão",
        "2023-01-25|HOLIDAY|Tết Nguyên đán Quý Mão",
        "2023-01-26|HOLIDAY|Tết Nguyên đán Quý Mão",
        "2023-04-29|HOLIDAY|Giỗ Tổ Hùng Vương",
        "2023-04-30|HOLIDAY|Ngày Giải phóng miền Nam, thống nhất đất nước",
        "2023-05-01|HOLIDAY|Ngày Quốc tế Lao động",
        "2023-05-02|HOLIDAY|Nghỉ bù Giỗ Tổ Hùng Vương",
        "2023-05-03|HOLIDAY|Nghỉ bù Ngày Giải phóng miền Nam",
        "2023-09-01|HOLIDAY|Quốc khánh",
        "2023-09-02|HOLIDAY|Quốc khánh",
        "2023-09-03|HOLIDAY|Quốc khánh",
        "2023-09-04|HOLIDAY|Quốc khánh (nghỉ bù)",
        "2024-01-01|HOLIDAY|Tết Dương lịch",
        "2024-02-08|HOLIDAY|Tết Nguyên đán Giáp Thìn",
        "2024-02-09|HOLIDAY|Tết Nguyên đán Giáp Thìn",
        "2024-02-10|HOLIDAY|Tết Nguyên đán Giáp Thìn",
        "2024-02-11|HOLIDAY|Tết Nguyên đán Giáp Thìn",
        "2024-02-12|HOLIDAY|Tết Nguyên đán Giáp Thìn",
        "2024-02-13|HOLIDAY|Tết Nguyên đán Giáp Thìn",
        "2024-02-14|HOLIDAY|Tết Nguyên đán Giáp Thìn",
        "2024-04-18|HOLIDAY|Giỗ Tổ Hùng Vương",
        "2024-04-27|HOLIDAY|Nghỉ lễ 30/4 – 1/5",
        "2024-04-28|HOLIDAY|Nghỉ lễ 30/4 – 1/5",
        "2024-04-29|HOLIDAY|Nghỉ hoán đổi (làm bù thứ Bảy 04/5)",
        "2024-04-30|HOLIDAY|Ngày Giải phóng miền Nam, thống nhất đất nước",
        "2024-05-01|HOLIDAY|Ngày Quốc tế Lao động",
        "2024-05-04|WORKDAY|Làm bù cho ngày 29/4",
        "2024-08-31|HOLIDAY|Quốc khánh",
        "2024-09-01|HOLIDAY|Quốc khánh",
        "2024-09-02|HOLIDAY|Quốc khánh",
        "2024-09-03|HOLIDAY|Quốc khánh",
        "2025-01-01|HOLIDAY|Tết Dương lịch",
        "2025-01-25|HOLIDAY|Tết Nguyên đán Ất Tỵ",
        "2025-01-26|HOLIDAY|Tết Nguyên đán Ất Tỵ",
        "2025-01-27|HOLIDAY|Tết Nguyên đán Ất Tỵ",
        "2025-01-28|HOLIDAY|Tết Nguyên đán Ất Tỵ",
        "2025-01-29|HOLIDAY|Tết Nguyên đán Ất Tỵ",
        "2025-01-30|HOLIDAY|Tết Nguyên đán Ất Tỵ",
        "2025-01-31|HOLIDAY|Tết Nguyên đán Ất Tỵ",
        "2025-02-01|HOLIDAY|Tết Nguyên đán Ất Tỵ",
        "2025-02-02|HOLIDAY|Tết Nguyên đán Ất Tỵ",
        "2025-04-07|HOLIDAY|Giỗ Tổ Hùng Vương",
        "2025-04-26|WORKDAY|Làm bù cho ngày 02/5",
        "2025-04-30|HOLIDAY|Ngày Giải phóng miền Nam, thống nhất đất nước",
        "2025-05-01|HOLIDAY|Ngày Quốc tế Lao động",
        "2025-05-02|HOLIDAY|Nghỉ hoán đổi (làm bù thứ Bảy 26/4)",
        "2025-05-03|HOLIDAY|Nghỉ lễ 30/4 – 1/5",
        "2025-05-04|HOLIDAY|Nghỉ lễ 30/4 – 1/5",
        "2025-08-30|HOLIDAY|Quốc khánh",
        "2025-08-31|HOLIDAY|Quốc khánh",
        "2025-09-01|HOLIDAY|Quốc khánh",
        "2025-09-02|HOLIDAY|Quốc khánh",
        "2026-01-01|HOLIDAY|Tết Dương lịch",
    };
    /** First days of the Tết breaks, for the pre-Tết rush and the post-Tết lull. */
    static final LocalDate[] TET = {LocalDate.of(2024, 2, 8), LocalDate.of(2025, 1, 25)};

    /**
     * code|name|parent|level|weight|online|postal|digitized|e_result|reused|late|file[|valid_from|valid_to|replaced_by].
     * weight is relative daily volume; online/postal/... are base propensities; file says which
     * export holds the unit's dossiers (S sở-ngành CSV, H huyện CSV, X xã CSV, B bổ sung XLSX).
     * valid_from/valid_to (a unit's first and last day, empty = open) and replaced_by (the unit that
     * took its work over) follow SPEC §3.5; a unit receives dossiers only on the days it is valid.
     *
     * <p>The 2025 reorganisation (Resolution 202/2025/QH15; two-level local government from 1/7/2025):
     * the districts end on 30/6/2025 and the communes are merged into new wards and communes, with new
     * codes and names, directly under the province. Each district is replaced by the new ward that took
     * over its seat: TPST (seat 93 Phú Lợi, Phường 2) by phường Phú Lợi, HNN by phường Ngã Năm and HVC by
     * phường Vĩnh Châu (their seats taken to be in their Phường 1, to check), HMX (seat in thị trấn Mỹ
     * Xuyên) by phường Mỹ Xuyên. The new units' names are the real ones, as the province's plan of 20/4/2025 (HĐND tỉnh Sóc
     * Trăng, 32nd session; reported by Tiền Phong) gives them — to check against the Standing Committee's
     * final resolution on the communes: Phường 1–4 of the city → phường Phú Lợi (so Phường 2 and 4 merge),
     * thị trấn Mỹ Xuyên + xã Đại Tâm (+ Phường 10) → phường Mỹ Xuyên (another pair), Phường 1 + 2 of Ngã
     * Năm + Vĩnh Quới → phường Ngã Năm, Phường 1 + 2 of Vĩnh Châu + xã Lạc Hòa → phường Vĩnh Châu, Khánh Hòa
     * + Vĩnh Hiệp + Hòa Đông → phường Khánh Hòa. The codes (PPL, PNN, ...) are this sample's own. Xã Long
     * Tân keeping its code and name and only moving from thị xã Ngã Năm to the province is the sample's
     * fiction (SPEC §3.5: a code with two rows of disjoint validity). The province itself stays Sóc Trăng:
     * its merger into Cần Thơ city is not modelled, nor the 2025 merger of departments. The new units'
     * weights keep each former district's area at about the volume it had.
     */
    static final String[] AGENCIES = {
        "P94|UBND tỉnh Sóc Trăng||PROVINCE|0|0|0|0|0|0|0|-",
        "STP|Sở Tư pháp|P94|DEPARTMENT|5|0.60|0.05|0.92|0.85|0.45|0.004|S",
        "STC|Sở Tài chính|P94|DEPARTMENT|1|0.55|0.03|0.85|0.70|0.30|0.008|S",
        "SXD|Sở Xây dựng|P94|DEPARTMENT|1.5|0.45|0.04|0.80|0.55|0.25|0.022|S",
        "SYT|Sở Y tế|P94|DEPARTMENT|2.5|0.50|0.04|0.82|0.60|0.30|0.012|S",
        "SGDDT|Sở Giáo dục và Đào tạo|P94|DEPARTMENT|1.5|0.45|0.08|0.88|0.65|0.35|0.006|S",
        "SKHDT|Sở Kế hoạch và Đầu tư|P94|DEPARTMENT|4|0.85|0.03|0.95|0.90|0.55|0.003|S",
        "STNMT|Sở Tài nguyên và Môi trường|P94|DEPARTMENT|3|0.35|0.05|0.75|0.45|0.25|0.035|S",
        "SNV|Sở Nội vụ|P94|DEPARTMENT|0.5|0.35|0.02|0.85|0.60|0.20|0.008|S",
        "SLDTBXH|Sở Lao động - Thương binh và Xã hội|P94|DEPARTMENT|2.5|0.40|0.03|0.80|0.55|0.30|0.012|S",
        "SCT|Sở Công Thương|P94|DEPARTMENT|1.5|0.55|0.04|0.86|0.70|0.35|0.007|S",
        "SVHTTDL|Sở Văn hóa, Thể thao và Du lịch|P94|DEPARTMENT|1|0.50|0.03|0.84|0.60|0.30|0.010|S",
        // districts, abolished on 1/7/2025: each replaced by the new ward that took over its seat
        "TPST|UBND thành phố Sóc Trăng|P94|DISTRICT|8|0.42|0.03|0.80|0.55|0.35|0.012|H||2025-06-30|PPL",
        "HNN|UBND thị xã Ngã Năm|P94|DISTRICT|5|0.36|0.02|0.75|0.50|0.30|0.010|H||2025-06-30|PNN",
        "HVC|UBND thị xã Vĩnh Châu|P94|DISTRICT|6|0.30|0.02|0.70|0.45|0.25|0.028|H||2025-06-30|PVC",
        "HMX|UBND huyện Mỹ Xuyên|P94|DISTRICT|2.5|0.28|0.02|0.70|0.40|0.25|0.015|B||2025-06-30|PMX",
        // communes until 30/6/2025, under their districts
        "XP2|UBND Phường 2|TPST|COMMUNE|6|0.45|0.02|0.85|0.60|0.40|0.004|X||2025-06-30|PPL",
        "XP4|UBND Phường 4|TPST|COMMUNE|5|0.40|0.02|0.82|0.55|0.35|0.005|X||2025-06-30|PPL",
        "XP1|UBND Phường 1|HNN|COMMUNE|4|0.38|0.01|0.78|0.50|0.30|0.006|X||2025-06-30|PNN",
        "XLT|UBND xã Long Tân|HNN|COMMUNE|3|0.30|0.01|0.70|0.45|0.25|0.008|X||2025-06-30|",
        "XVH|UBND xã Vĩnh Hiệp|HVC|COMMUNE|3|0.28|0.01|0.68|0.40|0.25|0.010|X||2025-06-30|PKH",
        "XLH|UBND xã Lạc Hòa|HVC|COMMUNE|2.5|0.25|0.01|0.65|0.40|0.20|0.012|X||2025-06-30|PVC",
        "TTMX|UBND thị trấn Mỹ Xuyên|HMX|COMMUNE|1.6|0.32|0.01|0.75|0.45|0.30|0.007|B||2025-06-30|PMX",
        "XDT|UBND xã Đại Tâm|HMX|COMMUNE|1.2|0.22|0.01|0.65|0.40|0.20|0.009|B||2025-06-30|PMX",
        // from 1/7/2025, directly under the province; their staff are their predecessors' (the officers
        // of the units they replace), and a ward that took over a district's seat also does the former
        // district-level procedures
        "PPL|UBND phường Phú Lợi|P94|COMMUNE|19|0.43|0.02|0.82|0.57|0.37|0.008|X|2025-07-01||",
        "PNN|UBND phường Ngã Năm|P94|COMMUNE|9|0.37|0.02|0.76|0.50|0.30|0.008|X|2025-07-01||",
        "XLT|UBND xã Long Tân|P94|COMMUNE|3|0.30|0.01|0.70|0.45|0.25|0.008|X|2025-07-01||",
        "PVC|UBND phường Vĩnh Châu|P94|COMMUNE|8.5|0.29|0.02|0.69|0.44|0.24|0.023|X|2025-07-01||",
        "PKH|UBND phường Khánh Hòa|P94|COMMUNE|3|0.28|0.01|0.68|0.40|0.25|0.010|X|2025-07-01||",
        "PMX|UBND phường Mỹ Xuyên|P94|COMMUNE|5.3|0.28|0.02|0.70|0.42|0.25|0.011|B|2025-07-01||",
        // Sở Khoa học và Công nghệ sends a few dossiers but is missing from agencies.csv (unknown agency).
        "SKHCN|Sở Khoa học và Công nghệ|P94|DEPARTMENT|0.0105|0.60|0.00|0.90|0.70|0.30|0.005|S*",
    };

    /**
     * code|name|field|processing_days|online_level|fee|document|postal|amount|fee_type|inter_agency|scopes.
     * scopes: AGENCY:weight or DIST:weight / COMM:weight (every district / commune).
     * A code prefixed with '!' is used by dossiers but left out of procedures.csv.
     */
    static final String[] PROCEDURES = {
        // Sở Tư pháp
        "1.001193|Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam|Lý lịch tư pháp|10|FULL|1|1|1|200000|FEE|0|STP:60",
        "2.000505|Cấp Phiếu lý lịch tư pháp cho cơ quan nhà nước, cơ quan tiến hành tố tụng|Lý lịch tư pháp|10|PARTIAL|0|1|0|0|FEE|0|STP:6",
        "1.008925|Đăng ký hoạt động Văn phòng công chứng|Công chứng|10|PARTIAL|1|1|0|1000000|FEE|0|STP:1.5",
        "2.000830|Thành lập Văn phòng công chứng|Công chứng|20|PARTIAL|1|1|0|1000000|FEE|0.3|STP:0.8",
        "1.002032|Đăng ký hoạt động của tổ chức hành nghề luật sư|Luật sư|10|FULL|1|1|1|100000|FEE|0|STP:2",
        "1.001022|Cấp bản sao trích lục hộ tịch|Hộ tịch|1|FULL|1|1|1|8000|CHARGE|0|STP:8,COMM:6",
        // Sở Tài chính
        "1.005402|Đăng ký mã số đơn vị có quan hệ với ngân sách|Tin học - Thống kê|2|FULL|0|1|0|0|FEE|0|STC:6",
        "2.001157|Thẩm định quyết toán dự án hoàn thành|Tài chính đầu tư|20|PARTIAL|0|1|1|0|FEE|0|STC:2",
        "1.005431|Xác lập quyền sở hữu toàn dân đối với tài sản do tổ chức, cá nhân chuyển giao không bồi hoàn|Quản lý công sản|15|PARTIAL|0|1|0|0|FEE|0.2|STC:0.8",
        // Sở Xây dựng
        "1.009972|Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II|Xây dựng|20|PARTIAL|1|1|1|150000|CHARGE|0.1|SXD:3",
        "1.009980|Thẩm định Báo cáo nghiên cứu khả thi đầu tư xây dựng|Xây dựng|20|PARTIAL|1|1|0|2000000|FEE|0.2|SXD:2",
        "1.009928|Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III|Xây dựng|20|FULL|1|1|1|300000|FEE|0|SXD:4",
        "1.009931|Cấp chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III|Xây dựng|20|FULL|1|1|0|1000000|FEE|0|SXD:2",
        // Sở Y tế
        "1.012274|Cấp mới giấy phép hành nghề đối với chức danh bác sỹ, y sỹ, điều dưỡng, hộ sinh|Khám bệnh, chữa bệnh|20|PARTIAL|1|1|1|360000|FEE|0|SYT:5",
        "1.012293|Cấp mới giấy phép hoạt động đối với phòng khám chuyên khoa|Khám bệnh, chữa bệnh|20|PARTIAL|1|1|0|5700000|FEE|0|SYT:1.5",
        "1.004616|Cấp Chứng chỉ hành nghề dược|Dược phẩm|20|FULL|1|1|1|500000|FEE|0|SYT:3",
        "1.002952|Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược cho cơ sở bán lẻ thuốc|Dược phẩm|20|FULL|1|1|0|1000000|FEE|0|SYT:3",
        "1.003006|Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm thuộc thẩm quyền của Sở Y tế|An toàn thực phẩm|15|FULL|1|1|1|700000|FEE|0|SYT:2",
        // Sở Giáo dục và Đào tạo
        "1.005092|Cấp bản sao văn bằng, chứng chỉ từ sổ gốc|Văn bằng, chứng chỉ|1|FULL|0|1|1|0|FEE|0|SGDDT:6",
        "2.001914|Chỉnh sửa nội dung văn bằng, chứng chỉ|Văn bằng, chứng chỉ|5|FULL|0|1|1|0|FEE|0|SGDDT:1.5",
        "1.005084|Công nhận văn bằng tốt nghiệp các cấp học phổ thông do cơ sở giáo dục nước ngoài cấp|Văn bằng, chứng chỉ|20|PARTIAL|0|1|0|0|FEE|0|SGDDT:0.5",
        "1.005010|Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục|Giáo dục và Đào tạo thuộc hệ thống giáo dục quốc dân|20|PARTIAL|0|1|0|0|FEE|0.2|SGDDT:0.7",
        // Sở Kế hoạch và Đầu tư
        "2.001610|Đăng ký thành lập công ty TNHH một thành viên|Thành lập và hoạt động doanh nghiệp|3|FULL|1|1|1|50000|CHARGE|0|SKHDT:6",
        "2.001612|Đăng ký thành lập doanh nghiệp tư nhân|Thành lập và hoạt động doanh nghiệp|3|FULL|1|1|1|50000|CHARGE|0|SKHDT:2",
        "2.002040|Đăng ký thay đổi nội dung đăng ký doanh nghiệp|Thành lập và hoạt động doanh nghiệp|3|FULL|1|1|1|50000|CHARGE|0|SKHDT:10",
        "2.001583|Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo|Thành lập và hoạt động doanh nghiệp|3|FULL|0|0|0|0|FEE|0|SKHDT:4",
        "1.009645|Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư|Đầu tư tại Việt Nam|15|PARTIAL|0|1|0|0|FEE|0.2|SKHDT:0.6",
        "1.009644|Chấp thuận chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh|Đầu tư tại Việt Nam|20|PARTIAL|0|1|0|0|FEE|0.8|SKHDT:0.4",
        // Sở Tài nguyên và Môi trường
        "1.004227|Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do thay đổi thông tin|Đất đai|10|PARTIAL|1|1|1|50000|CHARGE|0.3|STNMT:8",
        "1.004203|Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu cho tổ chức|Đất đai|20|PARTIAL|1|1|0|500000|CHARGE|0.6|STNMT:1.5",
        "1.004269|Cung cấp dữ liệu đất đai|Đất đai|2|FULL|1|1|1|300000|FEE|0|STNMT:3",
        "1.004232|Cấp giấy phép khai thác, sử dụng nước dưới đất|Tài nguyên nước|20|PARTIAL|1|1|0|1500000|FEE|0.2|STNMT:0.5",
        "1.010727|Thẩm định báo cáo đánh giá tác động môi trường|Môi trường|20|PARTIAL|1|1|0|5000000|FEE|0.4|STNMT:0.5",
        // Sở Nội vụ
        "1.003879|Thẩm định thành lập đơn vị sự nghiệp công lập|Tổ chức - Biên chế|15|NONE|0|1|0|0|FEE|0.3|SNV:0.5",
        "1.003822|Công nhận ban vận động thành lập hội|Tổ chức phi chính phủ|15|PARTIAL|0|1|1|0|FEE|0|SNV:0.5",
        "1.001078|Đăng ký hoạt động tín ngưỡng|Tín ngưỡng, tôn giáo|15|PARTIAL|0|1|0|0|FEE|0|SNV:1",
        "2.000346|Xét tặng danh hiệu \"Tập thể lao động xuất sắc\"|Thi đua - Khen thưởng|20|NONE|0|1|0|0|FEE|0|SNV:2",
        // Sở Lao động - Thương binh và Xã hội
        "1.000105|Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam|Việc làm|5|FULL|1|1|1|600000|FEE|0|SLDTBXH:3",
        "1.001978|Giải quyết hưởng trợ cấp thất nghiệp|Việc làm|20|PARTIAL|0|1|0|0|FEE|0.2|SLDTBXH:6",
        "1.002519|Giải quyết chế độ trợ cấp ưu đãi đối với thân nhân liệt sĩ|Người có công|12|PARTIAL|0|1|0|0|FEE|0.3|SLDTBXH:1.5",
        "1.001865|Cấp giấy phép hoạt động dịch vụ việc làm của doanh nghiệp hoạt động dịch vụ việc làm|Việc làm|7|PARTIAL|1|1|0|1500000|FEE|0|SLDTBXH:0.3",
        // Sở Công Thương
        "2.000636|Cấp Giấy phép bán buôn rượu trên địa bàn tỉnh|Lưu thông hàng hóa trong nước|10|FULL|1|1|1|1200000|FEE|0|SCT:1.5",
        "2.000620|Cấp Giấy phép bán lẻ sản phẩm thuốc lá|Lưu thông hàng hóa trong nước|15|FULL|1|1|1|1200000|FEE|0|SCT:1",
        "2.001283|Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu|Kinh doanh xăng dầu|15|PARTIAL|1|1|0|1200000|FEE|0|SCT:1",
        "2.000591|Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm do Sở Công Thương thực hiện|An toàn thực phẩm|20|FULL|1|1|1|2500000|FEE|0|SCT:2",
        // Sở Văn hóa, Thể thao và Du lịch
        "1.000894|Cấp giấy phép tổ chức biểu diễn nghệ thuật|Nghệ thuật biểu diễn|5|FULL|0|1|1|0|FEE|0|SVHTTDL:2",
        "1.004628|Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa|Lữ hành|10|FULL|1|1|0|3000000|FEE|0|SVHTTDL:0.8",
        "1.001432|Công nhận hạng cơ sở lưu trú du lịch: hạng 1 sao, 2 sao, 3 sao|Du lịch|20|PARTIAL|1|1|0|1500000|FEE|0|SVHTTDL:0.8",
        "1.001029|Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke|Văn hóa|5|FULL|1|1|0|4000000|FEE|0|SVHTTDL:1.2",
        "!1.012070|Đăng ký tổ chức lễ hội cấp tỉnh|Văn hóa|10|PARTIAL|0|1|0|0|FEE|0|SVHTTDL:0.04",
        // Sở Khoa học và Công nghệ (the unknown agency)
        "1.004484|Cấp giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế|An toàn bức xạ và hạt nhân|10|FULL|1|1|0|500000|FEE|0|SKHCN:1",
        // cấp huyện
        "1.009994|Cấp giấy phép xây dựng nhà ở riêng lẻ|Xây dựng|15|PARTIAL|1|1|1|75000|CHARGE|0|DIST:6",
        "2.000720|Cấp Giấy chứng nhận đăng ký hộ kinh doanh|Thành lập và hoạt động của hộ kinh doanh|3|FULL|1|1|1|100000|CHARGE|0|DIST:8",
        "2.000575|Đăng ký thay đổi nội dung đăng ký hộ kinh doanh|Thành lập và hoạt động của hộ kinh doanh|3|FULL|1|1|0|50000|CHARGE|0|DIST:5",
        "2.000629|Cấp Giấy phép bán lẻ rượu|Lưu thông hàng hóa trong nước|10|FULL|1|1|0|600000|FEE|0|DIST:1.5",
        "2.000488|Chứng thực bản sao từ bản chính|Chứng thực|0|PARTIAL|1|1|0|2000|FEE|0|DIST:12,COMM:25",
        "2.000884|Chứng thực chữ ký trong các giấy tờ, văn bản|Chứng thực|0|NONE|1|1|0|10000|FEE|0|DIST:4,COMM:5",
        "1.000656|Đăng ký kết hôn có yếu tố nước ngoài|Hộ tịch|10|PARTIAL|1|1|0|1000000|CHARGE|0|DIST:1",
        "1.000689|Đăng ký khai sinh có yếu tố nước ngoài|Hộ tịch|3|FULL|1|1|1|75000|CHARGE|0|DIST:0.6",
        "1.004221|Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất trong các trường hợp chuyển nhượng, tặng cho, thừa kế|Đất đai|10|PARTIAL|1|1|1|50000|CHARGE|0.5|DIST:10",
        "1.004217|Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất|Đất đai|7|PARTIAL|1|1|1|50000|CHARGE|0.2|DIST:4",
        "1.004206|Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền đối với hộ gia đình, cá nhân|Đất đai|15|PARTIAL|1|1|0|100000|FEE|0.8|DIST:2",
        "2.002163|Hỗ trợ chi phí mai táng|Bảo trợ xã hội|5|NONE|0|1|0|0|FEE|0.2|DIST:2",
        "1.001776|Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng|Bảo trợ xã hội|20|PARTIAL|0|1|0|0|FEE|0.3|DIST:3",
        // cấp xã
        "1.004837|Đăng ký khai sinh|Hộ tịch|0|FULL|0|1|0|0|FEE|0|COMM:10",
        "1.005461|Đăng ký khai tử|Hộ tịch|0|FULL|0|1|0|0|FEE|0|COMM:3",
        "1.001766|Đăng ký kết hôn|Hộ tịch|3|PARTIAL|0|1|0|0|FEE|0|COMM:3",
        "1.004873|Cấp Giấy xác nhận tình trạng hôn nhân|Hộ tịch|3|FULL|1|1|1|15000|CHARGE|0|COMM:6",
        "1.001695|Đăng ký nhận cha, mẹ, con|Hộ tịch|3|PARTIAL|1|1|0|15000|CHARGE|0|COMM:0.6",
        "1.004859|Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc|Hộ tịch|3|PARTIAL|1|1|0|15000|CHARGE|0|COMM:1.2",
        "1.003583|Liên thông các thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi|Hộ tịch|5|FULL|0|1|0|0|FEE|1|COMM:4",
        "1.005190|Liên thông các thủ tục hành chính về đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất, hỗ trợ chi phí mai táng|Hộ tịch|5|FULL|0|1|0|0|FEE|1|COMM:1",
        "2.001035|Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở|Chứng thực|2|NONE|1|1|0|50000|FEE|0|COMM:3",
        "1.003003|Đăng ký thường trú|Cư trú|7|FULL|1|1|0|20000|CHARGE|0|COMM:4",
        "1.003622|Xét tặng Giấy khen Gia đình văn hóa|Văn hóa cơ sở|5|NONE|0|0|0|0|FEE|0|COMM:1",
        "1.008053|Xác nhận hộ gia đình làm nông nghiệp, lâm nghiệp, ngư nghiệp và diêm nghiệp có mức sống trung bình|Bảo trợ xã hội|7|PARTIAL|0|1|0|0|FEE|0|COMM:1.5",
        "1.004946|Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm|Bảo trợ xã hội|10|NONE|0|1|0|0|FEE|0|COMM:1",
    };

    /** How the district one-stop software prints some names (semicolons inside the field). */
    static final Map<String, String> DISTRICT_LABELS = Map.of(
        "1.004221", "Đăng ký biến động quyền sử dụng đất; quyền sở hữu tài sản gắn liền với đất (chuyển nhượng; tặng cho; thừa kế)",
        "1.009994", "Cấp giấy phép xây dựng (xây mới; sửa chữa, cải tạo) nhà ở riêng lẻ");

    static final String[][] TARGETS = {
        {"ONLINE_RATE", "0.55"}, {"ONLINE_PAYMENT_RATE", "0.30"}, {"ONLINE_PROCEDURE_RATE", "0.80"},
        {"POSTAL_PROCEDURE_RATE", "0.15"}, {"ON_TIME_RATE", "0.98"}, {"SATISFACTION_RATE", "0.90"},
    };

    static final String[] SURNAMES = {"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ",
        "Hồ", "Ngô", "Dương", "Lý", "Thạch", "Sơn", "Lâm", "Kim", "Danh", "Triệu", "Quách", "Tăng", "Châu"};
    static final String[] MALE_MIDDLE = {"Văn", "Minh", "Quốc", "Hoàng", "Thanh", "Hữu", "Công", "Đức", "Tấn", "Chí"};
    static final String[] FEMALE_MIDDLE = {"Thị", "Ngọc", "Thu", "Kim", "Mỹ", "Thanh", "Hồng", "Bích", "Thị Mỹ", "Thị Kim"};
    static final String[] MALE_GIVEN = {"An", "Bình", "Cường", "Dũng", "Hùng", "Khoa", "Long", "Minh", "Phúc",
        "Quang", "Sơn", "Tài", "Thắng", "Trí", "Vinh", "Hậu", "Nghĩa", "Tuấn", "Sang", "Phong", "Khánh", "Lộc"};
    static final String[] FEMALE_GIVEN = {"Lan", "Hoa", "Hạnh", "Hương", "Mai", "Nhung", "Oanh", "Phượng",
        "Thảo", "Trang", "Tuyết", "Vân", "Yến", "Ngân", "Diễm", "Linh", "Quyên", "Xuân", "Thùy", "Duyên"};

    static final String[] PROVIDERS = {"Nền tảng thanh toán quốc gia (PayGov)", "PayGov", "Vietcombank",
        "VietinBank", "BIDV", "Agribank", "VNPT Pay", "Viettel Money"};
    static final double[] PROVIDER_W = {30, 25, 10, 8, 7, 9, 7, 4};

    static final String[] BAD_COMMENTS = {
        "Thời gian giải quyết quá lâu, phải đi lại nhiều lần",
        "Cán bộ yêu cầu bổ sung giấy tờ nhiều lần, mỗi lần một ý",
        "Đến ngày hẹn vẫn chưa có kết quả, không được thông báo trước",
        "Cổng dịch vụ công hay bị lỗi, không nộp được hồ sơ trực tuyến",
        "Thái độ tiếp dân chưa niềm nở",
        "Phải chờ lâu tại Bộ phận Một cửa, không có số thứ tự",
        "Thanh toán trực tuyến đã trừ tiền nhưng hồ sơ báo chưa thanh toán",
        "Cán bộ nói \"về bổ sung đi\", không giải thích rõ thiếu giấy tờ gì",
    };
    static final String[] GOOD_COMMENTS = {
        "Cán bộ hướng dẫn tận tình, chu đáo", "Nhận kết quả sớm hơn ngày hẹn",
        "Nộp hồ sơ trực tuyến thuận tiện, không phải đi lại", "Rất hài lòng, cảm ơn cán bộ một cửa",
        "Thủ tục nhanh gọn", "Được nhận kết quả qua bưu điện, rất tiện",
    };
    static final String[] NEUTRAL_COMMENTS = {
        "Thủ tục còn nhiều giấy tờ, đề nghị đơn giản hóa", "Bình thường", "Nơi chờ còn chật, thiếu ghế ngồi",
    };
    static final String[] FEEDBACK_SUBJECTS = {
        "Thời gian giải quyết hồ sơ đất đai kéo dài",
        "Thái độ của cán bộ tiếp nhận hồ sơ",
        "Đề nghị hướng dẫn nộp hồ sơ trực tuyến trên Cổng Dịch vụ công",
        "Phản ánh việc yêu cầu bổ sung hồ sơ nhiều lần",
        "Lỗi thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia",
        "Đề nghị đính chính thông tin trên Phiếu lý lịch tư pháp",
        "Kiến nghị về mức thu phí chứng thực",
        "Phản ánh tình trạng đông người, chờ lâu tại Bộ phận Một cửa",
        "Hồ sơ trễ hẹn nhưng không nhận được phiếu xin lỗi",
        "Đề nghị niêm yết công khai thủ tục, phí, lệ phí",
        "Chưa nhận được kết quả qua dịch vụ bưu chính công ích",
        "Thủ tục hành chính, giấy tờ rườm rà",
        "Kiến nghị về cấp giấy phép xây dựng nhà ở riêng lẻ",
        "Hỏi về chế độ trợ cấp xã hội hằng tháng",
    };

    // ------------------------------------------------------------------ model

    static final class Proc {
        String code, name, field, online, feeType;
        int days;
        boolean fee, doc, postal, listed = true;
        long amount;
        double inter;
    }

    static final class Agency {
        String code, name, parent, level, file;
        /** First and last day (null = open), and the unit that took the work over (empty = none). */
        LocalDate from, to;
        String replacedBy = "";
        double weight, online, postal, dig, eres, reuse, late;
        boolean listed;
        int index;
        Proc[] procs = new Proc[0];
        double[] procW = new double[0];
        double procWSum;
        double[] pairOnline, pairPostal, pairPay;
        String[] officers;
        double[] officerLate;

        boolean validOn(LocalDate d) {
            return (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to));
        }
    }

    static final String DIRECT = "DIRECT", ONLINE = "ONLINE", POSTAL = "POSTAL";

    static final class Dossier implements Cloneable {
        String code;
        Agency ag;
        Proc proc;
        int procIdx;
        String channel;
        LocalDateTime submitted, received, due, resched, completed, returned;
        boolean dueEmpty, dueDateOnly;
        String status;
        boolean dig, eres, reuse, apology, inter;
        int supp;
        String officer;
        int variant;
        // ground truth that the main exports do not show yet
        String laterStatus;
        LocalDateTime laterCompleted, laterReturned;
        boolean late, stuck;
        /** Column -> raw text, for the planted bad rows. */
        Map<Integer, String> raw;

        Dossier copy() {
            try {
                Dossier d = (Dossier) super.clone();
                d.raw = raw == null ? null : new HashMap<>(raw);
                return d;
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        boolean resolved() {
            return "RESOLVED".equals(status) || "RETURNED".equals(status) || "REFUSED".equals(status);
        }

        boolean excluded() {
            return "WITHDRAWN".equals(status) || "CANCELLED".equals(status);
        }
    }

    // columns of a dossier export
    static final int C_CODE = 0, C_PROC = 1, C_PNAME = 2, C_AGENCY = 3, C_CHANNEL = 4, C_SUBMITTED = 5,
        C_RECEIVED = 6, C_DUE = 7, C_RESCHED = 8, C_COMPLETED = 9, C_RETURNED = 10, C_STATUS = 11,
        C_DIG = 12, C_ERES = 13, C_REUSE = 14, C_SUPP = 15, C_APOLOGY = 16, C_INTER = 17, C_OFFICER = 18,
        C_EXPORTED = 19;
    static final String[] CANONICAL_HEADER = {"dossier_code", "procedure_code", "procedure_name", "agency_code",
        "channel", "submitted_at", "received_at", "due_at", "rescheduled_due_at", "completed_at", "returned_at",
        "status", "digitized", "e_result", "data_reused", "supplement_requests", "apology_issued", "inter_agency",
        "officer", "exported_at"};
    static final String[] VI_HEADER = {"Mã hồ sơ", "Mã TTHC", "Tên TTHC", "Mã đơn vị", "Kênh nộp", "Ngày nộp",
        "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày hẹn trả lại", "Ngày có kết quả", "Ngày trả kết quả", "Trạng thái",
        "Số hóa hồ sơ", "Kết quả điện tử", "Tái sử dụng dữ liệu", "Số lần yêu cầu bổ sung", "Phiếu xin lỗi",
        "Liên thông", "Cán bộ xử lý", "Thời điểm xuất"};
    /** The XLSX uses the other labels SPEC §3.1 allows. */
    static final String[] XLSX_HEADER = {"Mã hồ sơ", "Mã thủ tục", "Tên TTHC", "Mã cơ quan", "Hình thức nộp",
        "Ngày nộp", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày hẹn trả lại", "Ngày hoàn thành", "Ngày trả kết quả",
        "Trạng thái", "Số hóa hồ sơ", "Kết quả điện tử", "Tái sử dụng dữ liệu", "Số lần yêu cầu bổ sung",
        "Phiếu xin lỗi", "Liên thông", "Cán bộ xử lý", "Thời điểm xuất"};

    static final Map<String, String[]> STATUS_LABELS = new LinkedHashMap<>();
    static {
        STATUS_LABELS.put("RECEIVED", new String[] {"Mới tiếp nhận", "Đã tiếp nhận"});
        STATUS_LABELS.put("IN_PROGRESS", new String[] {"Đang xử lý", "Đang giải quyết"});
        STATUS_LABELS.put("WAITING_SUPPLEMENT", new String[] {"Chờ bổ sung", "Yêu cầu bổ sung"});
        STATUS_LABELS.put("PAUSED", new String[] {"Tạm dừng"});
        STATUS_LABELS.put("RESOLVED", new String[] {"Đã giải quyết", "Đã có kết quả"});
        STATUS_LABELS.put("RETURNED", new String[] {"Đã trả kết quả"});
        STATUS_LABELS.put("REFUSED", new String[] {"Từ chối giải quyết"});
        STATUS_LABELS.put("WITHDRAWN", new String[] {"Rút hồ sơ", "Công dân yêu cầu rút hồ sơ"});
        STATUS_LABELS.put("CANCELLED", new String[] {"Đã hủy", "Hủy"});
    }

    // ------------------------------------------------------------------ state

    final long seed;
    final Cal cal;
    final List<Agency> agencies = new ArrayList<>();
    final Map<String, Agency> agencyByCode = new LinkedHashMap<>();
    final List<Proc> catalogue = new ArrayList<>();
    final Map<String, Proc> procByCode = new LinkedHashMap<>();
    final List<String> report = new ArrayList<>();
    final List<String> planted = new ArrayList<>();

    GenerateSampleData(long seed) {
        this.seed = seed;
        this.cal = new Cal();
        loadReference();
    }

    // ------------------------------------------------------------------ entry point

    public static void main(String[] args) throws Exception {
        if (!"\u1edf".equals("ở")) {
            relaunchAsUtf8(args);
            return;
        }
        Path out = null;
        Long dossiers = null;
        long seed = 94;
        boolean only = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dossiers" -> dossiers = Long.parseLong(args[++i].replace("_", "").replace(",", ""));
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--only-dossiers" -> only = true;
                case "-h", "--help" -> {
                    System.out.println("usage: java scripts/GenerateSampleData.java OUTDIR [--dossiers N] [--seed S] [--only-dossiers]");
                    return;
                }
                default -> {
                    if (args[i].startsWith("--") || out != null) {
                        System.err.println("unknown argument: " + args[i]);
                        System.exit(2);
                    }
                    out = Path.of(args[i]);
                }
            }
        }
        if (out == null) {
            System.err.println("usage: java scripts/GenerateSampleData.java OUTDIR [--dossiers N] [--seed S] [--only-dossiers]");
            System.exit(2);
        }
        if (dossiers == null) {
            dossiers = only ? 1_000_000L : 100_000L;
        } else if (dossiers < 1) {
            System.err.println("--dossiers must be at least 1");
            System.exit(2);
        }
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        GenerateSampleData g = new GenerateSampleData(seed);
        g.writeReference(out, !only);
        if (only) {
            g.writeBench(out, dossiers);
        } else {
            g.writeProvince(out, dossiers);
        }
        for (String line : g.report) {
            System.out.println(line);
        }
        if (!g.planted.isEmpty()) {
            System.out.println();
            System.out.println("planted bad rows (file, line/row, key, why):");
            for (String line : g.planted) {
                System.out.println("  " + line);
            }
        }
        System.out.printf("%ndone in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** Under a non-UTF-8 locale JDK 17 reads this source wrongly: run it again with UTF-8. */
    static void relaunchAsUtf8(String[] args) throws Exception {
        String source = System.getProperty("jdk.launcher.sourcefile");
        if (source == null || "UTF-8".equalsIgnoreCase(System.getProperty("file.encoding"))) {
            System.err.println("this source must be read as UTF-8: run java -Dfile.encoding=UTF-8 scripts/GenerateSampleData.java ...");
            System.exit(2);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add(source);
        cmd.addAll(Arrays.asList(args));
        System.exit(new ProcessBuilder(cmd).inheritIO().start().waitFor());
    }

    // ------------------------------------------------------------------ reference data

    void loadReference() {
        for (String line : AGENCIES) {
            String[] f = line.split("\\|", -1);
            Agency a = new Agency();
            a.code = f[0];
            a.name = f[1];
            a.parent = f[2];
            a.level = f[3];
            a.weight = Double.parseDouble(f[4]);
            a.online = Double.parseDouble(f[5]);
            a.postal = Double.parseDouble(f[6]);
            a.dig = Double.parseDouble(f[7]);
            a.eres = Double.parseDouble(f[8]);
            a.reuse = Double.parseDouble(f[9]);
            a.late = Double.parseDouble(f[10]);
            a.listed = !f[11].endsWith("*");
            a.file = f[11].replace("*", "");
            if (f.length > 12) {
                a.from = f[12].isEmpty() ? null : LocalDate.parse(f[12]);
                a.to = f[13].isEmpty() ? null : LocalDate.parse(f[13]);
                a.replacedBy = f[14];
            }
            a.index = agencies.size();
            agencies.add(a);
            agencyByCode.put(a.code, a); // a code with several rows: its latest
        }
        // the wards that took over a district's seat also do the former district-level procedures
        java.util.Set<String> districtSuccessors = new java.util.HashSet<>();
        for (Agency a : agencies) {
            if (a.level.equals("DISTRICT") && !a.replacedBy.isEmpty()) {
                districtSuccessors.add(a.replacedBy);
            }
        }
        Map<Agency, List<Proc>> procs = new LinkedHashMap<>();
        Map<Agency, List<Double>> weights = new LinkedHashMap<>();
        for (String line : PROCEDURES) {
            String[] f = line.split("\\|", -1);
            Proc p = new Proc();
            p.listed = !f[0].startsWith("!");
            p.code = f[0].replace("!", "");
            p.name = f[1];
            p.field = f[2];
            p.days = Integer.parseInt(f[3]);
            p.online = f[4];
            p.fee = f[5].equals("1");
            p.doc = f[6].equals("1");
            p.postal = f[7].equals("1");
            p.amount = Long.parseLong(f[8]);
            p.feeType = f[9];
            p.inter = Double.parseDouble(f[10]);
            catalogue.add(p);
            procByCode.put(p.code, p);
            for (String scope : f[11].split(",")) {
                String[] sw = scope.split(":");
                double w = Double.parseDouble(sw[1]);
                for (Agency a : agencies) {
                    boolean match = a.code.equals(sw[0])
                        || (sw[0].equals("DIST") && (a.level.equals("DISTRICT") || districtSuccessors.contains(a.code)))
                        || (sw[0].equals("COMM") && a.level.equals("COMMUNE"));
                    if (match) {
                        procs.computeIfAbsent(a, k -> new ArrayList<>()).add(p);
                        weights.computeIfAbsent(a, k -> new ArrayList<>()).add(w);
                    }
                }
            }
        }
        Random r = new Random(seed * 7919 + 11);
        Random names = new Random(seed * 104729 + 3);
        java.util.Set<String> usedNames = new java.util.HashSet<>();
        for (Agency a : agencies) {
            List<Proc> ps = procs.getOrDefault(a, List.of());
            a.procs = ps.toArray(new Proc[0]);
            a.procW = weights.getOrDefault(a, List.of()).stream().mapToDouble(Double::doubleValue).toArray();
            a.procWSum = Arrays.stream(a.procW).sum();
            int n = a.procs.length;
            a.pairOnline = new double[n];
            a.pairPostal = new double[n];
            a.pairPay = new double[n];
            for (int i = 0; i < n; i++) {
                Proc p = a.procs[i];
                // some (agency, procedure) pairs never see an online or postal dossier
                a.pairOnline[i] = p.online.equals("PARTIAL") && r.nextDouble() < 0.18 ? 0 : 0.6 + 0.8 * r.nextDouble();
                a.pairPostal[i] = p.postal && r.nextDouble() < 0.40 ? a.postal * (0.4 + 1.6 * r.nextDouble()) : 0;
                a.pairPay[i] = p.fee && r.nextDouble() < 0.22 ? 0 : 0.5 + r.nextDouble();
            }
            // a unit from the reorganisation is staffed by its predecessors' officers (a code that
            // continues, by its earlier row's), each as late as before
            List<String> staff = new ArrayList<>();
            List<Double> staffLate = new ArrayList<>();
            for (Agency p : agencies) {
                if (p == a) {
                    break;
                }
                if (p.replacedBy.equals(a.code) || (p.code.equals(a.code) && p.replacedBy.isEmpty())) {
                    for (int i = 0; i < p.officers.length; i++) {
                        staff.add(p.officers[i]);
                        staffLate.add(p.officerLate[i]);
                    }
                }
            }
            if (!staff.isEmpty()) {
                a.officers = staff.toArray(new String[0]);
                a.officerLate = staffLate.stream().mapToDouble(Double::doubleValue).toArray();
                continue;
            }
            int officers = switch (a.level) {
                case "DEPARTMENT" -> 4 + r.nextInt(3);
                case "DISTRICT" -> 6;
                case "COMMUNE" -> 3 + r.nextInt(2);
                default -> 0;
            };
            a.officers = new String[officers];
            a.officerLate = new double[officers];
            for (int i = 0; i < officers; i++) {
                String name;
                do {
                    name = personName(names);
                } while (!usedNames.add(name));
                a.officers[i] = name;
                a.officerLate[i] = a.late;
            }
            if (a.code.equals("HNN")) {
                // one officer late often enough (≥ 10 %) to be flagged (seed 004, appendix I.8); from
                // 1/7/2025 in phường Ngã Năm
                a.officers[0] = FLAGGED_OFFICER;
                a.officerLate[0] = 0.18;
            }
        }
    }

    /** The officer of HNN (then PNN) who is late often, and issues apologies less often than the others. */
    static final String FLAGGED_OFFICER = "Trần Văn Tài";

    static String personName(Random r) {
        String s = SURNAMES[r.nextInt(SURNAMES.length)];
        if (r.nextBoolean()) {
            return s + " " + MALE_MIDDLE[r.nextInt(MALE_MIDDLE.length)] + " " + MALE_GIVEN[r.nextInt(MALE_GIVEN.length)];
        }
        return s + " " + FEMALE_MIDDLE[r.nextInt(FEMALE_MIDDLE.length)] + " " + FEMALE_GIVEN[r.nextInt(FEMALE_GIVEN.length)];
    }

    void writeReference(Path out, boolean full) throws IOException {
        try (Csv c = new Csv(out.resolve("agencies.csv"), ',', false)) {
            c.row("agency_code", "name", "parent_code", "level", "valid_from", "valid_to", "replaced_by");
            for (Agency a : agencies) {
                if (a.listed) {
                    c.row(a.code, a.name, a.parent, a.level, a.from == null ? "" : a.from.toString(),
                        a.to == null ? "" : a.to.toString(), a.replacedBy);
                }
            }
            c.finish();
            count(out, "agencies.csv", c.records);
        }
        try (Csv c = new Csv(out.resolve("procedures.csv"), ',', false)) {
            c.row("procedure_code", "name", "field", "processing_days", "online_level", "fee_bearing",
                "document_result", "postal_enabled");
            for (Proc p : catalogue) {
                if (p.listed) {
                    c.row(p.code, p.name, p.field, Integer.toString(p.days), p.online, Boolean.toString(p.fee),
                        Boolean.toString(p.doc), Boolean.toString(p.postal));
                }
            }
            c.finish();
            count(out, "procedures.csv", c.records);
        }
        try (Csv c = new Csv(out.resolve("holidays.csv"), ',', false)) {
            c.row("date", "kind", "name");
            for (String h : HOLIDAYS) {
                c.row(h.split("\\|", -1));
            }
            c.finish();
            count(out, "holidays.csv", c.records);
        }
        if (full) {
            try (Csv c = new Csv(out.resolve("targets.csv"), ',', false)) {
                c.row("year", "agency_code", "indicator", "target");
                for (String year : new String[] {"2024", "2025"}) {
                    for (String[] t : TARGETS) {
                        c.row(year, "", t[0], t[1]);
                    }
                }
                // Sở Kế hoạch và Đầu tư is held to a higher online rate: business registration is toàn trình
                c.row("2025", "SKHDT", "ONLINE_RATE", "0.80");
                c.finish();
            count(out, "targets.csv", c.records);
            }
        }
    }

    void count(Path out, String file, long rows) throws IOException {
        report.add(String.format("%-36s %9d rows %10s", file, rows, human(Files.size(out.resolve(file)))));
    }

    static String human(long bytes) {
        if (bytes >= 1 << 20) {
            return String.format("%.2f MB", bytes / 1048576.0);
        }
        return String.format("%.1f kB", bytes / 1024.0);
    }

    // ------------------------------------------------------------------ dossier generation

    /** Relative volume of one agency on one day. */
    double dayFactor(Agency a, LocalDate d) {
        double f;
        DayOfWeek w = d.getDayOfWeek();
        if (cal.isWorking(d)) {
            f = switch (w) {
                case MONDAY -> 1.15;
                case TUESDAY -> 1.05;
                case FRIDAY -> 0.9;
                case SATURDAY, SUNDAY -> 0.8; // làm bù
                default -> 1.0;
            };
        } else if (cal.isHoliday(d)) {
            f = 0.01;
        } else if (w == DayOfWeek.SATURDAY) {
            f = a.level.equals("COMMUNE") ? 0.10 : 0.03; // some wards open on Saturday morning
        } else {
            f = 0.015;
        }
        for (LocalDate tet : TET) {
            long before = ChronoUnit.DAYS.between(d, tet);
            if (before > 0 && before <= 21) {
                f *= 1.25; // pre-Tết rush
            } else if (before < 0 && before >= -21) {
                f *= 0.85;
            }
        }
        if (d.getMonthValue() == 12) {
            f *= 1.08;
        }
        double t = ChronoUnit.DAYS.between(FIRST_DAY, d) / (double) DAYS;
        return f * (0.94 + 0.12 * t);
    }

    /**
     * Generates exactly n dossiers, day by day, and hands each to the sink in order of receipt. Per
     * (day, agency) volumes are noisy weights; cumulative rounding makes the total exact.
     */
    void generate(long n, Consumer<Dossier> sink) {
        long wseed = seed * 31 + 7;
        Random wr = new Random(wseed);
        double total = 0;
        for (int day = 0; day < DAYS; day++) {
            LocalDate d = FIRST_DAY.plusDays(day);
            for (Agency a : agencies) {
                if (a.validOn(d)) {
                    total += a.weight * dayFactor(a, d) * Math.exp(0.22 * wr.nextGaussian());
                }
            }
        }
        wr = new Random(wseed);
        Random r = new Random(seed);
        double cum = 0;
        long emitted = 0;
        List<Dossier> today = new ArrayList<>();
        int[] seq = new int[agencies.size()];
        for (int day = 0; day < DAYS; day++) {
            LocalDate d = FIRST_DAY.plusDays(day);
            today.clear();
            for (Agency a : agencies) {
                if (!a.validOn(d)) {
                    continue; // dossiers carry the codes of the units valid on the day they are received
                }
                cum += a.weight * dayFactor(a, d) * Math.exp(0.22 * wr.nextGaussian());
                long target = Math.min(n, Math.round(cum / total * n));
                if (day == DAYS - 1 && a == agencies.get(agencies.size() - 1)) {
                    target = n;
                }
                long k = target - emitted;
                emitted = target;
                for (long i = 0; i < k; i++) {
                    today.add(make(r, a, d));
                }
            }
            today.sort(Comparator.comparing((Dossier x) -> x.received).thenComparingInt(x -> x.ag.index));
            Arrays.fill(seq, 0);
            StringBuilder sb = new StringBuilder(24);
            for (Dossier x : today) {
                sb.setLength(0);
                sb.append("H94.").append(x.ag.code).append('-');
                p2(sb, d.getYear() % 100);
                p2(sb, d.getMonthValue());
                p2(sb, d.getDayOfMonth());
                sb.append('-');
                int s = ++seq[x.ag.index];
                for (int div = 10000; div > 1 && s < div; div /= 10) {
                    sb.append('0');
                }
                sb.append(s);
                x.code = sb.toString();
                sink.accept(x);
            }
        }
    }

    Dossier make(Random r, Agency a, LocalDate day) {
        Dossier x = new Dossier();
        x.ag = a;
        x.variant = r.nextInt(1 << 20);
        double u = r.nextDouble() * a.procWSum;
        int pi = 0;
        while (pi < a.procs.length - 1 && u >= a.procW[pi]) {
            u -= a.procW[pi];
            pi++;
        }
        Proc p = a.procs[pi];
        x.proc = p;
        x.procIdx = pi;
        double t = ChronoUnit.DAYS.between(FIRST_DAY, day) / (double) DAYS;

        // channel
        double pOnline = p.online.equals("NONE") ? 0
            : Math.min(0.97, a.online * (p.online.equals("FULL") ? 1.15 : 0.8) * (0.82 + 0.36 * t) * a.pairOnline[pi]);
        double pPostal = a.pairPostal[pi];
        double c = r.nextDouble();
        x.channel = c < pOnline ? ONLINE : c < pOnline + pPostal ? POSTAL : DIRECT;

        // receipt
        int minute;
        if (cal.isWorking(day)) {
            double m = r.nextDouble();
            if (x.channel == ONLINE && m < 0.04) {
                minute = WORK_AM_END + r.nextInt(WORK_PM_START - WORK_AM_END); // accepted over lunch
            } else if (x.channel == ONLINE && m < 0.07) {
                minute = WORK_PM_END + r.nextInt(150); // accepted after hours
            } else {
                minute = r.nextDouble() < 0.6 ? WORK_AM_START + r.nextInt(WORK_AM_END - WORK_AM_START)
                    : WORK_PM_START + r.nextInt(WORK_PM_END - WORK_PM_START);
            }
        } else {
            minute = 8 * 60 + r.nextInt(180);
        }
        x.received = day.atStartOfDay().plusMinutes(minute);
        if (x.channel == ONLINE && r.nextDouble() < 0.9) {
            double s = r.nextDouble();
            int back = s < 0.6 ? 10 + r.nextInt(230) : s < 0.9 ? 240 + r.nextInt(1200) : 1440 + r.nextInt(3 * 1440);
            x.submitted = x.received.minusMinutes(back);
        }

        // appointment
        LocalDate deemed = cal.deemedDay(x.received);
        LocalDate dueDay = cal.plusWorkingDays(deemed, p.days);
        x.due = dueDay.atTime(17, 0);
        x.dueEmpty = p.listed && r.nextDouble() < 0.10;
        x.dueDateOnly = r.nextDouble() < 0.6;

        int oi = r.nextInt(a.officers.length);
        x.officer = a.officers[oi];
        double s = r.nextDouble();
        x.supp = s < 0.86 ? 0 : s < 0.96 ? 1 : s < 0.99 ? 2 : 3;
        x.inter = r.nextDouble() < (p.inter > 0 ? p.inter : 0.01);
        x.dig = r.nextDouble() < Math.min(0.99, (x.channel == ONLINE ? 1.08 : 1.0) * a.dig * (0.88 + 0.2 * t));
        x.eres = r.nextDouble() < (p.doc ? Math.min(0.98, a.eres * (0.8 + 0.4 * t)) : 0.03);
        x.reuse = r.nextDouble() < Math.min(0.95, a.reuse * (0.7 + 0.6 * t) * (x.channel == ONLINE ? 1.2 : 0.85));

        // outcome (ground truth), then what the export at SNAPSHOT shows
        double o = r.nextDouble();
        double lateP = a.officerLate[oi] * (x.supp > 0 ? 1.4 : 1.0);
        LocalDateTime done;
        String finalStatus;
        if (o < 0.0012) {
            x.stuck = true;
            done = null;
            finalStatus = null;
        } else if (o < 0.0012 + 0.010) {
            finalStatus = "WITHDRAWN";
            done = randomWorkTime(r, cal.plusWorkingDays(deemed, r.nextInt(Math.max(1, p.days) + 1)), x.received);
        } else if (o < 0.0012 + 0.014) {
            finalStatus = "CANCELLED";
            done = randomWorkTime(r, cal.plusWorkingDays(deemed, r.nextInt(Math.max(1, p.days) + 1)), x.received);
        } else if (o < 0.0012 + 0.021) {
            finalStatus = "REFUSED";
            done = completeInTime(r, x.received, dueDay);
        } else if (r.nextDouble() < lateP) {
            x.late = true;
            int k = 1 + (int) Math.floor(-Math.log(1 - r.nextDouble()) * 2.5);
            done = randomWorkTime(r, cal.plusWorkingDays(dueDay, k), x.received);
            finalStatus = "RESOLVED";
        } else {
            done = completeInTime(r, x.received, dueDay);
            finalStatus = "RESOLVED";
        }
        LocalDateTime returnedAt = null;
        if ("RESOLVED".equals(finalStatus) && r.nextDouble() < 0.38) {
            finalStatus = "RETURNED";
            LocalDate rd = cal.plusWorkingDays(cal.nextWorkingOnOrAfter(done.toLocalDate()), p.days == 0 ? 0 : r.nextInt(3));
            returnedAt = rd.equals(done.toLocalDate()) ? done.plusMinutes(5 + r.nextInt(60)) : randomWorkTime(r, rd, done);
        }
        boolean apologyIfLate = r.nextDouble() < (FLAGGED_OFFICER.equals(a.officers[oi]) ? 0.55 : 0.86);
        int reschedExtra = r.nextInt(3);
        boolean hasResched = r.nextDouble() < 0.8;

        if (done != null && !done.isAfter(SNAPSHOT)) {
            x.status = finalStatus;
            if (!x.excluded()) {
                x.completed = done;
                if (returnedAt != null && !returnedAt.isAfter(SNAPSHOT)) {
                    x.returned = returnedAt;
                } else if (returnedAt != null) {
                    x.status = "RESOLVED";
                    x.laterReturned = returnedAt;
                }
            }
        } else {
            x.status = inProcessStatus(r, x);
            x.laterStatus = finalStatus;
            x.laterCompleted = done;
            x.laterReturned = returnedAt;
        }
        boolean overdueNow = !x.resolved() && !x.excluded() && x.due.isBefore(SNAPSHOT);
        if ((x.late && x.completed != null) || overdueNow) {
            x.apology = overdueNow ? r.nextDouble() < 0.5 : apologyIfLate;
            if (x.apology && hasResched) {
                x.resched = cal.plusWorkingDays(dueDay, (x.late ? 1 : 3) + reschedExtra).atTime(17, 0);
            }
        }
        return x;
    }

    String inProcessStatus(Random r, Dossier x) {
        double q = r.nextDouble();
        if (x.stuck) {
            return q < 0.4 ? "PAUSED" : q < 0.7 ? "WAITING_SUPPLEMENT" : "IN_PROGRESS";
        }
        // received on the last working day before the export (or since): mostly not yet assigned
        if (cal.ordinalOnOrAfter(SNAPSHOT.toLocalDate()) - cal.ordinalOnOrAfter(x.received.toLocalDate()) <= 1 && q < 0.55) {
            return "RECEIVED";
        }
        if (q < 0.04) {
            return "PAUSED";
        }
        if (x.supp > 0 && q < 0.6) {
            return "WAITING_SUPPLEMENT";
        }
        return "IN_PROGRESS";
    }

    /** Completion on a working day between receipt and the due day (on the due day about 1 in 5). */
    LocalDateTime completeInTime(Random r, LocalDateTime received, LocalDate dueDay) {
        int start = cal.ordinalOnOrAfter(received.toLocalDate());
        int end = cal.ordinal(dueDay);
        int recMinute = received.getHour() * 60 + received.getMinute();
        if (cal.isWorking(received.toLocalDate()) && recMinute >= WORK_PM_END - 15) {
            start++;
        }
        if (start > end) {
            start = end;
        }
        int ord = start == end || r.nextDouble() < 0.2 ? end : start + r.nextInt(end - start);
        LocalDate day = cal.dayOf(ord);
        LocalDateTime t = randomWorkTime(r, day, received);
        if (t.isAfter(dueDay.atTime(17, 0))) {
            t = dueDay.atTime(17, 0);
        }
        return t;
    }

    /** A working minute of the day, after {@code notBefore} (plus 10–70 minutes) when on the same day. */
    static LocalDateTime randomWorkTime(Random r, LocalDate day, LocalDateTime notBefore) {
        int lower = -1;
        if (day.equals(notBefore.toLocalDate())) {
            lower = notBefore.getHour() * 60 + notBefore.getMinute() + 10 + r.nextInt(60);
        } else if (day.isBefore(notBefore.toLocalDate())) {
            return notBefore.plusMinutes(30 + r.nextInt(120));
        }
        int amFrom = Math.max(WORK_AM_START, lower), pmFrom = Math.max(WORK_PM_START, lower);
        int am = Math.max(0, WORK_AM_END - amFrom), pm = Math.max(0, WORK_PM_END - pmFrom);
        if (am + pm == 0) {
            return notBefore.plusMinutes(10 + r.nextInt(30));
        }
        int pick = r.nextInt(am + pm);
        int minute = pick < am ? amFrom + pick : pmFrom + pick - am;
        return day.atTime(minute / 60, minute % 60);
    }

    // ------------------------------------------------------------------ the whole province

    void writeProvince(Path out, long n) throws IOException {
        List<Dossier> all = new ArrayList<>((int) n);
        generate(n, all::add);

        List<Dossier> so = new ArrayList<>(), huyen = new ArrayList<>(), xa = new ArrayList<>(), bs = new ArrayList<>();
        for (Dossier d : all) {
            switch (d.ag.file) {
                case "S" -> so.add(d);
                case "H" -> huyen.add(d);
                case "X" -> xa.add(d);
                default -> bs.add(d);
            }
        }
        List<Dossier> updates = buildUpdates(all);
        // some communes' dossiers of the last quarter go to the real systems' dialects instead
        Map<Agency, List<Dossier>> printed = new LinkedHashMap<>();
        List<Dossier> portal = new ArrayList<>();
        xa = moveToRealDialects(xa, updates, printed, portal);

        Map<String, List<Planted>> bad = plantBadRows(so, huyen, xa, bs, updates);

        writeCsv(out, "dossiers_so_nganh.csv", so, bad.get("S"), Dialect.CANONICAL, SNAPSHOT, ',', true);
        writeCsv(out, "ho_so_huyen.csv", huyen, bad.get("H"), Dialect.VIETNAMESE, SNAPSHOT.plusMinutes(5), ';', false);
        writeCsv(out, "dossiers_xa.csv", xa, bad.get("X"), Dialect.ISO, SNAPSHOT.plusMinutes(10), ',', false);
        writeXlsx(out, "ho_so_bo_sung.xlsx", bs, bad.get("B"), SNAPSHOT.plusMinutes(15));
        writeCsv(out, "dossiers_capnhat.csv", updates, bad.get("U"), Dialect.CANONICAL, UPDATE_EXPORT, ',', false);
        for (String[] unit : PRINTED_LIST_UNITS) {
            Agency a = agencyByCode.get(unit[0]);
            requireValid(a, REAL_DIALECTS_FROM, LAST_DAY);
            writePrintedList(out, "danh_sach_ho_so_" + unit[1] + ".xlsx", a, printed.get(a));
        }

        java.util.Set<String> paidOnline = writePayments(out, all);
        requireValid(agencyByCode.get(PORTAL_UNIT), REAL_DIALECTS_FROM, LAST_DAY);
        writePortalRecords(out, "dvcqg_dong_bo_" + PORTAL_UNIT_FILE + ".json", agencyByCode.get(PORTAL_UNIT), portal, paidOnline);
        writeEvaluations(out, all);
        writeFeedback(out);

        long late = 0, resolved = 0, online = 0, postal = 0, inProcess = 0, overdue = 0;
        for (Dossier d : all) {
            if (d.resolved()) {
                resolved++;
                if (d.late) {
                    late++;
                }
            } else if (!d.excluded()) {
                inProcess++;
                if (d.due.isBefore(SNAPSHOT)) {
                    overdue++;
                }
            }
            if (d.channel == ONLINE) {
                online++;
            } else if (d.channel == POSTAL) {
                postal++;
            }
        }
        report.add("");
        report.add(String.format("dossiers: %d (online %.1f%%, postal %.1f%%); resolved %d, late %d (%.2f%%); "
                + "in process at %s: %d, of which overdue %d", all.size(), 100.0 * online / all.size(),
            100.0 * postal / all.size(), resolved, late, 100.0 * late / resolved, SNAPSHOT, inProcess, overdue));
        report.add("received from " + all.get(0).received + " to " + all.get(all.size() - 1).received
            + " — the last complete quarter is 2025-Q4 (15/09/2025–14/12/2025)");
    }

    void writeBench(Path out, long n) throws IOException {
        Path file = out.resolve("dossiers_bench.csv");
        long[] rows = {0};
        String exported = Dialect.CANONICAL.date(SNAPSHOT, 0);
        try (Csv c = new Csv(file, ',', false)) {
            c.row(CANONICAL_HEADER);
            String[] f = new String[20];
            generate(n, d -> {
                render(d, Dialect.CANONICAL, exported, f);
                f[C_PNAME] = "";
                c.rowUnchecked(f);
                rows[0]++;
            });
        }
        count(out, "dossiers_bench.csv", rows[0]);
    }

    /** The later export: in-process dossiers now resolved, apologies issued late, digitisation made up. */
    List<Dossier> buildUpdates(List<Dossier> all) {
        Random r = new Random(seed * 131 + 5);
        List<Dossier> nowDone = new ArrayList<>(), lateNoApology = new ArrayList<>(), stuck = new ArrayList<>(),
            undigitised = new ArrayList<>();
        LocalDateTime horizon = UPDATE_EXPORT.minusHours(15);
        for (Dossier d : all) {
            if (d.stuck) {
                stuck.add(d);
            } else if (d.laterStatus != null && d.laterCompleted != null && !d.laterCompleted.isAfter(horizon)) {
                nowDone.add(d);
            } else if (d.late && d.completed != null && !d.apology) {
                lateNoApology.add(d);
            } else if (d.resolved() && !d.dig && d.received.getYear() == 2025 && d.received.getMonthValue() >= 9) {
                undigitised.add(d);
            }
        }
        List<Dossier> out = new ArrayList<>();
        for (Dossier d : sample(r, nowDone, 260)) {
            Dossier u = d.copy();
            u.status = d.laterStatus;
            if (!"WITHDRAWN".equals(u.status) && !"CANCELLED".equals(u.status)) {
                u.completed = d.laterCompleted;
                if (d.laterReturned != null && !d.laterReturned.isAfter(horizon)) {
                    u.status = "RETURNED";
                    u.returned = d.laterReturned;
                } else if ("RETURNED".equals(u.status)) {
                    u.status = "RESOLVED";
                }
            }
            if (u.late && u.completed != null) {
                u.apology = true;
            }
            out.add(u);
        }
        for (Dossier d : sample(r, lateNoApology, 60)) {
            Dossier u = d.copy();
            u.apology = true;
            u.resched = cal.plusWorkingDays(cal.ordinalDay(d.due.toLocalDate()), 2).atTime(17, 0);
            out.add(u);
        }
        for (Dossier d : sample(r, stuck, 20)) {
            Dossier u = d.copy();
            if (r.nextDouble() < 0.25) {
                u.status = "CANCELLED";
            } else {
                u.status = "RESOLVED";
                u.late = true;
                u.completed = randomWorkTime(r, LocalDate.of(2025, 12, 16 + r.nextInt(4)), d.received);
                u.apology = true;
            }
            out.add(u);
        }
        for (Dossier d : sample(r, undigitised, 40)) {
            Dossier u = d.copy();
            u.dig = true;
            out.add(u);
        }
        out.sort(Comparator.comparing((Dossier x) -> x.received));
        return out;
    }

    static <T> List<T> sample(Random r, List<T> from, int k) {
        if (from.size() <= k) {
            return new ArrayList<>(from);
        }
        List<T> copy = new ArrayList<>(from);
        for (int i = 0; i < k; i++) {
            int j = i + r.nextInt(copy.size() - i);
            T tmp = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, tmp);
        }
        List<T> picked = new ArrayList<>(copy.subList(0, k));
        return picked;
    }

    // ------------------------------------------------------------------ planted bad rows

    record Planted(int after, Dossier row, String why) {}

    Map<String, List<Planted>> plantBadRows(List<Dossier> so, List<Dossier> huyen, List<Dossier> xa, List<Dossier> bs,
            List<Dossier> updates) {
        Map<String, List<Planted>> m = new LinkedHashMap<>();
        for (String k : new String[] {"S", "H", "X", "B", "U"}) {
            m.put(k, new ArrayList<>());
        }
        // ---- dossiers_so_nganh.csv (canonical)
        bad(m, "S", so, "STP", LocalDate.of(2024, 3, 11), 1, x -> x.resolved(),
            x -> x.raw.put(C_RECEIVED, "31/02/2024 09:15"),
            "received_at 31/02/2024 09:15 is a date that does not exist");
        bad(m, "S", so, "SKHDT", LocalDate.of(2024, 7, 22), 1, x -> x.resolved(),
            x -> x.raw.put(C_STATUS, "DA_XU_LY"),
            "status DA_XU_LY is in none of the status lists");
        bad(m, "S", so, "SYT", LocalDate.of(2024, 11, 5), 1, x -> x.resolved(),
            x -> { x.status = "RESOLVED"; x.completed = null; x.returned = null; },
            "status RESOLVED without completed_at");
        bad(m, "S", so, "STNMT", LocalDate.of(2025, 1, 8), 1, x -> x.resolved(),
            x -> { x.completed = x.received.minusDays(5).withHour(10).withMinute(20); x.returned = null; x.status = "RESOLVED"; },
            "completed_at five days before received_at");
        bad(m, "S", so, "SLDTBXH", LocalDate.of(2024, 9, 20), 1, x -> x.resolved(),
            x -> x.raw.put(C_CODE, ""),
            "dossier_code missing");
        Dossier dupA = bad(m, "S", so, "SCT", LocalDate.of(2025, 4, 15), 1, x -> x.resolved(), x -> { },
            "dossier_code appears twice in this file (both rows rejected)");
        if (dupA != null) {
            Dossier dupB = dupA.copy();
            dupB.status = "IN_PROGRESS";
            dupB.completed = null;
            dupB.returned = null;
            m.get("S").add(new Planted(indexAfter(so, dupA.received.plusDays(3)), dupB,
                "dossier_code appears twice in this file (both rows rejected)"));
        }
        bad(m, "S", so, "SLDTBXH", LocalDate.of(2025, 6, 10), 2, x -> x.resolved(),
            x -> x.raw.put(C_DIG, "x"),
            "digitized = x is not a boolean");
        bad(m, "S", so, "SVHTTDL", LocalDate.of(2025, 6, 17), 1, x -> x.resolved(),
            x -> { x.proc = procByCode.get("1.012070"); x.dueEmpty = true; },
            "due_at empty and procedure 1.012070 is not in the catalogue (processing time unknown)");
        // ---- ho_so_huyen.csv (Vietnamese labels)
        bad(m, "H", huyen, "TPST", LocalDate.of(2025, 2, 28), 1, x -> x.resolved(),
            x -> x.raw.put(C_RECEIVED, "30/02/2025 08:15"),
            "Ngày tiếp nhận 30/02/2025 08:15 does not exist");
        bad(m, "H", huyen, "HVC", LocalDate.of(2024, 9, 17), 1, x -> x.resolved(),
            x -> x.raw.put(C_STATUS, "Đang chờ ký số"),
            "Trạng thái 'Đang chờ ký số' is not a known status label");
        bad(m, "H", huyen, "HNN", LocalDate.of(2024, 12, 2), 1, x -> x.resolved(),
            x -> { x.status = "RETURNED"; x.completed = null; },
            "Đã trả kết quả without Ngày có kết quả");
        Dossier dupH = bad(m, "H", huyen, "TPST", LocalDate.of(2025, 5, 20), 1, x -> x.resolved(), x -> { },
            "Mã hồ sơ appears twice in this file (both rows rejected)");
        if (dupH != null) {
            Dossier dupH2 = dupH.copy();
            dupH2.supp = dupH.supp + 1;
            dupH2.officer = dupH.ag.officers[(Arrays.asList(dupH.ag.officers).indexOf(dupH.officer) + 1) % dupH.ag.officers.length];
            m.get("H").add(new Planted(indexAfter(huyen, dupH.received.plusDays(10)), dupH2,
                "Mã hồ sơ appears twice in this file (both rows rejected)"));
        }
        bad(m, "H", huyen, "HVC", LocalDate.of(2025, 5, 5), 1, x -> x.resolved(),
            x -> x.raw.put(C_CHANNEL, "Qua Zalo"),
            "Kênh nộp 'Qua Zalo' is not a known channel label");
        bad(m, "H", huyen, "HNN", LocalDate.of(2024, 6, 25), 1, x -> x.resolved(),
            x -> x.raw.put(C_APOLOGY, "Chưa"),
            "Phiếu xin lỗi 'Chưa' is not a boolean");
        // ---- dossiers_xa.csv (ISO-8601)
        bad(m, "X", xa, "XP2", LocalDate.of(2024, 2, 29), 1, x -> x.resolved(),
            x -> x.raw.put(C_RECEIVED, "2024-02-30T08:00:00+07:00"),
            "received_at 2024-02-30T08:00:00+07:00 does not exist");
        bad(m, "X", xa, "XLT", LocalDate.of(2025, 3, 12), 1, x -> x.resolved(),
            x -> { x.status = "IN_PROGRESS"; x.returned = null; },
            "completed_at set on a dossier in process (IN_PROGRESS)");
        bad(m, "X", xa, "XVH", LocalDate.of(2024, 10, 18), 1, x -> x.resolved(),
            x -> x.raw.put(C_PROC, ""),
            "procedure_code missing");
        bad(m, "X", xa, "PPL", LocalDate.of(2025, 9, 3), 1, x -> x.resolved(),
            x -> x.raw.put(C_CHANNEL, "5"),
            "channel code 5 is not a KenhThucHien code (1/2/3)");
        bad(m, "X", xa, "XP1", LocalDate.of(2025, 1, 17), 1, x -> x.resolved() && x.received.getHour() >= 9,
            x -> {
                x.status = "RESOLVED";
                x.returned = null;
                x.raw.put(C_RECEIVED, iso(x.received, false));
                // 01:30Z is 08:30 local: before receipt once the offset is applied
                x.raw.put(C_COMPLETED, iso(x.received.toLocalDate().atTime(8, 30), true));
            },
            "completed_at (…T01:30:00Z = 08:30 local) before received_at");
        // ---- ho_so_bo_sung.xlsx
        bad(m, "B", bs, "TTMX", LocalDate.of(2024, 4, 15), 1, x -> x.resolved(),
            x -> x.raw.put(C_RECEIVED, "31/04/2024 08:30"),
            "Ngày tiếp nhận is the text 31/04/2024 08:30, a date that does not exist");
        bad(m, "B", bs, "PMX", LocalDate.of(2025, 9, 25), 1, x -> x.resolved(),
            x -> { x.status = "RESOLVED"; x.completed = null; x.returned = null; },
            "Đã giải quyết without Ngày hoàn thành");
        // ---- dossiers_capnhat.csv
        if (updates.isEmpty()) {
            return m;
        }
        Dossier u = updates.get(updates.size() / 2).copy();
        u.code = "H94.STP-251201-90001";
        u.ag = agencyByCode.get("STP");
        u.proc = procByCode.get("1.001193");
        u.received = LocalDate.of(2025, 12, 1).atTime(9, 40);
        u.submitted = null;
        u.channel = DIRECT;
        u.due = LocalDate.of(2025, 12, 15).atTime(17, 0);
        u.status = "RESOLVED";
        u.completed = LocalDate.of(2025, 12, 12).atTime(10, 5);
        u.returned = null;
        u.officer = u.ag.officers[1];
        u.raw = new HashMap<>();
        u.raw.put(C_SUPP, "hai");
        m.get("U").add(new Planted(updates.size() / 2, u, "supplement_requests 'hai' is not an integer"));
        return m;
    }

    /**
     * Plants a bad row: a copy of the first dossier of {@code agency} received on or after {@code from}
     * that matches {@code template}, with a new code ({@code -9000k}) and the mutation applied.
     */
    Dossier bad(Map<String, List<Planted>> m, String file, List<Dossier> rows, String agency, LocalDate from, int k,
            java.util.function.Predicate<Dossier> template, Consumer<Dossier> mutate, String why) {
        int i = 0;
        while (i < rows.size() && (!rows.get(i).ag.code.equals(agency) || rows.get(i).received.toLocalDate().isBefore(from)
                || !template.test(rows.get(i)))) {
            i++;
        }
        if (i == rows.size()) {
            // too few dossiers (a small --dossiers): take any fitting row of the file
            i = 0;
            while (i < rows.size() && !template.test(rows.get(i))) {
                i++;
            }
            if (i == rows.size()) {
                return null;
            }
        }
        Dossier x = rows.get(i).copy();
        LocalDate d = x.received.toLocalDate();
        x.code = String.format("H94.%s-%02d%02d%02d-%05d", agency, d.getYear() % 100, d.getMonthValue(),
            d.getDayOfMonth(), 90000 + k);
        x.raw = new HashMap<>();
        mutate.accept(x);
        m.get(file).add(new Planted(i + 1, x, why));
        return x;
    }

    static int indexAfter(List<Dossier> rows, LocalDateTime t) {
        int i = 0;
        while (i < rows.size() && rows.get(i).received.isBefore(t)) {
            i++;
        }
        return i;
    }

    // ------------------------------------------------------------------ dialects

    enum Dialect {
        CANONICAL, VIETNAMESE, ISO;

        String date(LocalDateTime t, int variant) {
            if (t == null) {
                return "";
            }
            if (this == ISO) {
                return iso(t, (variant & 7) < 4, (variant & 32) != 0);
            }
            StringBuilder sb = new StringBuilder(16);
            p2(sb, t.getDayOfMonth());
            sb.append('/');
            p2(sb, t.getMonthValue());
            sb.append('/').append(t.getYear()).append(' ');
            p2(sb, t.getHour());
            sb.append(':');
            p2(sb, t.getMinute());
            return sb.toString();
        }

        String dueDate(LocalDateTime t, boolean dateOnly, int variant) {
            if (t == null) {
                return "";
            }
            if (!dateOnly) {
                return date(t, variant);
            }
            StringBuilder sb = new StringBuilder(10);
            if (this == ISO) {
                sb.append(t.getYear()).append('-');
                p2(sb, t.getMonthValue());
                sb.append('-');
                p2(sb, t.getDayOfMonth());
            } else {
                p2(sb, t.getDayOfMonth());
                sb.append('/');
                p2(sb, t.getMonthValue());
                sb.append('/').append(t.getYear());
            }
            return sb.toString();
        }

        String bool(boolean b) {
            return switch (this) {
                case CANONICAL -> b ? "true" : "false";
                case VIETNAMESE -> b ? "Có" : "Không";
                case ISO -> b ? "1" : "0";
            };
        }

        String channel(String c, int variant) {
            if (this == VIETNAMESE) {
                return c == DIRECT ? "Trực tiếp" : c == ONLINE ? "Trực tuyến" : "Bưu chính công ích";
            }
            if (this == ISO && (variant >> 3) % 5 < 2) {
                return c == DIRECT ? "1" : c == ONLINE ? "2" : "3";
            }
            return c;
        }

        String status(String s, int variant) {
            if (this != VIETNAMESE) {
                return s;
            }
            String[] labels = STATUS_LABELS.get(s);
            return labels.length > 1 && (variant >> 6) % 5 == 0 ? labels[1] : labels[0];
        }
    }

    static String iso(LocalDateTime t, boolean utc) {
        return iso(t, utc, true);
    }

    /** ISO-8601 with an offset: local +07:00 or UTC Z, with or without seconds. */
    static String iso(LocalDateTime t, boolean utc, boolean seconds) {
        LocalDateTime v = utc ? t.minusHours(7) : t;
        StringBuilder sb = new StringBuilder(25);
        sb.append(v.getYear()).append('-');
        p2(sb, v.getMonthValue());
        sb.append('-');
        p2(sb, v.getDayOfMonth());
        sb.append('T');
        p2(sb, v.getHour());
        sb.append(':');
        p2(sb, v.getMinute());
        if (seconds) {
            sb.append(':');
            p2(sb, v.getSecond());
        }
        sb.append(utc ? "Z" : "+07:00");
        return sb.toString();
    }

    static void p2(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }

    void render(Dossier d, Dialect dl, String exported, String[] f) {
        int v = d.variant;
        f[C_CODE] = d.code;
        f[C_PROC] = d.proc.code;
        f[C_PNAME] = d.proc.name;
        f[C_AGENCY] = d.ag.code;
        f[C_CHANNEL] = dl.channel(d.channel, v);
        f[C_SUBMITTED] = dl.date(d.submitted, v);
        f[C_RECEIVED] = dl.date(d.received, v);
        f[C_DUE] = d.dueEmpty ? "" : dl.dueDate(d.due, d.dueDateOnly, v);
        f[C_RESCHED] = dl.dueDate(d.resched, (v & 16) != 0, v);
        f[C_COMPLETED] = dl.date(d.completed, v);
        f[C_RETURNED] = dl.date(d.returned, v);
        f[C_STATUS] = dl.status(d.status, v);
        f[C_DIG] = dl.bool(d.dig);
        f[C_ERES] = dl.bool(d.eres);
        f[C_REUSE] = dl.bool(d.reuse);
        f[C_SUPP] = Integer.toString(d.supp);
        f[C_APOLOGY] = dl.bool(d.apology);
        f[C_INTER] = dl.bool(d.inter);
        f[C_OFFICER] = d.officer;
        f[C_EXPORTED] = exported;
    }

    void writeCsv(Path out, String name, List<Dossier> rows, List<Planted> bad, Dialect dl, LocalDateTime exportedAt,
            char sep, boolean bom) throws IOException {
        // the commune software stamps its export in UTC
        String exported = dl == Dialect.ISO ? iso(exportedAt, true, false) : dl.date(exportedAt, 0);
        bad.sort(Comparator.comparingInt(Planted::after));
        try (Csv c = new Csv(out.resolve(name), sep, bom)) {
            c.row(dl == Dialect.VIETNAMESE ? VI_HEADER : CANONICAL_HEADER);
            String[] f = new String[20];
            int b = 0;
            for (int i = 0; i <= rows.size(); i++) {
                while (b < bad.size() && bad.get(b).after() == i) {
                    Planted p = bad.get(b++);
                    render(p.row(), dl, exported, f);
                    p.row().raw.forEach((col, text) -> f[col] = text);
                    long line = c.row(f);
                    planted.add(String.format("%-22s line %6d  %-24s %s", name, line,
                        f[C_CODE].isEmpty() ? "(empty)" : f[C_CODE], p.why()));
                }
                if (i == rows.size()) {
                    break;
                }
                Dossier d = rows.get(i);
                render(d, dl, exported, f);
                trimOptional(d, dl, f, name);
                c.row(f);
            }
            c.finish();
            count(out, name, c.records);
        }
    }

    /** Exports differ in what optional columns they fill; this also keeps sample-data/ small. */
    void trimOptional(Dossier d, Dialect dl, String[] f, String file) {
        int v = d.variant;
        switch (file) {
            case "dossiers_so_nganh.csv" -> {
                if ((v >> 9) % 10 != 0) {
                    f[C_PNAME] = "";
                }
                if ((v >> 13) % 20 < 9) {
                    f[C_OFFICER] = "";
                }
            }
            case "ho_so_huyen.csv" -> {
                String label = DISTRICT_LABELS.get(d.proc.code);
                if (label != null) {
                    f[C_PNAME] = label;
                }
                if ((v >> 9) % 10 >= 2) {
                    f[C_PNAME] = "";
                }
                if ((v >> 13) % 20 < 3) {
                    f[C_OFFICER] = "";
                }
                if ((v >> 9) % 1000 < 3 && (v >> 9) % 10 < 2) {
                    f[C_PNAME] = f[C_PNAME] + "\n(hồ sơ liên thông, nhập lại từ phần mềm cũ)";
                }
            }
            case "dossiers_xa.csv" -> {
                f[C_PNAME] = "";
                f[C_RETURNED] = ""; // the commune software does not export the hand-over time
                if ((v >> 9) % 10 >= 3) {
                    f[C_OFFICER] = "";
                }
            }
            default -> { }
        }
    }

    // ------------------------------------------------------------------ XLSX

    void writeXlsx(Path out, String name, List<Dossier> rows, List<Planted> bad, LocalDateTime exportedAt)
            throws IOException {
        bad.sort(Comparator.comparingInt(Planted::after));
        Xlsx x = new Xlsx();
        x.header(XLSX_HEADER);
        int b = 0;
        for (int i = 0; i <= rows.size(); i++) {
            while (b < bad.size() && bad.get(b).after() == i) {
                Planted p = bad.get(b++);
                int row = xlsxRow(x, p.row(), exportedAt);
                planted.add(String.format("%-22s row  %6d  %-24s %s", name, row, p.row().code, p.why()));
            }
            if (i == rows.size()) {
                break;
            }
            xlsxRow(x, rows.get(i), exportedAt);
        }
        x.write(out.resolve(name), "Hồ sơ");
        count(out, name, x.rows - 1);
    }

    int xlsxRow(Xlsx x, Dossier d, LocalDateTime exportedAt) {
        Dialect vi = Dialect.VIETNAMESE;
        Object[] cells = new Object[20];
        cells[C_CODE] = d.code;
        cells[C_PROC] = d.proc.code;
        cells[C_PNAME] = d.proc.name;
        cells[C_AGENCY] = d.ag.code;
        cells[C_CHANNEL] = vi.channel(d.channel, d.variant);
        cells[C_SUBMITTED] = d.submitted;
        cells[C_RECEIVED] = d.received;
        cells[C_DUE] = d.dueEmpty ? null : d.due;
        cells[C_RESCHED] = d.resched;
        cells[C_COMPLETED] = d.completed;
        cells[C_RETURNED] = d.returned;
        cells[C_STATUS] = vi.status(d.status, d.variant);
        cells[C_DIG] = vi.bool(d.dig);
        cells[C_ERES] = vi.bool(d.eres);
        cells[C_REUSE] = vi.bool(d.reuse);
        cells[C_SUPP] = d.supp;
        cells[C_APOLOGY] = vi.bool(d.apology);
        cells[C_INTER] = vi.bool(d.inter);
        cells[C_OFFICER] = d.officer;
        cells[C_EXPORTED] = exportedAt;
        if (d.raw != null) {
            d.raw.forEach((col, text) -> cells[col] = text);
        }
        return x.row(cells);
    }

    /** A minimal SpreadsheetML writer: shared strings, one sheet, real date cells (style 1). */
    static final class Xlsx {
        final StringBuilder sheet = new StringBuilder(1 << 20);
        final Map<String, Integer> strings = new LinkedHashMap<>();
        long stringRefs;
        int rows;
        int cols;
        /** Rows kept in view (the header and what is above it). */
        int frozen = 1;
        String colWidths = "<col min=\"1\" max=\"1\" width=\"26\" customWidth=\"1\"/><col min=\"3\" max=\"3\" width=\"48\" customWidth=\"1\"/>"
            + "<col min=\"6\" max=\"11\" width=\"17\" customWidth=\"1\"/><col min=\"19\" max=\"20\" width=\"20\" customWidth=\"1\"/>";
        /** Whether a LocalDate was written: a whole-day serial in a date format (style 2), read as a date without time. */
        boolean dates;

        void header(String[] h) {
            cols = h.length;
            row(h);
        }

        int row(Object[] cells) {
            rows++;
            sheet.append("<row r=\"").append(rows).append("\">");
            for (int c = 0; c < cells.length; c++) {
                Object v = cells[c];
                if (v == null || (v instanceof String s && s.isEmpty())) {
                    continue;
                }
                String ref = colName(c) + rows;
                if (v instanceof String s) {
                    Integer idx = strings.get(s);
                    if (idx == null) {
                        idx = strings.size();
                        strings.put(s, idx);
                    }
                    stringRefs++;
                    sheet.append("<c r=\"").append(ref).append("\" t=\"s\"><v>").append(idx).append("</v></c>");
                } else if (v instanceof LocalDateTime t) {
                    sheet.append("<c r=\"").append(ref).append("\" s=\"1\"><v>").append(serial(t)).append("</v></c>");
                } else if (v instanceof LocalDate day) {
                    dates = true;
                    sheet.append("<c r=\"").append(ref).append("\" s=\"2\"><v>")
                        .append(ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), day)).append("</v></c>");
                } else {
                    sheet.append("<c r=\"").append(ref).append("\"><v>").append(v).append("</v></c>");
                }
            }
            sheet.append("</row>");
            return rows;
        }

        static String colName(int c) {
            StringBuilder sb = new StringBuilder();
            c++;
            while (c > 0) {
                int m = (c - 1) % 26;
                sb.insert(0, (char) ('A' + m));
                c = (c - 1) / 26;
            }
            return sb.toString();
        }

        static String serial(LocalDateTime t) {
            long days = ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), t.toLocalDate());
            int secs = t.toLocalTime().toSecondOfDay();
            return Double.toString(days + secs / 86400.0);
        }

        static String esc(String s) {
            StringBuilder sb = new StringBuilder(s.length() + 8);
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '&' -> sb.append("&amp;");
                    case '<' -> sb.append("&lt;");
                    case '>' -> sb.append("&gt;");
                    case '"' -> sb.append("&quot;");
                    default -> sb.append(ch);
                }
            }
            return sb.toString();
        }

        void write(Path file, String sheetName) throws IOException {
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
            String main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
            try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
                put(z, "[Content_Types].xml", xml
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                    + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                    + "</Types>");
                put(z, "_rels/.rels", xml
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + rel + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>");
                put(z, "xl/workbook.xml", xml
                    + "<workbook xmlns=\"" + main + "\" xmlns:r=\"" + rel + "\">"
                    + "<sheets><sheet name=\"" + esc(sheetName) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
                put(z, "xl/_rels/workbook.xml.rels", xml
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + rel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "<Relationship Id=\"rId2\" Type=\"" + rel + "/styles\" Target=\"styles.xml\"/>"
                    + "<Relationship Id=\"rId3\" Type=\"" + rel + "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                    + "</Relationships>");
                put(z, "xl/styles.xml", xml
                    + "<styleSheet xmlns=\"" + main + "\">"
                    + (dates ? "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy hh:mm\"/>"
                        + "<numFmt numFmtId=\"165\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
                        : "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy hh:mm\"/></numFmts>")
                    + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
                    + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
                    + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
                    + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                    + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                    + "<cellXfs count=\"" + (dates ? 3 : 2) + "\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                    + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                    + (dates ? "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>" : "")
                    + "</cellXfs>"
                    + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
                    + "</styleSheet>");
                z.putNextEntry(entry("xl/worksheets/sheet1.xml"));
                Writer w = new OutputStreamWriter(z, StandardCharsets.UTF_8);
                w.write(xml + "<worksheet xmlns=\"" + main + "\" xmlns:r=\"" + rel + "\">");
                w.write("<dimension ref=\"A1:" + colName(cols - 1) + rows + "\"/>");
                w.write("<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"" + frozen + "\" topLeftCell=\"A" + (frozen + 1)
                    + "\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>");
                w.write("<sheetFormatPr defaultRowHeight=\"15\"/>");
                w.write("<cols>" + colWidths + "</cols>");
                w.write("<sheetData>");
                w.write(sheet.toString());
                w.write("</sheetData></worksheet>");
                w.flush();
                z.closeEntry();
                z.putNextEntry(entry("xl/sharedStrings.xml"));
                w.write(xml + "<sst xmlns=\"" + main + "\" count=\"" + stringRefs + "\" uniqueCount=\"" + strings.size() + "\">");
                for (String s : strings.keySet()) {
                    w.write("<si><t xml:space=\"preserve\">");
                    w.write(esc(s));
                    w.write("</t></si>");
                }
                w.write("</sst>");
                w.flush();
                z.closeEntry();
            }
        }

        /** Entries carry a fixed time, so the same arguments give the same bytes. */
        static ZipEntry entry(String name) {
            ZipEntry e = new ZipEntry(name);
            e.setTimeLocal(SNAPSHOT.plusMinutes(15));
            return e;
        }

        static void put(ZipOutputStream z, String name, String content) throws IOException {
            z.putNextEntry(entry(name));
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
    }

    // ------------------------------------------------------------------ the real systems' dialects

    /** The printed lists and the portal's records hold dossiers received from this day (2025-Q4) on. */
    static final LocalDate REAL_DIALECTS_FROM = LocalDate.of(2025, 9, 15);
    /**
     * Communes whose one-stop software printed their dossier list to Excel: code, file name part. Units
     * valid in 2025-Q4, after the reorganisation, by their new names: phường Phú Lợi (Phường 2 and 4
     * until 30/6/2025) and phường Ngã Năm.
     */
    static final String[][] PRINTED_LIST_UNITS = {{"PPL", "phuong_phu_loi"}, {"PNN", "phuong_nga_nam"}};
    /** The commune whose records come as the national portal synced them (JSON): Long Tân, which kept its code. */
    static final String PORTAL_UNIT = "XLT", PORTAL_UNIT_FILE = "xa_long_tan";

    static final String[] PRINTED_HEADER = {"STT", "Đơn vị tiếp nhận", "Mã TTHC", "Tên thủ tục hành chính", "Mã hồ sơ",
        "Trạng thái", "Hình thức nộp", "Ngày nộp hồ sơ", "Ngày nhận", "Ngày hẹn trả", "Ngày hẹn trả lại",
        "Ngày kết thúc xử lý", "Ngày trả kết quả", "Số hóa hồ sơ", "Kết quả điện tử", "Tái sử dụng dữ liệu",
        "Số lần yêu cầu bổ sung", "Phiếu xin lỗi", "Liên thông", "Cán bộ xử lý"};
    /** The labels one-stop systems print (a cancelled dossier has none: it stays in the canonical export). */
    static final Map<String, String> PRINTED_STATUS = Map.of(
        "RECEIVED", "Mới tiếp nhận", "IN_PROGRESS", "Đang xử lý", "WAITING_SUPPLEMENT", "Yêu cầu bổ sung giấy tờ",
        "PAUSED", "Dừng xử lý", "RESOLVED", "Đã xử lý xong", "RETURNED", "Đã trả kết quả",
        "REFUSED", "Từ chối giải quyết", "WITHDRAWN", "Công dân yêu cầu rút hồ sơ");
    /**
     * The portal's TrangThaiHoSo (PAUSED is 8, Dừng xử lý, or 6 for a fee not yet paid). REGISTERED (1,
     * Mới đăng ký) and NOT_ACCEPTED (3, Không được tiếp nhận) are the records never received; a refused or
     * cancelled dossier has no code here and stays in the canonical export.
     */
    static final Map<String, Integer> PORTAL_STATUS = Map.of("REGISTERED", 1, "RECEIVED", 2, "NOT_ACCEPTED", 3,
        "IN_PROGRESS", 4, "WAITING_SUPPLEMENT", 5, "WITHDRAWN", 7, "PAUSED", 8, "RESOLVED", 9, "RETURNED", 10);
    static final String[] ATTACHMENTS = {"Tờ khai.pdf", "Căn cước công dân.pdf", "Giấy tờ chứng minh nơi cư trú.pdf",
        "Giấy ủy quyền.pdf", "Bản sao giấy tờ liên quan.pdf"};

    /**
     * Takes out of the commune export the dossiers of 2025-Q4 that the printed lists and the portal's
     * records hold instead, so that each dossier is in one file only. Dossiers of the later update
     * export stay (a file without exported_at is dated by its modification, and would outrank the
     * update); so do those the dialect cannot say: a cancelled dossier (neither), and in the portal's
     * records a refused one, an apology, a rescheduled appointment, an inter-agency flag or an
     * electronic result of a dossier not yet resolved (its record has no field for them).
     */
    List<Dossier> moveToRealDialects(List<Dossier> xa, List<Dossier> updates, Map<Agency, List<Dossier>> printed,
            List<Dossier> portal) {
        java.util.Set<String> updated = new java.util.HashSet<>();
        for (Dossier u : updates) {
            updated.add(u.code);
        }
        for (String[] unit : PRINTED_LIST_UNITS) {
            printed.put(agencyByCode.get(unit[0]), new ArrayList<>());
        }
        Agency portalUnit = agencyByCode.get(PORTAL_UNIT);
        List<Dossier> keep = new ArrayList<>(xa.size());
        for (Dossier d : xa) {
            boolean movable = !d.received.toLocalDate().isBefore(REAL_DIALECTS_FROM) && !updated.contains(d.code);
            List<Dossier> list = printed.get(d.ag);
            if (movable && list != null && PRINTED_STATUS.containsKey(d.status)) {
                list.add(d);
            } else if (movable && d.ag.code.equals(portalUnit.code) && PORTAL_STATUS.containsKey(d.status) && !d.apology && !d.inter
                    && d.resched == null && (!d.eres || d.completed != null)) {
                portal.add(d);
            } else {
                keep.add(d);
            }
        }
        return keep;
    }

    /** The real systems' files of 2025-Q4 name units valid then (after the reorganisation). */
    static void requireValid(Agency unit, LocalDate from, LocalDate to) {
        if (!unit.validOn(from) || !unit.validOn(to)) {
            throw new IllegalStateException(unit.code + " is not valid from " + from + " to " + to);
        }
    }

    /** The dossier list a commune's one-stop software prints to Excel: title rows, then STT and labels. */
    void writePrintedList(Path out, String name, Agency unit, List<Dossier> rows) throws IOException {
        Dialect vi = Dialect.VIETNAMESE;
        Xlsx x = new Xlsx();
        x.frozen = 4;
        x.colWidths = "<col min=\"1\" max=\"1\" width=\"6\" customWidth=\"1\"/><col min=\"2\" max=\"2\" width=\"20\" customWidth=\"1\"/>"
            + "<col min=\"4\" max=\"4\" width=\"48\" customWidth=\"1\"/><col min=\"5\" max=\"5\" width=\"24\" customWidth=\"1\"/>"
            + "<col min=\"6\" max=\"7\" width=\"22\" customWidth=\"1\"/><col min=\"8\" max=\"13\" width=\"17\" customWidth=\"1\"/>"
            + "<col min=\"20\" max=\"20\" width=\"22\" customWidth=\"1\"/>";
        x.row(new Object[] {"DANH SÁCH HỒ SƠ TIẾP NHẬN VÀ GIẢI QUYẾT"});
        x.row(new Object[] {"Từ ngày " + Dialect.VIETNAMESE.dueDate(REAL_DIALECTS_FROM.atStartOfDay(), true, 0)
            + " đến ngày " + Dialect.VIETNAMESE.dueDate(LAST_DAY.atStartOfDay(), true, 0)});
        x.row(new Object[0]);
        x.header(PRINTED_HEADER);
        int stt = 0;
        for (Dossier d : rows) {
            Object[] c = new Object[PRINTED_HEADER.length];
            c[0] = ++stt;
            c[1] = unit.name;
            c[2] = d.proc.code;
            c[3] = d.proc.name;
            c[4] = d.code;
            c[5] = PRINTED_STATUS.get(d.status);
            c[6] = d.channel == DIRECT ? "Nộp trực tiếp" : d.channel == ONLINE ? "Nộp trực tuyến" : "Qua bưu chính công ích";
            c[7] = d.submitted;
            c[8] = d.received;
            c[9] = d.dueEmpty ? null : d.dueDateOnly ? d.due.toLocalDate() : d.due;
            c[10] = d.resched == null ? null : (d.variant & 16) != 0 ? d.resched.toLocalDate() : d.resched;
            c[11] = d.completed;
            c[12] = d.returned;
            c[13] = vi.bool(d.dig);
            c[14] = vi.bool(d.eres);
            c[15] = vi.bool(d.reuse);
            c[16] = d.supp;
            c[17] = vi.bool(d.apology);
            c[18] = vi.bool(d.inter);
            c[19] = d.officer;
            x.row(c);
        }
        x.write(out.resolve(name), "Danh sách hồ sơ");
        count(out, name, stt);
    }

    /**
     * The commune's records as its one-stop system synced them to the national portal ({"data": [...]}),
     * with a few records never received: registered online and not yet received (1), or not accepted (3).
     */
    void writePortalRecords(Path out, String name, Agency unit, List<Dossier> rows, java.util.Set<String> paidOnline)
            throws IOException {
        Random r = new Random(seed * 37 + 13);
        List<Dossier> records = new ArrayList<>(rows);
        records.addAll(neverReceived(r, unit));
        records.sort(Comparator.comparing((Dossier d) -> d.received != null ? d.received : d.submitted));
        StringBuilder sb = new StringBuilder(1 << 20);
        sb.append("{\"data\": [");
        for (int i = 0; i < records.size(); i++) {
            Dossier d = records.get(i);
            sb.append(i == 0 ? "\n" : ",\n");
            portalRecord(sb, r, unit, d, paidOnline.contains(d.code));
        }
        sb.append("\n]}\n");
        Files.writeString(out.resolve(name), sb, StandardCharsets.UTF_8);
        count(out, name, records.size());
    }

    /** Three records registered online at the weekend before the export, three not accepted in the quarter. */
    List<Dossier> neverReceived(Random r, Agency unit) {
        List<Proc> online = new ArrayList<>();
        for (Proc p : unit.procs) {
            if (p.online.equals("FULL") && p.listed) {
                online.add(p);
            }
        }
        LocalDateTime[] submitted = {
            LocalDateTime.of(2025, 10, 7, 21, 14), LocalDateTime.of(2025, 11, 3, 9, 52), LocalDateTime.of(2025, 11, 26, 14, 8),
            LocalDateTime.of(2025, 12, 12, 19, 41), LocalDateTime.of(2025, 12, 13, 8, 57), LocalDateTime.of(2025, 12, 14, 22, 5),
        };
        List<Dossier> out = new ArrayList<>();
        for (int k = 0; k < submitted.length; k++) {
            Dossier d = new Dossier();
            d.ag = unit;
            d.proc = online.get(r.nextInt(online.size()));
            d.channel = ONLINE;
            d.submitted = submitted[k];
            d.variant = r.nextInt(1 << 20);
            d.due = null;
            d.dueEmpty = true;
            if (k < 3) {
                d.status = "NOT_ACCEPTED";
                if (k == 1) {
                    // examined and turned down at the counter the next working day: a time of receipt all the same
                    d.received = randomWorkTime(r, cal.plusWorkingDays(cal.deemedDay(d.submitted), 1), d.submitted);
                }
            } else {
                d.status = "REGISTERED";
            }
            LocalDate day = d.submitted.toLocalDate();
            d.code = String.format("H94.%s-%02d%02d%02d-%05d", unit.code, day.getYear() % 100, day.getMonthValue(),
                day.getDayOfMonth(), 80001 + k);
            out.add(d);
        }
        return out;
    }

    void portalRecord(StringBuilder sb, Random r, Agency unit, Dossier d, boolean paid) {
        int code = PORTAL_STATUS.get(d.status);
        if (code == 8 && d.proc.fee && (d.variant >> 15) % 3 == 0) {
            code = 6; // waiting for the fee: Yêu cầu thực hiện nghĩa vụ tài chính
        }
        boolean received = d.received != null && code != 1 && code != 3;
        sb.append("{\"MaHoSo\": ");
        json(sb, d.code);
        sb.append(", \"MaTTHC\": ");
        json(sb, d.proc.code);
        sb.append(", \"TenTTHC\": ");
        json(sb, d.proc.name);
        sb.append(", \"MaLinhVuc\": \"\", \"KenhThucHien\": ").append(d.channel == DIRECT ? 1 : d.channel == ONLINE ? 2 : 3);
        sb.append(", \"ChuHoSo\": ");
        json(sb, personName(r));
        sb.append(", \"NgayNopHoSo\": ");
        json(sb, portalTime(d.submitted));
        sb.append(", \"NgayTiepNhan\": ");
        json(sb, portalTime(d.received));
        sb.append(", \"NgayHenTra\": ");
        json(sb, d.dueEmpty || d.due == null ? "" : d.dueDateOnly ? portalDate(d.due.toLocalDate()) : portalTime(d.due));
        sb.append(", \"NgayKetThucXuLy\": ");
        json(sb, portalTime(d.completed));
        sb.append(", \"NgayTra\": ");
        json(sb, portalTime(d.returned));
        sb.append(", \"TrangThaiHoSo\": ").append(code);
        sb.append(", \"DonViXuLy\": ");
        json(sb, unit.name);
        // a digitised dossier mostly says so itself; otherwise its attachments do
        boolean flag = d.dig && (d.variant >> 17) % 4 != 0;
        sb.append(", \"HoSoCoThanhPhanSoHoa\": ").append(flag ? 1 : 0);
        sb.append(", \"DuocThanhToanTrucTuyen\": ").append(paid ? 1 : d.proc.fee ? 3 : 0);
        int files = 1 + r.nextInt(3);
        int reused = d.reuse ? r.nextInt(files) : -1;
        boolean fromNationalStore = r.nextDouble() < 0.3;
        sb.append(", \"TaiLieuNop\": [");
        for (int i = 0; i < files; i++) {
            sb.append(i == 0 ? "" : ", ").append("{\"TenTepDinhKem\": ");
            json(sb, ATTACHMENTS[i == 0 ? 0 : 1 + (i + d.variant) % (ATTACHMENTS.length - 1)]);
            boolean digitised = d.dig && (i == 0 || r.nextDouble() < 0.5);
            sb.append(", \"DuocSoHoa\": ").append(digitised ? 1 : 0);
            sb.append(", \"DuocTaiSuDung\": ").append(i == reused && !fromNationalStore ? 1 : 0);
            sb.append(", \"DuocLayTuKhoDMQG\": ").append(i == reused && fromNationalStore ? 1 : 0).append('}');
        }
        sb.append("], \"DanhSachHoSoBoSung\": [");
        LocalDateTime due = d.due;
        for (int i = 0; i < d.supp && received; i++) {
            LocalDateTime next = cal.plusWorkingDays(cal.nextWorkingOnOrAfter(due.toLocalDate()), 2 + r.nextInt(4)).atTime(17, 0);
            sb.append(i == 0 ? "" : ", ").append("{\"NgayHenTraTruoc\": ");
            json(sb, portalTime(due));
            sb.append(", \"NgayHenTraMoi\": ");
            json(sb, portalTime(next));
            sb.append('}');
            due = next;
        }
        sb.append("], \"DanhSachGiayToKetQua\": [");
        if (d.eres && d.completed != null) {
            sb.append("{\"TenGiayTo\": ");
            json(sb, "Kết quả " + d.proc.name + " - " + d.code + ".pdf");
            sb.append('}');
        }
        sb.append("]}");
    }

    /** The portal's time: yyyyMMddHHmmss, Vietnam time; empty for no value. */
    static String portalTime(LocalDateTime t) {
        if (t == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(14);
        sb.append(portalDate(t.toLocalDate()));
        p2(sb, t.getHour());
        p2(sb, t.getMinute());
        p2(sb, t.getSecond());
        return sb.toString();
    }

    static String portalDate(LocalDate d) {
        StringBuilder sb = new StringBuilder(8);
        sb.append(d.getYear());
        p2(sb, d.getMonthValue());
        p2(sb, d.getDayOfMonth());
        return sb.toString();
    }

    /** A JSON string: quotes, backslashes and control characters escaped (RFC 8259), the rest as is (UTF-8). */
    static void json(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0x2028 || ch == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }

    // ------------------------------------------------------------------ payments, evaluations, feedback

    /** Writes payments.csv; returns the dossiers with a successful online payment (the portal's DuocThanhToanTrucTuyen = 1). */
    java.util.Set<String> writePayments(Path out, List<Dossier> all) throws IOException {
        java.util.Set<String> paidOnline = new java.util.HashSet<>();
        Random r = new Random(seed * 17 + 3);
        Dialect dl = Dialect.CANONICAL;
        long[] seq = {0};
        int plantedFailures = 0;
        try (Csv c = new Csv(out.resolve("payments.csv"), ',', false)) {
            c.row("transaction_id", "dossier_code", "agency_code", "procedure_code", "amount", "fee_type", "paid_at",
                "status", "provider");
            for (Dossier d : all) {
                Proc p = d.proc;
                if (!p.fee || !p.listed) {
                    continue;
                }
                double t = ChronoUnit.DAYS.between(FIRST_DAY, d.received.toLocalDate()) / (double) DAYS;
                double pay = d.ag.pairPay[d.procIdx] * (d.channel == ONLINE ? 0.5 + 0.2 * t
                    : d.channel == POSTAL ? 0.35 : 0.025 + 0.035 * t);
                if (r.nextDouble() >= Math.min(0.98, pay)) {
                    continue;
                }
                long amount = p.amount;
                if (p.field.equals("Chứng thực") && p.amount == 2000) {
                    amount = 2000L * (1 + r.nextInt(10));
                }
                String feeType = p.feeType;
                LocalDateTime paid = d.channel == ONLINE
                    ? (d.submitted != null ? d.submitted : d.received).plusMinutes(2 + r.nextInt(50))
                    : d.received.plusMinutes(5 + r.nextInt(40));
                String provider = pick(r, PROVIDERS, PROVIDER_W);
                double q = r.nextDouble();
                if (q < 0.05) {
                    // a failed attempt, then success (sometimes through another provider)
                    c.row(txn(seq, paid), d.code, d.ag.code, p.code, Long.toString(amount), feeType,
                        dl.date(paid, 0), "FAILED", provider);
                    paid = paid.plusMinutes(3 + r.nextInt(120));
                    if (r.nextDouble() < 0.4) {
                        provider = pick(r, PROVIDERS, PROVIDER_W);
                    }
                } else if (q < 0.065) {
                    // failed and never paid online (paid in cash at the counter)
                    c.row(txn(seq, paid), d.code, d.ag.code, p.code, Long.toString(amount), feeType,
                        dl.date(paid, 0), "FAILED", provider);
                    continue;
                }
                String status = d.excluded() || "REFUSED".equals(d.status) ? (r.nextDouble() < 0.7 ? "REFUNDED" : "SUCCESS")
                    : r.nextDouble() < 0.004 ? "REFUNDED" : "SUCCESS";
                String id = txn(seq, paid);
                String paidText = dl.date(paid, 0);
                if (plantedFailures == 0 && paid.toLocalDate().equals(LocalDate.of(2025, 2, 27)) && d.channel == ONLINE) {
                    paidText = "29/02/2025 " + paidText.substring(11);
                    plantedFailures++;
                    long line = c.row(id, d.code, d.ag.code, p.code, Long.toString(amount), feeType, paidText, status, provider);
                    planted.add(String.format("%-22s line %6d  %-24s %s", "payments.csv", line, id,
                        "paid_at 29/02/2025 does not exist (2025 is not a leap year)"));
                    continue;
                }
                if (plantedFailures == 1 && paid.toLocalDate().equals(LocalDate.of(2025, 7, 8))) {
                    plantedFailures++;
                    long line = c.row(id, d.code, d.ag.code, p.code, Long.toString(amount), feeType, paidText, "PENDING", provider);
                    planted.add(String.format("%-22s line %6d  %-24s %s", "payments.csv", line, id,
                        "status PENDING is not SUCCESS/FAILED/REFUNDED"));
                    continue;
                }
                // the national platform's reconciliation rows carry neither unit nor procedure
                boolean bare = provider.contains("PayGov") && (d.variant & 3) == 0;
                c.row(id, d.code, bare ? "" : d.ag.code, bare ? "" : p.code, Long.toString(amount), feeType, paidText,
                    status, provider);
                if (status.equals("SUCCESS")) {
                    paidOnline.add(d.code);
                }
            }
            c.finish();
            count(out, "payments.csv", c.records);
        }
        return paidOnline;
    }

    static String txn(long[] seq, LocalDateTime t) {
        seq[0]++;
        return String.format("GD%02d%02d%02d%07d", t.getYear() % 100, t.getMonthValue(), t.getDayOfMonth(), seq[0]);
    }

    static String pick(Random r, String[] items, double[] w) {
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        double u = r.nextDouble() * sum;
        for (int i = 0; i < items.length; i++) {
            if (u < w[i]) {
                return items[i];
            }
            u -= w[i];
        }
        return items[items.length - 1];
    }

    void writeEvaluations(Path out, List<Dossier> all) throws IOException {
        Random r = new Random(seed * 23 + 1);
        record Eval(LocalDateTime at, Dossier d, String rating, String comment) {}
        List<Eval> evals = new ArrayList<>();
        for (Dossier d : all) {
            if (!d.resolved() || d.completed == null) {
                continue;
            }
            double rate = d.channel == ONLINE ? 0.10 : 0.05;
            if (r.nextDouble() >= rate) {
                continue;
            }
            LocalDateTime base = d.returned != null ? d.returned : d.completed;
            LocalDateTime at = base.plusMinutes(5 + r.nextInt(3 * 1440));
            if (at.isAfter(SNAPSHOT)) {
                continue;
            }
            double dissat = 0.012 + d.ag.late * 0.8 + (d.late ? 0.25 : 0) + (d.supp > 1 ? 0.08 : 0);
            double q = r.nextDouble();
            String rating;
            String comment = "";
            if (q < dissat) {
                rating = "DISSATISFIED";
                comment = BAD_COMMENTS[r.nextInt(BAD_COMMENTS.length)];
            } else if (q < dissat + 0.04) {
                rating = "NEUTRAL";
                comment = r.nextDouble() < 0.4 ? NEUTRAL_COMMENTS[r.nextInt(NEUTRAL_COMMENTS.length)] : "";
            } else if (q < dissat + 0.04 + 0.38) {
                rating = "SATISFIED";
                comment = r.nextDouble() < 0.1 ? GOOD_COMMENTS[r.nextInt(GOOD_COMMENTS.length)] : "";
            } else {
                rating = "VERY_SATISFIED";
                comment = r.nextDouble() < 0.15 ? GOOD_COMMENTS[r.nextInt(GOOD_COMMENTS.length)] : "";
            }
            evals.add(new Eval(at, d, rating, comment));
        }
        evals.sort(Comparator.comparing(Eval::at));
        Map<String, String> vi = Map.of("VERY_SATISFIED", "Rất hài lòng", "SATISFIED", "Hài lòng",
            "NEUTRAL", "Bình thường", "DISSATISFIED", "Không hài lòng");
        try (Csv c = new Csv(out.resolve("danh_gia_hai_long.csv"), ',', false)) {
            c.row("evaluation_id", "dossier_code", "agency_code", "evaluated_at", "rating", "comment");
            int i = 0;
            for (Eval e : evals) {
                i++;
                // the portal's rows carry Vietnamese labels, the one-stop software's the codes
                boolean portal = e.d().channel == ONLINE || (e.d().variant & 1) == 0;
                String agency = (e.d().variant >> 12) % 10 == 0 ? "" : e.d().ag.code;
                c.row(String.format("DG%07d", i), e.d().code, agency, Dialect.CANONICAL.date(e.at(), 0),
                    portal ? vi.get(e.rating()) : e.rating(), e.comment());
            }
            c.finish();
            count(out, "danh_gia_hai_long.csv", c.records);
        }
    }

    void writeFeedback(Path out) throws IOException {
        Random r = new Random(seed * 29 + 9);
        List<Agency> units = new ArrayList<>();
        for (Agency a : agencies) {
            if (a.listed && a.weight > 0) {
                units.add(a);
            }
        }
        // feedback names the units valid on the day it is received (before and after the reorganisation)
        String[][] codes = new String[2][];
        double[][] w = new double[2][];
        for (int k = 0; k < 2; k++) {
            LocalDate day = k == 0 ? REORGANISED.minusDays(1) : REORGANISED;
            List<Agency> valid = units.stream().filter(a -> a.validOn(day)).toList();
            codes[k] = valid.stream().map(a -> a.code).toArray(String[]::new);
            w[k] = valid.stream().mapToDouble(a -> a.weight
                + (a.code.equals("STNMT") || a.code.equals("HVC") || a.code.equals("PVC") ? 3 : 0)).toArray();
        }
        record Fb(LocalDateTime at, String agency, LocalDateTime due, LocalDateTime answered, String rating, String subject) {}
        List<Fb> rows = new ArrayList<>();
        int n = 420;
        for (int i = 0; i < n; i++) {
            LocalDateTime at = FIRST_DAY.atStartOfDay().plusMinutes((long) (r.nextDouble() * DAYS * 1440));
            if (r.nextDouble() < 0.7) {
                at = at.toLocalDate().atTime(7 + r.nextInt(14), r.nextInt(60));
            }
            int k = at.toLocalDate().isBefore(REORGANISED) ? 0 : 1;
            String agency = pick(r, codes[k], w[k]);
            LocalDate startDay = cal.deemedDay(at);
            LocalDateTime due = cal.plusWorkingDays(startDay, 10).atTime(17, 0);
            LocalDateTime answered = null;
            double q = r.nextDouble();
            if (q < 0.83) {
                answered = randomWorkTime(r, cal.plusWorkingDays(startDay, 1 + r.nextInt(9)), at);
            } else if (q < 0.96) {
                answered = randomWorkTime(r, cal.plusWorkingDays(startDay, 11 + r.nextInt(15)), at);
            }
            if (answered != null && answered.isAfter(SNAPSHOT)) {
                answered = null;
            }
            String rating = "";
            if (answered != null) {
                double s = r.nextDouble();
                boolean lateAnswer = answered.isAfter(due);
                rating = s < (lateAnswer ? 0.25 : 0.06) ? "DISSATISFIED" : s < 0.62 ? "SATISFIED" : "";
            }
            rows.add(new Fb(at, agency, due, answered, rating, FEEDBACK_SUBJECTS[r.nextInt(FEEDBACK_SUBJECTS.length)]));
        }
        rows.sort(Comparator.comparing(Fb::at));
        Dialect dl = Dialect.CANONICAL;
        try (Csv c = new Csv(out.resolve("feedback.csv"), ',', false)) {
            c.row("feedback_id", "agency_code", "received_at", "due_at", "answered_at", "citizen_rating", "subject");
            int[] perYear = new int[3000];
            for (Fb f : rows) {
                int y = f.at().getYear();
                perYear[y]++;
                c.row(String.format("PAKN-%d-%04d", y, perYear[y]), f.agency(), dl.date(f.at(), 0), dl.date(f.due(), 0),
                    dl.date(f.answered(), 0), f.rating(), f.subject());
            }
            c.finish();
            count(out, "feedback.csv", c.records);
        }
    }

    // ------------------------------------------------------------------ CSV

    static final class Csv implements Closeable {
        final Writer w;
        final char sep;
        long line = 1;
        long records = -1; // the header is not a record
        boolean closed;
        final StringBuilder sb = new StringBuilder(512);

        Csv(Path p, char sep, boolean bom) throws IOException {
            OutputStream os = Files.newOutputStream(p);
            if (bom) {
                os.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            this.w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            this.sep = sep;
        }

        /** Writes a record; returns the physical line it starts on. */
        long row(String... fields) throws IOException {
            long start = line;
            sb.setLength(0);
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    sb.append(sep);
                }
                String f = fields[i] == null ? "" : fields[i];
                boolean quote = false;
                for (int k = 0; k < f.length(); k++) {
                    char ch = f.charAt(k);
                    if (ch == sep || ch == '"' || ch == '\n' || ch == '\r') {
                        quote = true;
                    }
                    if (ch == '\n') {
                        line++;
                    }
                }
                if (quote) {
                    sb.append('"').append(f.replace("\"", "\"\"")).append('"');
                } else {
                    sb.append(f);
                }
            }
            sb.append("\r\n");
            line++;
            records++;
            w.append(sb);
            return start;
        }

        void rowUnchecked(String[] fields) {
            try {
                row(fields);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** Flushes and closes the file, so that its size can be read inside the try block. */
        void finish() throws IOException {
            if (!closed) {
                closed = true;
                w.close();
            }
        }

        @Override
        public void close() throws IOException {
            finish();
        }
    }

    // ------------------------------------------------------------------ calendar

    /** Working days (Mon–Fri minus HOLIDAY plus WORKDAY) by ordinal, over 2023–2026. */
    static final class Cal {
        static final LocalDate BASE = LocalDate.of(2023, 1, 1);
        static final int LEN = 365 * 4 + 1;
        final boolean[] working = new boolean[LEN];
        final boolean[] holiday = new boolean[LEN];
        final int[] ordOnOrAfter = new int[LEN + 1];
        final int[] dayOfOrd;

        Cal() {
            for (int i = 0; i < LEN; i++) {
                DayOfWeek w = BASE.plusDays(i).getDayOfWeek();
                working[i] = w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY;
            }
            for (String h : HOLIDAYS) {
                String[] f = h.split("\\|");
                int i = (int) ChronoUnit.DAYS.between(BASE, LocalDate.parse(f[0]));
                working[i] = f[1].equals("WORKDAY");
                holiday[i] = f[1].equals("HOLIDAY");
            }
            int count = 0;
            for (boolean b : working) {
                if (b) {
                    count++;
                }
            }
            dayOfOrd = new int[count];
            int o = count;
            ordOnOrAfter[LEN] = count;
            for (int i = LEN - 1; i >= 0; i--) {
                if (working[i]) {
                    o--;
                    dayOfOrd[o] = i;
                }
                ordOnOrAfter[i] = o;
            }
        }

        int idx(LocalDate d) {
            return (int) ChronoUnit.DAYS.between(BASE, d);
        }

        boolean isWorking(LocalDate d) {
            return working[idx(d)];
        }

        boolean isHoliday(LocalDate d) {
            return holiday[idx(d)];
        }

        int ordinalOnOrAfter(LocalDate d) {
            return ordOnOrAfter[idx(d)];
        }

        int ordinal(LocalDate workingDay) {
            return ordOnOrAfter[idx(workingDay)];
        }

        LocalDate dayOf(int ordinal) {
            return BASE.plusDays(dayOfOrd[ordinal]);
        }

        LocalDate nextWorkingOnOrAfter(LocalDate d) {
            return dayOf(ordinalOnOrAfter(d));
        }

        /** The working day on or after d, for dates that may fall on a day off. */
        LocalDate ordinalDay(LocalDate d) {
            return nextWorkingOnOrAfter(d);
        }

        /** The n-th working day after a working day (n = 0: the day itself). */
        LocalDate plusWorkingDays(LocalDate workingDay, int n) {
            return dayOf(ordinalOnOrAfter(workingDay) + n);
        }

        /** SPEC §4.2: received on a day off or at/after the cut-off → the next working day. */
        LocalDate deemedDay(LocalDateTime received) {
            LocalDate d = received.toLocalDate();
            int m = received.getHour() * 60 + received.getMinute();
            if (!isWorking(d) || m >= CUT_OFF) {
                return dayOf(ordinalOnOrAfter(d.plusDays(1)));
            }
            return d;
        }
    }
}
