package vn.chiso.facts;

/**
 * How a dossier's completion is judged against its due value (SPEC §4.3), setting {@code chiso.lateness}.
 * One-stop systems and the national portal judge an appointment by its date, hence the default.
 */
public enum Lateness {

    /**
     * By dates: late when completed on a day after the due date, whatever the hours; an open dossier
     * is overdue at a window's end when its due date is before the window's last day.
     */
    DATE("theo ngày (ngày hẹn trả)"),

    /**
     * By instants: late when completed after the due instant (a due with no time of day means the end
     * of that day; when either value has no time of day the two are compared as dates); an open
     * dossier is overdue when its due instant lies before the window's end.
     */
    INSTANT("theo thời điểm (giờ hẹn trả)");

    private final String vietnamese;

    Lateness(String vietnamese) {
        this.vietnamese = vietnamese;
    }

    /** The setting's value as stored with a computation and written in the settings: "date", "instant". */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Lateness ofCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }

    /** The line every report prints: "Cách tính trễ hạn: theo ngày (ngày hẹn trả)". */
    public String reportLine() {
        return "Cách tính trễ hạn: " + vietnamese;
    }
}
