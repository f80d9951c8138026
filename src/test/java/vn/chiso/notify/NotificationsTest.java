package vn.chiso.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** notifications.yml, which an office writes by hand, and the environment's CHISO_SMTP_* over its smtp block. */
class NotificationsTest {

    @TempDir
    Path dir;

    private Notifications read(String yaml) throws Exception {
        Path file = dir.resolve(Notifications.FILE);
        Files.writeString(file, yaml);
        return Notifications.read(file);
    }

    @Test
    void recipientsPerUnitPerOfficerAndTheProvinceWithTheMailServer() throws Exception {
        Notifications n = read("""
                smtp:
                  host: mail.tinh.gov.vn
                  port: 587
                  username: chiso@tinh.gov.vn
                  password: 12345
                  starttls: true
                province: vanphong@tinh.gov.vn
                units:
                  STP: [stp@tinh.gov.vn, "Phó giám đốc <pgd@tinh.gov.vn>"]
                  000.00.01.H55: huyen@tinh.gov.vn
                officers:
                  Nguyễn Văn An: an@tinh.gov.vn
                """);

        assertThat(n.province()).containsExactly("vanphong@tinh.gov.vn");
        assertThat(n.units()).containsOnlyKeys("STP", "000.00.01.H55");
        assertThat(n.units().get("STP")).containsExactly("stp@tinh.gov.vn", "Phó giám đốc <pgd@tinh.gov.vn>");
        assertThat(n.officers().get("Nguyễn Văn An")).containsExactly("an@tinh.gov.vn");
        assertThat(n.smtp()).isEqualTo(new Notifications.Smtp("mail.tinh.gov.vn", 587, "chiso@tinh.gov.vn", "12345", null, true));
        assertThat(n.smtp().sender()).as("the username, being an address").isEqualTo("chiso@tinh.gov.vn");
    }

    @Test
    void eachEnvironmentVariableSetWinsOverTheFile() throws Exception {
        Notifications.Smtp file = read("smtp: {host: mail.tinh.gov.vn, port: 25, username: chiso, from: chiso@tinh.gov.vn}").smtp();

        Notifications.Smtp smtp = new SmtpProperties(null, 587, null, "secret", " ", false).over(file);

        assertThat(smtp).isEqualTo(new Notifications.Smtp("mail.tinh.gov.vn", 587, "chiso", "secret", "chiso@tinh.gov.vn", false));
        assertThat(new SmtpProperties("relay.local", null, null, null, null, null).over(Notifications.Smtp.NONE).hasHost()).isTrue();
    }

    @Test
    void anEmptyFileNamesNoRecipientAndNoServer() throws Exception {
        Notifications n = read("");
        assertThat(n.units()).isEmpty();
        assertThat(n.province()).isEmpty();
        assertThat(n.smtp().hasHost()).isFalse();
    }

    @Test
    void aMistakeIsRefusedInOneLineWithTheFileAndWhere() {
        assertThatThrownBy(() -> read("units:\n  STP: [stp@tinh.gov.vn, 'không phải địa chỉ']\n"))
                .hasMessageContaining(Notifications.FILE).hasMessageContaining("units STP")
                .hasMessageContaining("'không phải địa chỉ' is not an e-mail address");
        assertThatThrownBy(() -> read("recipients: [a@b.vn]\n")).hasMessageContaining("unknown key 'recipients'");
        assertThatThrownBy(() -> read("smtp: {host: h, port: năm}\n")).hasMessageContaining("smtp port 'năm' is not a number");
        assertThatThrownBy(() -> read("units: [STP]\n")).hasMessageContaining("units maps each unit code to its recipients");
        assertThatThrownBy(() -> read("units: {STP: [a@b.vn}\n")).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theDueValueIsItsDateAloneWhenItHadNoTimeOfDay() {
        assertThat(WarningMails.due(java.time.LocalDateTime.parse("2024-01-16T00:00"), java.time.LocalDate.parse("2024-01-15")))
                .isEqualTo("15/01/2024");
        assertThat(WarningMails.due(java.time.LocalDateTime.parse("2024-01-15T17:00"), java.time.LocalDate.parse("2024-01-15")))
                .isEqualTo("15/01/2024 17:00");
        assertThat(WarningMails.left(-2, true)).isEqualTo("ĐÃ QUÁ HẠN 2 ngày làm việc");
        assertThat(WarningMails.left(0, false)).isEqualTo("hết hạn trong hôm nay");
        assertThat(List.of(WarningMails.percent(new java.math.BigDecimal("0.98765")), WarningMails.number(new java.math.BigDecimal("4.50"))))
                .as("ties to even, as the export rounds").containsExactly("98,76%", "4,5");
    }
}
