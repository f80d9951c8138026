package vn.chiso.notify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

import vn.chiso.ChisoProperties;
import vn.chiso.calendar.ReportingWindow;
import vn.chiso.facts.StoredDossierFacts;
import vn.chiso.orgunit.OrgTree;
import vn.chiso.orgunit.OrgUnits;
import vn.chiso.outlook.Outlook;
import vn.chiso.outlook.OutlookService;

/**
 * The morning warning (issue 16): the at-risk list and outlook of a window on day X (SPEC §4.7, the
 * default horizon of 2 working days), mailed to the recipients of {@code CHISO_HOME/notifications.yml}
 * (see {@link Notifications}) through the mail server it or the environment names ({@link SmtpProperties}).
 * Both are read at each sending, so an edit needs no restart.
 */
@Service
public class MorningWarning {

    /** SPEC §4.7's default horizon, in working days. */
    public static final int DAYS = 2;

    private static final int CONNECT_TIMEOUT_MS = 30_000;
    private static final int IO_TIMEOUT_MS = 60_000;

    private final OutlookService outlooks;
    private final OrgUnits orgUnits;
    private final StoredDossierFacts facts;
    private final ChisoProperties chiso;
    private final SmtpProperties environment;

    MorningWarning(OutlookService outlooks, OrgUnits orgUnits, StoredDossierFacts facts, ChisoProperties chiso, SmtpProperties environment) {
        this.outlooks = outlooks;
        this.orgUnits = orgUnits;
        this.facts = facts;
        this.chiso = chiso;
        this.environment = environment;
    }

    /** Whether the day is a working day of the stored holidays file (SPEC §4.1): weekends and holidays off, make-up days on. */
    public boolean isWorkingDay(LocalDate day) {
        return facts.current().calendar().isWorkingDay(day);
    }

    public Path file() {
        return chiso.home().resolve(Notifications.FILE);
    }

    /**
     * Mails the window's at-risk list on that day; returns the one line the run keeps — why nothing was sent,
     * when no notifications.yml or no mail server is configured.
     *
     * @throws IllegalStateException in one line, when a mail could not be sent (how many were, and each reason with whom
     *                               it concerned) or the sender is missing
     * @throws IllegalArgumentException in one line, when notifications.yml is not of its format
     */
    public String send(ReportingWindow window, LocalDate day) {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return "nothing sent: no " + file + " names the recipients";
        }
        Notifications notifications = Notifications.read(file);
        Notifications.Smtp smtp = environment.over(notifications.smtp());
        if (!smtp.hasHost()) {
            return "nothing sent: no mail server (smtp: host in " + file + ", or CHISO_SMTP_HOST)";
        }
        if (smtp.sender() == null) {
            throw new IllegalStateException("no sender address: smtp: from in " + file + ", or CHISO_SMTP_FROM");
        }
        Outlook outlook = outlooks.outlook(window, day, DAYS);
        Set<String> codes = new HashSet<>(notifications.units().keySet());
        outlook.atRisk().forEach(d -> codes.add(d.orgCode()));
        OrgTree tree = orgUnits.on(window.to(), codes);
        List<WarningMails.Mail> mails = new WarningMails(outlook, tree).all(notifications);
        String head = window.id() + " on " + day + ": " + outlook.atRisk().size() + " dossiers at risk";
        if (mails.isEmpty()) {
            return head + "; nothing sent: " + (notifications.province().isEmpty() && notifications.units().isEmpty()
                    && notifications.officers().isEmpty() ? file + " names no recipient" : "no recipient's units or officers have any");
        }
        Map<WarningMails.Mail, String> failed = deliver(smtp, mails);
        String sent = sent(mails.stream().filter(m -> !failed.containsKey(m)).toList());
        if (!failed.isEmpty()) {
            // One line per reason, naming whom it concerned: a server down fails every mail the same way.
            Map<String, List<String>> byReason = new LinkedHashMap<>();
            failed.forEach((mail, reason) -> byReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(mail.kind() + " " + mail.name()));
            throw new IllegalStateException(head + "; " + (mails.size() - failed.size()) + " of " + mails.size() + " mails sent"
                    + (failed.size() < mails.size() ? " (" + sent + ")" : "") + "; not sent: " + byReason.entrySet().stream()
                    .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")").collect(Collectors.joining("; ")));
        }
        return head + "; sent " + mails.size() + (mails.size() == 1 ? " mail (" : " mails (") + sent + ")";
    }

    /** "3 units, 1 officer, the province digest". */
    private static String sent(List<WarningMails.Mail> mails) {
        long units = mails.stream().filter(m -> m.kind().equals("unit")).count();
        long officers = mails.stream().filter(m -> m.kind().equals("officer")).count();
        boolean digest = mails.stream().anyMatch(m -> m.kind().equals("province"));
        List<String> parts = new ArrayList<>();
        if (units > 0) {
            parts.add(units + (units == 1 ? " unit" : " units"));
        }
        if (officers > 0) {
            parts.add(officers + (officers == 1 ? " officer" : " officers"));
        }
        if (digest) {
            parts.add("the province digest");
        }
        return String.join(", ", parts);
    }

    /** Sends the mails over one connection; returns those not sent, each with its reason in one line. */
    private Map<WarningMails.Mail, String> deliver(Notifications.Smtp smtp, List<WarningMails.Mail> mails) {
        JavaMailSenderImpl sender = sender(smtp);
        Map<MimeMessage, WarningMails.Mail> messages = new IdentityHashMap<>();
        MimeMessage[] all = new MimeMessage[mails.size()];
        for (int i = 0; i < mails.size(); i++) {
            WarningMails.Mail mail = mails.get(i);
            MimeMessage message = sender.createMimeMessage();
            try {
                MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
                helper.setFrom(smtp.sender());
                helper.setTo(mail.to().toArray(String[]::new));
                helper.setSubject(mail.subject());
                helper.setText(mail.text(), false);
            } catch (MessagingException e) {
                throw new IllegalStateException("cannot write the mail to " + mail.kind() + " " + mail.name() + ": " + reason(e), e);
            }
            messages.put(message, mail);
            all[i] = message;
        }
        Map<WarningMails.Mail, String> failed = new LinkedHashMap<>();
        try {
            sender.send(all);
        } catch (MailSendException e) {
            Map<Object, Exception> causes = e.getFailedMessages();
            for (MimeMessage message : all) {
                if (causes.containsKey(message)) {
                    failed.put(messages.get(message), reason(causes.get(message)));
                }
            }
            if (failed.isEmpty()) {
                mails.forEach(m -> failed.put(m, reason(e)));
            }
        } catch (MailException e) {
            mails.forEach(m -> failed.put(m, reason(e)));
        }
        return failed;
    }

    static JavaMailSenderImpl sender(Notifications.Smtp smtp) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(smtp.host());
        sender.setPort(smtp.port() != null ? smtp.port() : 25);
        sender.setDefaultEncoding("UTF-8");
        Properties properties = new Properties();
        if (smtp.username() != null) {
            sender.setUsername(smtp.username());
            sender.setPassword(smtp.password());
            properties.put("mail.smtp.auth", "true");
        }
        if (!Boolean.FALSE.equals(smtp.starttls())) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", Boolean.toString(Boolean.TRUE.equals(smtp.starttls())));
        }
        // A mail server that hangs must not hold the scheduler's thread for ever.
        properties.put("mail.smtp.connectiontimeout", Integer.toString(CONNECT_TIMEOUT_MS));
        properties.put("mail.smtp.timeout", Integer.toString(IO_TIMEOUT_MS));
        properties.put("mail.smtp.writetimeout", Integer.toString(IO_TIMEOUT_MS));
        sender.setJavaMailProperties(properties);
        return sender;
    }

    /** An exception's message in one line, with its root cause's when that says more ("Couldn't connect …: Connection refused"). */
    static String reason(Throwable e) {
        Throwable first = e instanceof MailException && e.getCause() != null ? e.getCause() : e;
        Throwable root = first;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = first.getMessage() == null ? first.getClass().getSimpleName() : first.getMessage();
        String rootMessage = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String reason = root == first || message.contains(rootMessage) ? message : message + ": " + rootMessage;
        return reason.replaceAll("\\s+", " ").strip();
    }
}
