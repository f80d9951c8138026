package vn.chiso.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import vn.chiso.ApplicationTest;
import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.calendar.ReportingWindow;

/**
 * The morning warning against a real SMTP server (GreenMail): each unit's recipients get exactly the
 * at-risk dossiers of their unit and the units below it, an officer's those the exports name the officer
 * for, the province's the digest; without notifications.yml or a mail server nothing is sent.
 */
@ApplicationTest
class MorningWarningTest extends DatabaseTest {

    private static final ReportingWindow Q1 = ReportingWindow.parse("2024-Q1");
    private static final Pattern CODE = Pattern.compile("HS-[A-Z0-9]+-\\d+");

    @Autowired
    MorningWarning warning;
    @Autowired
    JdbcTemplate jdbc;

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private final Path file = HOME.resolve(Notifications.FILE);

    @BeforeEach
    void province() {
        Fixtures.clean(jdbc);
        WarningData.province(jdbc);
        smtp.start();
    }

    @AfterEach
    void stop() throws Exception {
        smtp.stop();
        Files.deleteIfExists(file);
    }

    private void notifications(String smtpBlock) throws Exception {
        Files.writeString(file, smtpBlock + """
                province: [vanphong@tinh.gov.vn]
                units:
                  STP: [stp@tinh.gov.vn, pgd.stp@tinh.gov.vn]
                  H1: huyen1@tinh.gov.vn
                  X1: xa1@tinh.gov.vn
                  TINH-KHAC: khac@tinh.gov.vn
                officers:
                  "Nguyễn Văn An": an.nv@tinh.gov.vn
                """);
    }

    private String localServer() {
        return """
                smtp:
                  host: 127.0.0.1
                  port: %d
                  from: "Chỉ số CCHC <chiso@tinh.gov.vn>"
                  starttls: false
                """.formatted(smtp.getSmtp().getPort());
    }

    /** The mails each address was sent (the server keeps a copy per recipient of a mail: counted once). */
    private Map<String, List<MimeMessage>> inboxes() throws Exception {
        Map<String, List<MimeMessage>> inboxes = new HashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (!seen.add(message.getMessageID())) {
                continue;
            }
            for (Address to : message.getAllRecipients()) {
                inboxes.computeIfAbsent(to.toString(), k -> new java.util.ArrayList<>()).add(message);
            }
        }
        return inboxes;
    }

    private static Set<String> codes(MimeMessage message) throws Exception {
        Set<String> codes = new TreeSet<>();
        Matcher m = CODE.matcher(body(message));
        while (m.find()) {
            codes.add(m.group());
        }
        return codes;
    }

    private static String body(MimeMessage message) throws Exception {
        return ((String) message.getContent()).replace("\r\n", "\n");
    }

    @Test
    void eachUnitGetsTheDossiersOfItAndTheUnitsBelowItAndTheProvinceTheDigest() throws Exception {
        // given
        notifications(localServer());

        // when
        String summary = warning.send(Q1, WarningData.FRIDAY);

        // then: the server took one copy per recipient
        assertThat(smtp.getReceivedMessages()).hasSize(6);
        // three units with something at risk, one officer, the digest; TINH-KHAC has nothing and gets nothing
        assertThat(summary).isEqualTo("2024-Q1 on 2024-01-12: 4 dossiers at risk; sent 5 mails (3 units, 1 officer, the province digest)");
        Map<String, List<MimeMessage>> inboxes = inboxes();
        assertThat(inboxes.keySet()).containsExactlyInAnyOrder("stp@tinh.gov.vn", "pgd.stp@tinh.gov.vn", "huyen1@tinh.gov.vn",
                "xa1@tinh.gov.vn", "an.nv@tinh.gov.vn", "vanphong@tinh.gov.vn");
        assertThat(inboxes.values()).allSatisfy(mails -> assertThat(mails).hasSize(1));
        assertThat(codes(inboxes.get("stp@tinh.gov.vn").get(0))).as("not HS-STP-9, due in February")
                .containsExactly("HS-STP-1", "HS-STP-2");
        assertThat(codes(inboxes.get("pgd.stp@tinh.gov.vn").get(0))).containsExactly("HS-STP-1", "HS-STP-2");
        assertThat(codes(inboxes.get("huyen1@tinh.gov.vn").get(0))).as("the district's and its commune's")
                .containsExactly("HS-H1-1", "HS-X1-1");
        assertThat(codes(inboxes.get("xa1@tinh.gov.vn").get(0))).containsExactly("HS-X1-1");
        assertThat(codes(inboxes.get("an.nv@tinh.gov.vn").get(0))).containsExactly("HS-STP-1", "HS-X1-1");
        assertThat(codes(inboxes.get("vanphong@tinh.gov.vn").get(0))).as("the digest counts, it does not list").isEmpty();
    }

    @Test
    void aUnitsMailListsItsDossiersWithDueDateAndDaysLeftItsOutlookAndWhatToSettleInVietnamese() throws Exception {
        notifications(localServer());

        warning.send(Q1, WarningData.FRIDAY);

        MimeMessage stp = inboxes().get("stp@tinh.gov.vn").get(0);
        assertThat(stp.getSubject()).isEqualTo("[chiso] Sở Tư pháp (STP): 2 hồ sơ có nguy cơ trễ hạn (12/01/2024)");
        assertThat(stp.getFrom()[0].toString()).contains("chiso@tinh.gov.vn");
        String body = body(stp);
        assertThat(body).contains("Kính gửi: Sở Tư pháp (STP)")
                .contains("Kỳ đánh giá: Quý I năm 2024 (15/12/2023 – 14/03/2024)")
                .contains("HS-STP-1 – thủ tục P – cán bộ Nguyễn Văn An – hạn 15/01/2024 17:00 – còn 1 ngày làm việc")
                .contains("HS-STP-2 – thủ tục P – cán bộ Trần Thị Bình – hạn 11/01/2024 17:00 – ĐÃ QUÁ HẠN 1 ngày làm việc")
                .contains("TRIỂN VỌNG CUỐI KỲ")
                .contains("- Tỷ lệ hồ sơ giải quyết đúng hạn: hiện nay 100% (5 điểm); tốt nhất 75% (0 điểm); xấu nhất 25% (0 điểm)")
                .contains("CẦN GIẢI QUYẾT\n- Tỷ lệ hồ sơ giải quyết đúng hạn (hiện 5 điểm): dù giải quyết đúng hạn cả 1 hồ sơ sắp đến hạn");
    }

    @Test
    void theDigestGoesToTheProvinceWithEachUnitsCountsAndPointsAtStake() throws Exception {
        notifications(localServer());

        warning.send(Q1, WarningData.FRIDAY);

        MimeMessage digest = inboxes().get("vanphong@tinh.gov.vn").get(0);
        assertThat(digest.getAllRecipients()).extracting(Address::toString).containsExactly("vanphong@tinh.gov.vn");
        assertThat(digest.getSubject()).isEqualTo("[chiso] Tổng hợp cảnh báo hồ sơ có nguy cơ trễ hạn ngày 12/01/2024: 4 hồ sơ");
        assertThat(body(digest)).contains("Toàn tỉnh: 4 hồ sơ", "trong đó 1 hồ sơ đã quá hạn")
                .contains("- Ủy ban nhân dân tỉnh (TINH): 4 hồ sơ có nguy cơ (1 đã quá hạn)")
                .contains("  - Sở Tư pháp (STP): 2 hồ sơ có nguy cơ (1 đã quá hạn)")
                .contains("  - Ủy ban nhân dân huyện Một (H1): 2 hồ sơ có nguy cơ (0 đã quá hạn)")
                .contains("    - Ủy ban nhân dân xã Một (X1): 1 hồ sơ có nguy cơ (0 đã quá hạn)")
                .contains("có thể mất");
    }

    @Test
    void withoutNotificationsFileNothingIsSentAndTheRunSaysWhy() {
        String summary = warning.send(Q1, WarningData.FRIDAY);

        assertThat(summary).isEqualTo("nothing sent: no " + file + " names the recipients");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void withoutMailServerNothingIsSentAndTheRunSaysWhy() throws Exception {
        notifications("");

        String summary = warning.send(Q1, WarningData.FRIDAY);

        assertThat(summary).isEqualTo("nothing sent: no mail server (smtp: host in " + file + ", or CHISO_SMTP_HOST)");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aMailServerThatRefusesFailsTheSendingInOneLineNamingWhomItConcerned() throws Exception {
        // given a server that is not there
        notifications(localServer());
        smtp.stop();

        // when / then
        assertThatThrownBy(() -> warning.send(Q1, WarningData.FRIDAY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("2024-Q1 on 2024-01-12: 4 dossiers at risk; 0 of 5 mails sent; not sent: ")
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining("(unit STP, unit H1, unit X1, officer Nguyễn Văn An, province digest)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
