package vn.chiso.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;

/**
 * The text encodings of SPEC §3: UTF-8 with or without BOM, UTF-16 after its BOM, or the encoding an
 * ingest names. A file that is none of these is refused whole, naming its first bad line and the
 * encoding it most likely is; its bytes are never stored as replacement characters.
 */
public final class Encodings {

    /** How much of a refused file the guess at its encoding reads. */
    private static final int GUESS_BYTES = 16 << 20;

    private Encodings() {
    }

    /** A byte-order mark: the encoding it names and its length in bytes. */
    record Bom(Charset charset, int length) {
    }

    /** The byte-order mark the file starts with, or null. */
    static Bom bom(byte[] head) {
        int n = head.length;
        if (n >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF) {
            return new Bom(StandardCharsets.UTF_8, 3);
        }
        if (n >= 2 && head[0] == (byte) 0xFF && head[1] == (byte) 0xFE) {
            return new Bom(StandardCharsets.UTF_16LE, 2);
        }
        if (n >= 2 && head[0] == (byte) 0xFE && head[1] == (byte) 0xFF) {
            return new Bom(StandardCharsets.UTF_16BE, 2);
        }
        return null;
    }

    /** A file whose bytes are not text in the encoding it is read with: refused whole, never stored in part. */
    public static final class EncodingException extends CsvSource.MalformedFileException {
        EncodingException(String message) {
            super(message);
        }
    }

    /** The refusal of a file that is not UTF-8: its first bad line and byte, and what to run instead. */
    static EncodingException notUtf8(Path file, long line, int badByte) {
        String guess = guess(file);
        return new EncodingException("%s: line %d is not UTF-8 (byte 0x%02X); it looks like %s — ingest it again with --encoding %s"
                .formatted(file.getFileName(), line, badByte, guess, guess.toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * Windows-1258 or Windows-1252, the usual encodings of a file that is not UTF-8, told apart by
     * the bytes only Vietnamese written in Windows-1258 uses often: its combining tone marks (0xCC
     * grave, 0xEC acute, 0xDE tilde, 0xD2 hook, 0xF2 dot below) right after a letter, and its letters
     * Ă ă Đ đ Ơ ơ Ư ư (0xC3 0xE3 0xD0 0xF0 0xD5 0xF5 0xDD 0xFD). In Windows-1252 those bytes are
     * Ì ì Þ Ò ò Ã ã Ð ð Õ õ Ý ý, rare in the Western languages it serves. Windows-1258 when at least
     * one tone mark follows a letter and these bytes are at least a quarter of the bytes above 0x7F
     * (Vietnamese has a tone mark on most syllables; Portuguese's ã and õ alone do not make it).
     */
    static String guess(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(GUESS_BYTES);
        } catch (IOException e) {
            return "Windows-1258";
        }
        long high = 0;
        long marks = 0;
        long letters = 0;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                continue;
            }
            high++;
            switch (b) {
                case 0xCC, 0xEC, 0xDE, 0xD2, 0xF2 -> {
                    if (i > 0 && isLetter1258(bytes[i - 1] & 0xFF)) {
                        marks++;
                    }
                }
                case 0xC3, 0xE3, 0xD0, 0xF0, 0xD5, 0xF5, 0xDD, 0xFD -> letters++;
                default -> {
                }
            }
        }
        return marks > 0 && (marks + letters) * 4 >= high ? "Windows-1258" : "Windows-1252";
    }

    /** A letter a Windows-1258 tone mark may follow: an ASCII letter or one of the code page's letters. */
    private static boolean isLetter1258(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= 0xC0 && b != 0xD7 && b != 0xF7
                && b != 0xCC && b != 0xEC && b != 0xDE && b != 0xD2 && b != 0xF2);
    }

    /**
     * The text of a stream in another encoding, as UTF-8 bytes in NFC: the byte-level CSV reader then
     * reads it as it reads UTF-8. NFC because Windows-1258 writes most tone marks as separate
     * combining characters, and "Đăng ký" must equal the precomposed form UTF-8 exports use; text is
     * normalised up to a line break, where no combining sequence is cut. Bytes that are not text in
     * the encoding end the reading with the line they are on.
     */
    static final class Utf8Stream extends InputStream {

        private final InputStream in;
        private final CharsetDecoder decoder;
        private final Path file;
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        private final CharBuffer chars = CharBuffer.allocate(1 << 16);
        /** Decoded text after the last line break, waiting for the rest of its line. */
        private final StringBuilder carry = new StringBuilder();
        private byte[] out = new byte[0];
        private int outPosition;
        private long lineBreaks;
        private boolean inputDone;
        private boolean finished;

        Utf8Stream(InputStream in, Charset charset, Path file) {
            this.in = in;
            this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (outPosition == out.length) {
                if (!produce()) {
                    return -1;
                }
            }
            int n = Math.min(length, out.length - outPosition);
            System.arraycopy(out, outPosition, target, offset, n);
            outPosition += n;
            return n;
        }

        /** Decodes the next piece of input into {@link #out}; false at the end. */
        private boolean produce() throws IOException {
            if (finished) {
                return false;
            }
            if (!inputDone) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    inputDone = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
            }
            bytes.flip();
            CoderResult result = decoder.decode(bytes, chars, inputDone);
            if (result.isError()) {
                throw badBytes(bytes.get(bytes.position()) & 0xFF);
            }
            if (inputDone && result.isUnderflow()) {
                result = decoder.flush(chars);
            }
            boolean last = inputDone && !bytes.hasRemaining() && result.isUnderflow();
            bytes.compact();
            chars.flip();
            carry.append(chars);
            chars.clear();
            int end = last ? carry.length() : lastLineBreak(carry) + 1;
            if (!last && end > 0 && end == carry.length() && carry.charAt(end - 1) == '\r') {
                end--; // perhaps the first half of \r\n: counted with its \n
            }
            if (end == 0 && carry.length() > 1 << 20) {
                end = carry.length(); // a line longer than a megabyte: normalised in pieces
            }
            String text = Normalizer.normalize(carry.subSequence(0, end), Normalizer.Form.NFC);
            carry.delete(0, end);
            lineBreaks += lineBreaks(text);
            out = text.getBytes(StandardCharsets.UTF_8);
            outPosition = 0;
            finished = last;
            return true;
        }

        private EncodingException badBytes(int badByte) {
            chars.flip();
            long line = lineBreaks + lineBreaks(carry) + lineBreaks(chars) + 1;
            return new EncodingException("%s: line %d is not %s (byte 0x%02X)".formatted(file.getFileName(), line,
                    decoder.charset().name(), badByte));
        }

        private static int lastLineBreak(CharSequence text) {
            for (int i = text.length() - 1; i >= 0; i--) {
                if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Line breaks in the text: \n, \r\n or \r, as the CSV reader counts them. */
    static long lineBreaks(CharSequence text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                n++;
            }
        }
        return n;
    }
}
