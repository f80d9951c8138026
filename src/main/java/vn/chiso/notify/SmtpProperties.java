package vn.chiso.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The mail server from the environment ({@code CHISO_SMTP_HOST}, {@code CHISO_SMTP_PORT},
 * {@code CHISO_SMTP_USERNAME}, {@code CHISO_SMTP_PASSWORD}, {@code CHISO_SMTP_FROM},
 * {@code CHISO_SMTP_STARTTLS}): each one set wins over the {@code smtp:} of notifications.yml, so a
 * password can stay out of a file an office edits. All empty unless set.
 */
@ConfigurationProperties("chiso.smtp")
public record SmtpProperties(String host, Integer port, String username, String password, String from, Boolean starttls) {

    /** The file's settings with each of these that is set in their place. */
    Notifications.Smtp over(Notifications.Smtp file) {
        Notifications.Smtp f = file == null ? Notifications.Smtp.NONE : file;
        return new Notifications.Smtp(pick(host, f.host()), port != null ? port : f.port(), pick(username, f.username()),
                pick(password, f.password()), pick(from, f.from()), starttls != null ? starttls : f.starttls());
    }

    private static String pick(String environment, String file) {
        return environment != null && !environment.isBlank() ? environment.strip() : file;
    }
}
