package vn.chiso.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

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
                && (name.endsWith(".csv") || name.endsWith(".xlsx") || name.endsWith(".txt") || name.endsWith(".json"));
    }

    /** The file's kind and column mapping, from its header. */
    static HeaderMatch readHeader(Path file) throws IOException {
        return readHeader(file, SourceProfiles.NONE, Reading.DEFAULT);
    }

    /** The file's kind and column mapping, from its header, with the profile named or the one whose signature it holds. */
    static HeaderMatch readHeader(Path file, SourceProfiles profiles, Reading reading) throws IOException {
        try (RecordSource source = RecordSource.open(file)) {
            List<String> header = source.header();
            try {
                return HeaderMatch.detect(header, profiles, reading.profile()).orElseThrow(() -> new UnrecognisedFileException(file, header));
            } catch (IllegalArgumentException e) {
                throw new IOException(file.getFileName() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The message of a failure to read a file, on one line. */
    static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }

    /** The first {@code limit} good rows of a reference file, for the names a {@code --check} looks up. */
    static List<ParsedRow> goodRows(Path file, HeaderMatch header, int limit) throws IOException {
        List<ParsedRow> rows = new ArrayList<>();
        RowParser parser = new RowParser(header, References.of(new ProcessingTimes(java.util.Map.of())));
        List<Problem> problems = new ArrayList<>();
        try (RecordSource source = RecordSource.open(file)) {
            RecordSource.RawRecord record;
            while (rows.size() < limit && (record = source.next()) != null) {
                problems.clear();
                ParsedRow row = parser.parse(header.align(record.cells()), problems);
                if (problems.isEmpty()) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** Without an exported_at column, a file is dated by its last modification (SPEC §7). */
    static LocalDateTime modifiedAt(Path file) throws IOException {
        return LocalDateTime.ofInstant(Files.getLastModifiedTime(file).toInstant(), Values.ZONE);
    }

    /**
     * What tells a file from another one at the same path when an interrupted run is continued: the
     * CRC-32C and the CRC-32 of its bytes, 64 bits that both have instructions of their own on
     * current processors. SHA-256 took ~200 ms for 1M dossiers (178 MB), a twentieth of their
     * ingest, and nothing here needs a digest no one can forge; these take ~40 ms.
     */
    static String checksum(Path file) throws IOException {
        CRC32C castagnoli = new CRC32C();
        CRC32 ieee = new CRC32();
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            while (channel.read(buffer) > 0) {
                buffer.flip();
                castagnoli.update(buffer.duplicate());
                ieee.update(buffer);
                buffer.clear();
            }
        }
        return "crc32c+crc32:%08x%08x".formatted(castagnoli.getValue(), ieee.getValue());
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
