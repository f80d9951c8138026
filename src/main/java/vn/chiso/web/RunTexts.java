package vn.chiso.web;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.chiso.ingest.ImportRun;

/**
 * The runs side in Vietnamese, as the pages show it. The ingest and the scheduler write their run
 * notes and reject reasons in English, and the API and the rejects CSV keep them so; the pages
 * translate the sentences they know, phrase by phrase, and leave any other text as it is.
 */
final class RunTexts {

    /** The reason every row of a key seen twice in a file is counted under (SPEC §4.4). */
    static final String REPEATED_KEY = "the key appears more than once in this file: every row of it is rejected";

    private static final Map<String, String> SCHEDULE_STATUSES = Map.of(
            "STARTED", "Đang chạy", "COMPLETED", "Hoàn thành", "FAILED", "Lỗi");

    private static final Map<String, String> FILE_KINDS = Map.ofEntries(
            Map.entry("dossier", "Hồ sơ"), Map.entry("payment", "Thanh toán trực tuyến"),
            Map.entry("evaluation", "Đánh giá hài lòng"), Map.entry("feedback", "Phản ánh, kiến nghị"),
            Map.entry("org_unit", "Danh mục đơn vị"), Map.entry("procedure", "Danh mục thủ tục"),
            Map.entry("holiday", "Ngày nghỉ, làm bù"), Map.entry("target", "Chỉ tiêu"),
            Map.entry("manual_value", "Số liệu nhập tay"));

    private static final Map<String, String> NAMED = Map.of("org unit", "đơn vị", "org units", "đơn vị",
            "procedure of the catalogue", "thủ tục trong danh mục", "procedures of the catalogue", "thủ tục trong danh mục");

    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december");

    /** A phrase and its Vietnamese, applied in this order (the specific before the general). */
    private record Rule(Pattern pattern, Function<Matcher, String> vietnamese) {
        static Rule of(String regex, String replacement) {
            return new Rule(Pattern.compile(regex), m -> expand(m, replacement));
        }

        static Rule of(String regex, Function<Matcher, String> vietnamese) {
            return new Rule(Pattern.compile(regex), vietnamese);
        }

        private static String expand(Matcher m, String replacement) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < replacement.length(); i++) {
                char c = replacement.charAt(i);
                if (c == '$' && i + 1 < replacement.length() && Character.isDigit(replacement.charAt(i + 1))) {
                    String group = m.group(replacement.charAt(++i) - '0');
                    out.append(group == null ? "" : group);
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }

    private static final List<Rule> RULES = List.of(
            // the upload page's verdicts, before the runs' "refused: …"
            Rule.of("would store nothing: the file has no data rows", "sẽ không lưu gì: tệp không có dòng dữ liệu"),
            Rule.of("would be refused: (\\d+) of (\\d+) rows rejected \\((\\d+(?:\\.\\d+)?)%\\), more than the (\\d+(?:\\.\\d+)?)% allowed",
                    m -> "sẽ bị từ chối: %s/%s dòng bị loại (%s%%), vượt ngưỡng %s%% cho phép".formatted(m.group(1), m.group(2),
                            comma(m.group(3)), comma(m.group(4)))),
            Rule.of("would be stored: (\\d+) of (\\d+) rows, (\\d+) rejected", "sẽ được lưu: $1/$2 dòng, $3 dòng bị loại"),
            // import runs' notes
            Rule.of("(\\d+) stored rows inserted or changed", "$1 dòng được thêm mới hoặc thay đổi"),
            Rule.of("refused: (\\d+) of (\\d+) rows rejected \\((\\d+(?:\\.\\d+)?)%\\), more than the (\\d+(?:\\.\\d+)?)% allowed",
                    m -> "bị từ chối: %s/%s dòng bị loại (%s%%), vượt ngưỡng %s%% cho phép".formatted(m.group(1), m.group(2),
                            comma(m.group(3)), comma(m.group(4)))),
            Rule.of("nothing of the file was stored", "không lưu dòng nào của tệp"),
            Rule.of("^refused: ", "bị từ chối: "),
            Rule.of("interrupted: the process running it stopped; restart it to continue",
                    "bị gián đoạn: tiến trình đang chạy đã dừng; bấm “Chạy lại” để tiếp tục"),
            Rule.of("interrupted: the server running it stopped \\(([^)]*)\\); restart it",
                    "bị gián đoạn: máy chủ đang chạy đã dừng ($1); hãy chạy lại"),
            Rule.of("line (\\d+) is not UTF-8 \\(byte (0x\\w+)\\); it looks like (\\S+) — ingest it again with --encoding (\\S+)",
                    "dòng $1 không phải UTF-8 (byte $2); có vẻ là $3 — hãy tải lên lại và chọn bảng mã $4"),
            Rule.of("line (\\d+) is not (\\S+) \\(byte (0x\\w+)\\)", "dòng $1 không phải $2 (byte $3)"),
            Rule.of("line (\\d+): a quoted value starts here and never closes",
                    "dòng $1: giá trị trong ngoặc kép bắt đầu ở đây nhưng không đóng"),
            Rule.of("the file is empty: its first line must be the header", "tệp trống: dòng đầu tiên phải là dòng tiêu đề"),
            Rule.of("not a recognised export \\(dossiers, payments, evaluations, feedback, agencies, procedures, holidays or targets\\); its header is",
                    "không phải tệp xuất chiso nhận biết được (hồ sơ, thanh toán, đánh giá, PAKN, đơn vị, thủ tục, ngày nghỉ, chỉ tiêu); dòng tiêu đề là"),
            Rule.of("not an export chiso reads \\(CSV, TXT, TSV, XLSX, XLS, JSON\\)",
                    "không phải tệp xuất chiso đọc được (CSV, TXT, TSV, XLSX, XLS, JSON)"),
            Rule.of("correct the file, then ingest it again", "sửa tệp rồi nhập lại"),
            Rule.of("ingest it again to continue", "nhập lại để tiếp tục"),
            // the upload page
            Rule.of("the checked files are no longer there: choose them again", "các tệp đã kiểm tra không còn nữa: hãy chọn lại"),
            Rule.of("choose at least one export file \\(CSV, XLSX, XLS or the portal's JSON\\)",
                    "hãy chọn ít nhất một tệp xuất dữ liệu (CSV, XLSX, XLS hoặc JSON của Cổng DVCQG)"),
            Rule.of("'(.+)' is not an export file: upload CSV, TXT, TSV, XLSX, XLS or JSON files",
                    "'$1' không phải tệp xuất dữ liệu: hãy tải lên tệp CSV, TXT, TSV, XLSX, XLS hoặc JSON"),
            Rule.of("unacceptable file name (.+)", "tên tệp không hợp lệ: $1"),
            // scheduled runs' notes
            Rule.of("no new file in the inbox", "không có tệp mới trong thư mục nhận"),
            Rule.of("(\\d+) stored, (\\d+) refused \\(moved to failed\\), (\\d+) left in the inbox to retry",
                    "$1 tệp đã lưu, $2 tệp bị từ chối (chuyển vào thư mục failed), $3 tệp để lại chờ thử lại"),
            Rule.of("; recomputed ", "; đã tính lại "),
            Rule.of("no window's report is due on (\\d{4})-(\\d\\d)-(\\d\\d)", "không có kỳ nào đến hạn báo cáo ngày $3/$2/$1"),
            Rule.of("reports generated for ", "đã lập báo cáo các kỳ "),
            Rule.of("no schedule named (\\S+)", "không có lịch nào tên $1"),
            Rule.of("only a failed run can be restarted", "chỉ chạy lại được lượt bị lỗi"),
            // reject reasons
            Rule.of(Pattern.quote(REPEATED_KEY), "mã xuất hiện nhiều lần trong tệp: mọi dòng của mã đó bị loại"),
            Rule.of("(\\S+) (\\S+) appears (\\d+) times in this file \\(lines ([^)]*)\\)", "$1 $2 xuất hiện $3 lần trong tệp (các dòng $4)"),
            Rule.of("(\\w+) is required but empty \\(only a dossier never received, NOT_RECEIVED, has none\\)",
                    "$1 bắt buộc nhưng để trống (chỉ hồ sơ chưa tiếp nhận, NOT_RECEIVED, mới không có)"),
            Rule.of("(\\w+) is required but empty", "$1 bắt buộc nhưng để trống"),
            Rule.of("the file has no column ", "tệp không có cột "),
            Rule.of("a value of (\\S+) characters, longer than the (\\d+) allowed", "giá trị dài $1 ký tự, quá $2 ký tự cho phép"),
            Rule.of("status (\\w+) is resolved but completed_at is empty", "trạng thái $1 là đã giải quyết nhưng completed_at để trống"),
            Rule.of("completed_at is set but status (\\w+) is still in process", "có completed_at nhưng trạng thái $1 vẫn đang xử lý"),
            Rule.of("due_at is empty and the processing time of procedure (\\S+) is unknown",
                    "due_at để trống và chưa biết thời hạn giải quyết của thủ tục $1"),
            Rule.of("(\\w+) is after the row's exported_at", "$1 sau thời điểm xuất của dòng (exported_at)"),
            Rule.of("(\\w+) is after the moment of ingest", "$1 sau thời điểm nhập dữ liệu"),
            Rule.of("(\\w+) is before (\\w+)", "$1 trước $2"),
            Rule.of("(\\w+) must not be negative", "$1 không được âm"),
            Rule.of("a unit cannot be replaced by itself", "đơn vị không thể do chính nó kế thừa"),
            Rule.of("neither agency_code nor dossier_code: the evaluation belongs to no unit",
                    "không có agency_code lẫn dossier_code: đánh giá không thuộc đơn vị nào"),
            Rule.of("'([^']*)' is none of ", "'$1' không thuộc các giá trị "),
            Rule.of("expected a date without time of day", "cần ngày không kèm giờ"),
            Rule.of("a date outside the years 2000–2099", "ngày nằm ngoài các năm 2000–2099"),
            Rule.of("(\\S+) is out of the range of (\\w+)", "$1 nằm ngoài khoảng cho phép của $2"),
            Rule.of("\\((-?\\d+) to (\\d+)\\)", "($1 đến $2)"),
            Rule.of("(\\S+) is out of range for type integer", "$1 vượt quá giới hạn số nguyên"),
            Rule.of("no such date or time: (?:there is no )?", "không có ngày giờ này: "),
            Rule.of("(?i)'(january|february|march|april|may|june|july|august|september|october|november|december) (\\d{1,2})'",
                    m -> "ngày " + m.group(2) + " tháng " + (MONTHS.indexOf(m.group(1).toLowerCase(java.util.Locale.ROOT)) + 1)),
            Rule.of(" as '([^']*)' is not a leap year", " (năm $1 không nhuận)"),
            Rule.of("not a date", "không phải ngày tháng"),
            Rule.of("the year must have four digits", "năm phải có bốn chữ số"),
            Rule.of("not an ISO-8601 date-time", "không phải ngày giờ ISO-8601"),
            Rule.of("not an ISO-8601 date", "không phải ngày ISO-8601"),
            Rule.of("not a time of day", "không phải giờ trong ngày"),
            Rule.of("expected digits in '([^']*)'", "cần chữ số trong '$1'"),
            Rule.of("not a yes/no value", "không phải giá trị có/không"),
            Rule.of("not a whole number", "không phải số nguyên"),
            Rule.of("not a number", "không phải số"),
            Rule.of("a rate must lie between 0 and 100%", "tỷ lệ phải nằm trong khoảng 0 đến 100%"),
            Rule.of("'([^']*)' is the name of no (org units?|procedures? of the catalogue)( \\(no \\2 is loaded yet: ingest the reference data first\\))?",
                    m -> "'" + m.group(1) + "' không là tên của " + NAMED.get(m.group(2)) + " nào"
                            + (m.group(3) == null ? "" : " (chưa có danh mục: hãy nhập dữ liệu danh mục trước)")),
            Rule.of("'([^']*)' is the name of several (org unit|procedure of the catalogue)s: ",
                    m -> "'" + m.group(1) + "' là tên của nhiều " + NAMED.get(m.group(2)) + ": "),
            Rule.of("reference data \\((\\w+)\\) is the province's to upload, ",
                    m -> FILE_KINDS.getOrDefault(m.group(1), m.group(1)) + " do cấp tỉnh tải lên, "),
            Rule.of("outside the units of user (\\S+)", "ngoài các đơn vị của người dùng $1"),
            Rule.of(": the dossier is stored under (\\S+)", ": hồ sơ đã được lưu thuộc đơn vị $1"),
            Rule.of(": the dossier is not stored and the row names no agency_code", ": hồ sơ chưa được lưu và dòng không ghi mã đơn vị"),
            // what the reasons above say in brackets: "(expected dd/MM/yyyy, ISO-8601 or yyyyMMdd)"
            Rule.of("\\(expected ", "(cần "),
            Rule.of(", ISO-8601 or ", ", ISO-8601 hoặc "));

    private RunTexts() {
    }

    /** An import run's status: "Đã lưu", "Bị từ chối"…; a run whose process stopped is "Bị gián đoạn". */
    static String runStatus(String status, boolean interrupted) {
        if (interrupted) {
            return "Bị gián đoạn";
        }
        try {
            return ImportRun.Status.valueOf(status).label();
        } catch (IllegalArgumentException | NullPointerException e) {
            return status;
        }
    }

    /** A scheduled run's status: "Hoàn thành", "Lỗi", "Đang chạy". */
    static String scheduleStatus(String status) {
        return SCHEDULE_STATUSES.getOrDefault(status, status);
    }

    /** A file kind, by the name a run stores (DOSSIERS) or the label a check gives (dossier): "Hồ sơ". */
    static String fileKind(String kind) {
        if (kind == null) {
            return "";
        }
        String key = kind.toLowerCase(java.util.Locale.ROOT).replaceAll("s$", "");
        return FILE_KINDS.getOrDefault(key, FILE_KINDS.getOrDefault(kind.toLowerCase(java.util.Locale.ROOT), kind));
    }

    /** A run's note, a reject reason or an error message in Vietnamese, as far as its phrases are known. */
    static String vietnamese(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String out = text;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(out);
            if (m.find()) {
                StringBuilder replaced = new StringBuilder();
                do {
                    m.appendReplacement(replaced, Matcher.quoteReplacement(rule.vietnamese().apply(m)));
                } while (m.find());
                m.appendTail(replaced);
                out = replaced.toString();
            }
        }
        String first = out.split("[ :]", 2)[0];
        return first.contains("_") ? out : Character.toUpperCase(out.charAt(0)) + out.substring(1); // not a column's name
    }

    /**
     * A Quartz cron expression as a person reads it — "01:30 hằng ngày", "06:00 ngày 15 hằng tháng" —
     * or the expression itself when it says something else.
     */
    static String cron(String cron) {
        if (cron == null) {
            return "";
        }
        String[] f = cron.trim().split("\\s+");
        if (f.length < 6 || !f[0].matches("\\d+") || !f[1].matches("\\d+") || !f[2].matches("\\d+") || !f[4].equals("*")) {
            return cron;
        }
        String at = "%02d:%02d".formatted(Integer.parseInt(f[2]), Integer.parseInt(f[1]));
        boolean anyDay = f[3].equals("*") || f[3].equals("?");
        boolean anyWeekday = f[5].equals("*") || f[5].equals("?");
        if (anyDay && anyWeekday) {
            return at + " hằng ngày";
        }
        if (f[3].matches("\\d+") && anyWeekday) {
            return at + " ngày " + f[3] + " hằng tháng";
        }
        return cron;
    }

    /** For templates: {@code ${vi.text(f.verdict())}}. */
    static final class View {

        public String text(String text) {
            return vietnamese(text);
        }

        public String kind(String kind) {
            return fileKind(kind);
        }
    }

    private static String comma(String decimal) {
        return decimal.replace('.', ',');
    }
}
