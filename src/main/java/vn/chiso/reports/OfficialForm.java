package vn.chiso.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The parts of a report that make it an administrative document (Decree 30/2020/NĐ-CP, Appendix I):
 * the issuing body under its governing body, the number line, the place and date, the recipients
 * and the signature block. Where the office's settings say nothing, the parts are blanks to fill
 * by hand.
 *
 * @param governingBody the governing body's name, upper case, or null when the issuer has none printed
 * @param issuer        the issuing body's name, upper case, one or two lines
 * @param numberLine    "Số:      /BC-STP"
 * @param placeAndDate  "Sóc Trăng, ngày 15 tháng 3 năm 2024"
 * @param recipients    the lines under "Nơi nhận:", each starting "- "
 * @param signerTitle   the signer's title lines, upper case
 * @param signerName    the signer's name, or a dotted blank
 */
public record OfficialForm(String governingBody, String issuer, String numberLine, String placeAndDate, List<String> recipients,
                           String signerTitle, String signerName) {

    static final String BLANK = "……………………";
    private static final Pattern PEOPLES_COMMITTEE = Pattern.compile("^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROVINCE_PREFIX = Pattern.compile(
            "^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)?\\s*(tỉnh|thành phố)\\s+", Pattern.CASE_INSENSITIVE);

    /**
     * The form of a unit's report.
     *
     * @param unitName   the unit's name as the reference data give it ("Sở Tư pháp", "UBND phường Phú Lợi")
     * @param unitCode   its code, the document symbol when the settings have none
     * @param parentName the name of the unit above it, or null
     * @param rootName   the province's name, from which the place is taken when the settings have none
     * @param day        the day to print when the settings choose the generation day or none
     * @param dueDay     the window's report due day
     */
    static OfficialForm of(ReportSettings.Entry settings, String unitName, String unitCode, String parentName, String rootName,
                           LocalDate day, LocalDate dueDay) {
        String issuer;
        String governing;
        if (settings.issuer() != null) {
            issuer = upper(settings.issuer());
            governing = settings.governingBody() == null ? null : upper(settings.governingBody());
        } else if (PEOPLES_COMMITTEE.matcher(unitName).find()) {
            // A people's committee issues in its own name: "ỦY BAN NHÂN DÂN" over "TỈNH SÓC TRĂNG", no body above it.
            issuer = "ỦY BAN NHÂN DÂN\n" + upper(PEOPLES_COMMITTEE.matcher(unitName).replaceFirst(""));
            governing = settings.governingBody() == null ? null : upper(settings.governingBody());
        } else {
            issuer = upper(unitName);
            governing = settings.governingBody() != null ? upper(settings.governingBody())
                    : parentName == null ? null : upper(inFull(parentName));
        }
        boolean committee = settings.issuer() == null ? PEOPLES_COMMITTEE.matcher(unitName).find()
                : settings.issuer().toUpperCase(Locale.ROOT).startsWith("ỦY BAN NHÂN DÂN");
        String symbol = settings.symbol() != null ? settings.symbol() : committee ? "UBND" : unitCode;
        String number = "Số: " + (settings.number() != null ? settings.number() : "         /BC-" + symbol);
        String place = settings.place() != null ? settings.place() : placeOf(rootName);
        ReportSettings.DateChoice choice = settings.date() == null ? ReportSettings.DateChoice.GENERATED : settings.date();
        String date = switch (choice) {
            case GENERATED -> dateLine(day);
            case DUE -> dateLine(dueDay);
            case BLANK -> "ngày …… tháng …… năm ……";
        };
        List<String> recipients = new ArrayList<>();
        if (settings.recipients() == null || settings.recipients().isEmpty()) {
            recipients.add("- " + BLANK + ";");
            recipients.add("- Lưu: VT.");
        } else {
            settings.recipients().forEach(r -> recipients.add(r.startsWith("-") ? r : "- " + r));
        }
        String title = settings.signerTitle() == null ? BLANK : upper(settings.signerTitle().replace("\\n", "\n"));
        String name = settings.signerName() == null ? BLANK : settings.signerName();
        return new OfficialForm(governing, issuer, number, (place == null ? BLANK : place) + ", " + date, List.copyOf(recipients),
                title, name);
    }

    /** "ngày 15 tháng 3 năm 2024": a day below 10 and the months 1 and 2 with a leading zero (Decree 30, Appendix I). */
    static String dateLine(LocalDate day) {
        int month = day.getMonthValue();
        return "ngày %02d tháng %s năm %d".formatted(day.getDayOfMonth(), month <= 2 ? "%02d".formatted(month) : String.valueOf(month),
                day.getYear());
    }

    /** The lines under "Nơi nhận:", one string. */
    public String recipientLines() {
        return String.join("\n", recipients);
    }

    /** "UBND tỉnh Sóc Trăng" → "Sóc Trăng"; null when the name is no province's. */
    static String placeOf(String provinceName) {
        if (provinceName == null) {
            return null;
        }
        var m = PROVINCE_PREFIX.matcher(provinceName.strip());
        return m.find() ? provinceName.strip().substring(m.end()) : null;
    }

    /** "UBND tỉnh Sóc Trăng" → "Ủy ban nhân dân tỉnh Sóc Trăng": a document names its bodies in full. */
    static String inFull(String name) {
        return name.replaceFirst("^UBND(?=\\s)", "Ủy ban nhân dân");
    }

    private static String upper(String text) {
        return inFull(text).toUpperCase(VI);
    }

    private static final Locale VI = Locale.forLanguageTag("vi-VN");
}
