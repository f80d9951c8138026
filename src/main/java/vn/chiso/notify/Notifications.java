package vn.chiso.notify;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@code CHISO_HOME/notifications.yml}: who receives the morning warning, and the mail server. An
 * office edits it by hand; it is read at every run, so a change needs no restart.
 *
 * <pre>
 * smtp:
 *   host: mail.soctrang.gov.vn
 *   port: 587
 *   username: chiso@soctrang.gov.vn
 *   password: ...                      # or CHISO_SMTP_PASSWORD
 *   from: "Chỉ số CCHC &lt;chiso@soctrang.gov.vn&gt;"
 *   starttls: true                     # true: required; false: never; unset: when the server offers it
 * province: [vanphong@soctrang.gov.vn] # the province's digest
 * units:                               # a unit's list: its dossiers and those of the units below it
 *   STP: [stp@soctrang.gov.vn, pgd.stp@soctrang.gov.vn]
 *   H.CT: huyenchauthanh@soctrang.gov.vn
 * officers:                            # optional: an officer's own at-risk dossiers, by the name the exports give
 *   "Nguyễn Văn An": an.nv@soctrang.gov.vn
 * </pre>
 *
 * @param units    recipients per unit code, in the file's order
 * @param officers recipients per officer name (as in the exports' officer column)
 * @param province the digest's recipients
 */
public record Notifications(Smtp smtp, Map<String, List<String>> units, Map<String, List<String>> officers, List<String> province) {

    public static final String FILE = "notifications.yml";

    /**
     * The mail server as the file gives it; null where it says nothing.
     *
     * @param starttls true: STARTTLS required; false: plain; null: used when the server offers it
     */
    public record Smtp(String host, Integer port, String username, String password, String from, Boolean starttls) {

        static final Smtp NONE = new Smtp(null, null, null, null, null, null);

        public boolean hasHost() {
            return host != null && !host.isBlank();
        }

        /** The sender: {@code from}, else the username when it is an address. */
        String sender() {
            if (from != null && !from.isBlank()) {
                return from;
            }
            return username != null && username.contains("@") ? username : null;
        }
    }

    public Notifications {
        smtp = smtp == null ? Smtp.NONE : smtp;
        // in the file's order, which the mails keep
        units = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(units));
        officers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(officers));
        province = List.copyOf(province);
    }

    /**
     * Reads the file.
     *
     * @throws IllegalArgumentException with the file and the reason in one line, when it is not YAML of this shape or
     *                                  names an address that is none
     */
    public static Notifications read(Path file) {
        Object root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException | YAMLException e) {
            throw new IllegalArgumentException(file + ": " + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip(), e);
        }
        if (root == null) {
            root = Map.of();
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": expected a mapping with smtp, province, units and officers");
        }
        for (Object key : map.keySet()) {
            if (!List.of("smtp", "province", "units", "officers").contains(String.valueOf(key))) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "' (smtp, province, units, officers)");
            }
        }
        return new Notifications(smtp(map.get("smtp"), file), recipientsBy(map.get("units"), "units", file),
                recipientsBy(map.get("officers"), "officers", file), addresses(map.get("province"), file + ": province"));
    }

    private static Smtp smtp(Object value, Path file) {
        if (value == null) {
            return Smtp.NONE;
        }
        if (!(value instanceof Map<?, ?> smtp)) {
            throw new IllegalArgumentException(file + ": smtp is a mapping of host, port, username, password, from, starttls");
        }
        Integer port = null;
        if (smtp.get("port") != null) {
            try {
                port = Integer.valueOf(smtp.get("port").toString().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": smtp port '" + smtp.get("port") + "' is not a number");
            }
        }
        Object starttls = smtp.get("starttls");
        if (starttls != null && !(starttls instanceof Boolean)) {
            throw new IllegalArgumentException(file + ": smtp starttls is true or false, not '" + starttls + "'");
        }
        return new Smtp(text(smtp.get("host")), port, text(smtp.get("username")), text(smtp.get("password")), text(smtp.get("from")),
                (Boolean) starttls);
    }

    private static Map<String, List<String>> recipientsBy(Object value, String key, Path file) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": " + key + " maps each " + (key.equals("units") ? "unit code" : "officer name")
                    + " to its recipients");
        }
        Map<String, List<String>> recipients = new LinkedHashMap<>();
        map.forEach((name, list) -> recipients.put(String.valueOf(name).strip(), addresses(list, file + ": " + key + " " + name)));
        return recipients;
    }

    /** One address or a list of them; each must be an address (a display name may stand before it). */
    private static List<String> addresses(Object value, String where) {
        List<String> addresses = new ArrayList<>();
        if (value == null) {
            return addresses;
        }
        for (Object item : value instanceof List<?> list ? list : List.of(value)) {
            String address = String.valueOf(item).strip();
            try {
                new InternetAddress(address, true);
            } catch (AddressException e) {
                throw new IllegalArgumentException(where + ": '" + address + "' is not an e-mail address");
            }
            addresses.add(address);
        }
        return addresses;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
