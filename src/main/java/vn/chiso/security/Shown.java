package vn.chiso.security;

/** What a caller sent, as an error message or the log may repeat it: on one line, and short. */
public final class Shown {

    private static final int LENGTH = 40;

    private Shown() {
    }

    public static String of(Object value) {
        String text = String.valueOf(value).replaceAll("\\p{Cntrl}", "?");
        return text.length() > LENGTH ? text.substring(0, LENGTH) + "…" : text;
    }
}
