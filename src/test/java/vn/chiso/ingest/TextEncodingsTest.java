package vn.chiso.ingest;

import vn.chiso.ingest.read.Encodings;
import vn.chiso.ingest.read.ReadOptions;
import vn.chiso.ingest.read.RecordSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encodings of SPEC §3: UTF-8 with or without BOM, UTF-16 after its BOM, any other named, none stored as U+FFFD. */
class TextEncodingsTest {

    static final Charset WINDOWS_1258 = Charset.forName("windows-1258");
    static final String HEADER = "dossier_code\tprocedure_name\tagency_code\tchannel\treceived_at\tstatus\n";

    @TempDir
    Path dir;

    @Test
    void utf16WithBomTabSeparatedIsRead() throws IOException {
        // given what Excel's "Unicode text" writes: UTF-16LE after its BOM, tab-separated, CRLF
        String text = (HEADER + "H-1\tĐăng ký khai sinh\tSTP\tONLINE\t04/03/2024 08:30\tRECEIVED\n").replace("\n", "\r\n");
        Path file = write("dossiers_unicode.txt", bytes(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE)));

        // when
        List<RecordSource.RawRecord> rows = readAll(file, ReadOptions.DEFAULT);

        // then
        try (RecordSource source = RecordSource.open(file)) {
            assertThat(source.header()).containsExactly("dossier_code", "procedure_name", "agency_code", "channel", "received_at", "status");
        }
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo(2);
            assertThat(row.cells()).containsExactly("H-1", "Đăng ký khai sinh", "STP", "ONLINE", "04/03/2024 08:30", "RECEIVED");
        });
    }

    @Test
    void utf16BigEndianWithBomIsRead() throws IOException {
        String text = "dossier_code,status\nH-1,Đã tiếp nhận\n";
        Path file = write("be.csv", bytes(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE)));

        assertThat(readAll(file, ReadOptions.DEFAULT)).singleElement()
                .satisfies(row -> assertThat(row.cells()).containsExactly("H-1", "Đã tiếp nhận"));
    }

    @Test
    void utf8WithBomTabSeparatedTsvIsRead() throws IOException {
        Path file = write("dossiers.tsv", bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "Mã hồ sơ\tTrạng thái\nH-1\tĐã tiếp nhận, chờ xử lý\n".getBytes(StandardCharsets.UTF_8)));

        try (RecordSource source = RecordSource.open(file)) {
            assertThat(source.header()).containsExactly("Mã hồ sơ", "Trạng thái");
            assertThat(source.next().cells()).containsExactly("H-1", "Đã tiếp nhận, chờ xử lý");
        }
    }

    @Test
    void windows1258FileIsRefusedNamingItsLineAndEncoding() throws IOException {
        // given a Vietnamese export saved in Windows-1258, its header in ASCII, its first row on line 2
        Path file = write("dossiers_x.csv", windows1258(HEADER.replace('\t', ',')
                + "H-1,Đăng ký khai sinh,STP,ONLINE,04/03/2024 08:30,RECEIVED\n"
                + "H-2,Cấp bản sao trích lục hộ tịch,STP,DIRECT,04/03/2024 09:00,RECEIVED\n"));

        // then: the first bad byte is Đ on line 2, and the bytes look like Windows-1258
        assertThatThrownBy(() -> readAll(file, ReadOptions.DEFAULT))
                .isInstanceOf(Encodings.EncodingException.class)
                .hasMessage("dossiers_x.csv: line 2 is not UTF-8 (byte 0xD0); it looks like Windows-1258"
                        + " — ingest it again with --encoding windows-1258");
    }

    @Test
    void aBadByteOnTheLastLineOfALargeFileIsFoundOnItsLine() throws IOException {
        // given 50,000 good UTF-8 rows (~3 MB, many buffers), then one row in Windows-1258
        StringBuilder text = new StringBuilder(HEADER.replace('\t', ','));
        for (int i = 1; i <= 50_000; i++) {
            text.append("H-").append(i).append(",Đăng ký khai sinh,STP,ONLINE,04/03/2024 08:30,RECEIVED\n");
        }
        Path file = write("dossiers_large.csv", bytes(text.toString().getBytes(StandardCharsets.UTF_8),
                windows1258("H-50001,Đăng ký kết hôn,STP,ONLINE,04/03/2024 08:30,RECEIVED\n")));

        assertThatThrownBy(() -> readAll(file, ReadOptions.DEFAULT))
                .hasMessageStartingWith("dossiers_large.csv: line 50002 is not UTF-8 (byte 0xD0)");
    }

    @Test
    void aBadByteInsideAQuotedValueIsOnItsOwnLine() throws IOException {
        Path file = write("quoted.csv", bytes("dossier_code,note\nH-1,\"first line\nsecond \"\"".getBytes(StandardCharsets.UTF_8),
                windows1258("Đ\"\"\nthird\"\n")));

        assertThatThrownBy(() -> readAll(file, ReadOptions.DEFAULT)).hasMessageStartingWith("quoted.csv: line 3 is not UTF-8");
    }

    @Test
    void windows1252TextIsGuessedAsWindows1252() throws IOException {
        Path file = write("french.csv", "dossier_code,note\nH-1,Demande reçue à la mairie, déjà traitée\n".getBytes(Charset.forName("windows-1252")));

        assertThatThrownBy(() -> readAll(file, ReadOptions.DEFAULT))
                .hasMessage("french.csv: line 2 is not UTF-8 (byte 0xE7); it looks like Windows-1252 — ingest it again with --encoding windows-1252");
    }

    @Test
    void windows1258FileIsReadInNfcWithTheEncodingOption() throws IOException {
        // given the same Windows-1258 export, its tone marks written as combining characters
        Path file = write("dossiers_x.csv", windows1258("Mã hồ sơ;Tên thủ tục\r\nH-1;Đăng ký khai sinh\r\nH-2;Cấp bản sao trích lục hộ tịch\r\n"));

        // when read with the encoding named
        List<RecordSource.RawRecord> rows = readAll(file, ReadOptions.encoding("windows-1258"));

        // then: the text is precomposed, as in a UTF-8 export, and lines are counted
        try (RecordSource source = RecordSource.open(file, ReadOptions.encoding("windows-1258"))) {
            assertThat(source.header()).containsExactly("Mã hồ sơ", "Tên thủ tục");
        }
        assertThat(rows).extracting(RecordSource.RawRecord::line).containsExactly(2L, 3L);
        assertThat(rows.get(0).cells()).containsExactly("H-1", "Đăng ký khai sinh");
        assertThat(rows.get(1).cells().get(1)).isEqualTo("Cấp bản sao trích lục hộ tịch")
                .isEqualTo(Normalizer.normalize("Cấp bản sao trích lục hộ tịch", Normalizer.Form.NFC));
    }

    @Test
    void aByteTheNamedEncodingDoesNotDefineIsRefusedOnItsLine() throws IOException {
        // 0x81 is no character in Windows-1258
        Path file = write("undefined.csv", bytes("dossier_code,note\nH-1,a\nH-2,".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0x81, '\n'}));

        assertThatThrownBy(() -> readAll(file, ReadOptions.encoding("windows-1258")))
                .isInstanceOf(Encodings.EncodingException.class)
                .hasMessage("undefined.csv: line 3 is not windows-1258 (byte 0x81)");
    }

    @Test
    void aReplacementCharacterWrittenInUtf8IsKept() throws IOException {
        Path file = write("fffd.csv", "dossier_code,note\nH-1,unreadable \uFFFD in the source system\n".getBytes(StandardCharsets.UTF_8));

        assertThat(readAll(file, ReadOptions.DEFAULT).get(0).cells()).containsExactly("H-1", "unreadable \uFFFD in the source system");
    }

    @Test
    void anUnknownEncodingNameIsSaidSo() {
        assertThatThrownBy(() -> ReadOptions.encoding("tcvn-3")).hasMessageStartingWith("unknown encoding 'tcvn-3'");
        assertThat(ReadOptions.encoding("UTF-8")).isEqualTo(ReadOptions.DEFAULT);
        assertThat(ReadOptions.encoding("Windows-1258").encodingName()).isEqualTo("windows-1258");
    }

    /**
     * The text as Windows-1258 writes Vietnamese: letters with a circumflex, breve or horn
     * precomposed, the tone mark (grave, acute, tilde, hook, dot below) after them as a combining one.
     */
    static byte[] windows1258(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : Normalizer.normalize(text, Normalizer.Form.NFC).toCharArray()) {
            if (WINDOWS_1258.newEncoder().canEncode(c)) {
                out.append(c);
                continue;
            }
            StringBuilder base = new StringBuilder();
            StringBuilder tone = new StringBuilder();
            for (char part : Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).toCharArray()) {
                ("\u0300\u0301\u0303\u0309\u0323".indexOf(part) >= 0 ? tone : base).append(part);
            }
            out.append(Normalizer.normalize(base, Normalizer.Form.NFC)).append(tone);
        }
        return out.toString().getBytes(WINDOWS_1258);
    }

    static byte[] bytes(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static List<RecordSource.RawRecord> readAll(Path file, ReadOptions options) throws IOException {
        List<RecordSource.RawRecord> rows = new ArrayList<>();
        try (RecordSource source = RecordSource.open(file, options)) {
            RecordSource.RawRecord row;
            while ((row = source.next()) != null) {
                rows.add(row);
            }
        }
        return rows;
    }
}
