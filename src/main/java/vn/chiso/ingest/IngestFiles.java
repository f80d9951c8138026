package vn.chiso.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Files on disk: which to read, what they are, when they were exported. */
final class IngestFiles {

    private IngestFiles() {
    }

    /** The export files named, folders expanded (not recursively), in name order. */
    static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    children.filter(Files::isRegularFile).filter(IngestFiles::isExport).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IOException("no such file or folder: " + path);
            }
        }
        return files;
    }

    private static boolean isExport(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && !name.endsWith(".rejects.csv")
                && (name.endsWith(".csv") || name.endsWith(".xlsx") || name.endsWith(".txt"));
    }

    /** The file's kind and column mapping, from its header. */
    static HeaderMatch readHeader(Path file) throws IOException {
        try (RecordSource source = RecordSource.open(file)) {
            List<String> header = source.header();
            return HeaderMatch.detect(header).orElseThrow(() -> new UnrecognisedFileException(file, header));
        }
    }

    /** Without an exported_at column, a file is dated by its last modification (SPEC §7). */
    static LocalDateTime modifiedAt(Path file) throws IOException {
        return LocalDateTime.ofInstant(Files.getLastModifiedTime(file).toInstant(), Values.ZONE);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file whose header names no known kind of export. */
    static final class UnrecognisedFileException extends IOException {
        UnrecognisedFileException(Path file, List<String> header) {
            super(file.getFileName() + (header.stream().allMatch(String::isBlank)
                    ? ": the file is empty: its first line must be the header"
                    : ": not a recognised export (dossiers, payments, evaluations, feedback, "
                    + "agencies, procedures, holidays or targets); its header is " + header));
        }
    }
}
