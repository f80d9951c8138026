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

    /** The extensions of the exports chiso reads, as a folder's files are told apart by. */
    private static final List<String> EXTENSIONS = List.of("csv", "txt", "tsv", "xlsx", "xls", "json");

    /** The files an ingest reads, and the files and folders in its folders that it does not, each with the reason. */
    record Listing(List<Path> files, List<String> skipped) {
    }

    /**
     * The export files named, folders expanded (not recursively), in name order. What a folder holds
     * besides exports is listed in {@code skipped} with the reason, never passed over silently; a
     * file named on its own is read whatever its name.
     */
    static Listing expand(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    for (Path child : children.sorted().toList()) {
                        String reason = notRead(child);
                        if (reason == null) {
                            files.add(child);
                        } else {
                            skipped.add("skipped " + child.getFileName() + (Files.isDirectory(child) ? "/" : "") + ": " + reason);
                        }
                    }
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IOException("no such file or folder: " + path);
            }
        }
        return new Listing(files, skipped);
    }

    /** Whether a file in a folder is an export chiso reads, by its name. */
    static boolean isExport(Path file) {
        return Files.isRegularFile(file) && notRead(file) == null;
    }

    /** Why a folder's entry is not read, or null when it is. */
    private static String notRead(Path entry) {
        String name = entry.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(entry)) {
            return "a folder (the files of a folder are read, not those of its folders)";
        }
        if (!Files.isRegularFile(entry)) {
            return "not a regular file";
        }
        if (name.startsWith(".")) {
            return "a hidden file";
        }
        if (name.endsWith(".rejects.csv")) {
            return "a rejects file, which chiso writes";
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        if (name.indexOf('.') < 0 || !EXTENSIONS.contains(extension)) {
            return "not an export chiso reads (CSV, TXT, TSV, XLSX, XLS, JSON)";
        }
        return null;
    }

    /** The file's kind and column mapping, from its header, read as UTF-8. */
    static HeaderMatch readHeader(Path file) throws IOException {
        return readHeader(file, ReadOptions.DEFAULT);
    }

    /** The file's kind and column mapping, from its header (below any title rows, SPEC §3). */
    static HeaderMatch readHeader(Path file, ReadOptions options) throws IOException {
        try (RecordSource source = RecordSource.open(file, options)) {
            List<String> header = source.header();
            return HeaderMatch.detect(header).map(match -> match.below(source.aboveHeader()))
                    .orElseThrow(() -> new UnrecognisedFileException(file, header));
        }
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
                    + "agencies, procedures, holidays or targets); its header is " + Texts.clip(header.toString(), 300)));
        }
    }
}
