package vn.chiso.ingest;

import vn.chiso.ingest.check.HeaderMatch;
import vn.chiso.ingest.check.ParsedRow;
import vn.chiso.ingest.check.Problem;
import vn.chiso.ingest.check.ProcessingTimes;
import vn.chiso.ingest.check.References;
import vn.chiso.ingest.check.RowParser;
import vn.chiso.ingest.check.SourceProfile;
import vn.chiso.ingest.check.SourceProfiles;
import vn.chiso.ingest.read.Encodings;
import vn.chiso.ingest.read.ReadOptions;
import vn.chiso.ingest.read.Reading;
import vn.chiso.ingest.read.RecordSource;
import vn.chiso.ingest.read.Texts;
import vn.chiso.ingest.read.Values;

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
        return readHeader(file, SourceProfiles.NONE, Reading.DEFAULT);
    }

    /** The file's kind and column mapping, from its header (below any title rows, SPEC §3), read as UTF-8. */
    static HeaderMatch readHeader(Path file, ReadOptions options) throws IOException {
        try (RecordSource source = RecordSource.open(file, options)) {
            List<String> header = source.header();
            try {
                return HeaderMatch.detect(header, options.profiles(), options.profile()).map(match -> match.below(source.aboveHeader()))
                        .orElseThrow(() -> new UnrecognisedFileException(file, header));
            } catch (IllegalArgumentException e) {
                throw new IOException(file.getFileName() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The file's kind and column mapping, from its header, with the profile named or the one whose
     * signature it holds, in the encoding named, else the named profile's. A file that is not UTF-8 and
     * names no encoding is tried in the encodings of the profiles that state one: a system that exports
     * in Windows-1258 is read as its profile says without --encoding.
     */
    static HeaderMatch readHeader(Path file, SourceProfiles profiles, Reading reading) throws IOException {
        try {
            return readHeader(file, options(profiles, reading, null));
        } catch (Encodings.EncodingException e) {
            if (reading.charset() != null) {
                throw e;
            }
            for (SourceProfile profile : profiles.all()) {
                if (profile.encoding() == null || reading.profile() != null && !reading.profile().equals(profile.name())) {
                    continue;
                }
                try {
                    HeaderMatch match = readHeader(file, options(profiles, new Reading(profile.name(), null), profile));
                    if (match.profile() == profile) {
                        return match;
                    }
                } catch (IOException notThisOne) {
                    // the next profile's encoding
                }
            }
            throw e;
        }
    }

    /** How to read a file: the encoding named, else that of the profile named or given, with the profiles for its header. */
    static ReadOptions options(SourceProfiles profiles, Reading reading, SourceProfile profile) {
        java.nio.charset.Charset encoding = reading.charset();
        if (encoding == null) {
            SourceProfile named = profile != null ? profile : reading.profile() == null ? null : profiles.named(reading.profile());
            encoding = named == null ? null : named.encoding();
        }
        return new ReadOptions(encoding == null || encoding.equals(java.nio.charset.StandardCharsets.UTF_8) ? null : encoding,
                profiles, reading.profile());
    }

    /** The encoding a file is read in: the one named, else its profile's; null for UTF-8 (or UTF-16 by its BOM). */
    static String effectiveEncoding(HeaderMatch header, Reading reading) {
        if (reading.encoding() != null) {
            return reading.encoding();
        }
        return header.profile() != null && header.profile().encoding() != null ? header.profile().encoding().name() : null;
    }

    /** The message of a failure to read a file, on one line. */
    static String oneLine(Exception e) {
        return Texts.oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** The first {@code limit} good rows of a reference file, for the names a {@code --check} looks up. */
    static List<ParsedRow> goodRows(Path file, HeaderMatch header, ReadOptions options, int limit) throws IOException {
        List<ParsedRow> rows = new ArrayList<>();
        RowParser parser = new RowParser(header, References.of(new ProcessingTimes(java.util.Map.of())));
        List<Problem> problems = new ArrayList<>();
        try (RecordSource source = RecordSource.open(file, options)) {
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
     * current processors: about five times faster than SHA-256 (docs/performance.md), and nothing here
     * needs a digest no one can forge.
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
                    + "agencies, procedures, holidays or targets); its header is " + Texts.quote(header.toString())));
        }
    }
}
