package vn.chiso.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Hostile files made on the spot, small on disk and huge once read: the workbooks of issue 17's probe.
 * Each XLSX holds the parts chiso's reader needs (workbook, its relations, shared strings, one sheet).
 */
public final class Bombs {

    private Bombs() {
    }

    /** A workbook whose shared-strings part holds {@code strings} short strings: small packed, huge unpacked. */
    public static Path sharedStrings(Path file, int strings) throws IOException {
        return workbook(file, out -> {
            write(out, "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
            for (int i = 0; i < strings; i++) {
                write(out, "<si><t>" + (i % 10) + "</t></si>");
            }
            write(out, "</sst>");
        }, out -> write(out, "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"));
    }

    /** A workbook whose shared strings are {@code strings} different ones: they pack no better than text does. */
    public static Path distinctSharedStrings(Path file, int strings) throws IOException {
        return workbook(file, out -> {
            write(out, "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
            for (int i = 0; i < strings; i++) {
                write(out, "<si><t>" + Integer.toHexString(i * 40503) + "</t></si>");
            }
            write(out, "</sst>");
        }, out -> write(out, "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"));
    }

    /** A workbook whose sheet unpacks to {@code bytes} of empty rows: a zip bomb by its ratio alone. */
    public static Path inflating(Path file, long bytes) throws IOException {
        String megabyte = "<row/>".repeat((1 << 20) / 6);
        return workbook(file, out -> write(out, "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>"), out -> {
            for (long written = 0; written < bytes; written += megabyte.length()) {
                write(out, megabyte);
            }
        });
    }

    /** A workbook of one sheet whose rows are {@code rows} (the XML inside sheetData) and the shared strings given. */
    public static Path workbook(Path file, Consumer<OutputStream> sharedStrings, Consumer<OutputStream> rows) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            part(zip, "xl/workbook.xml", out -> write(out, """
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                    <sheets><sheet name="Hồ sơ" sheetId="1" r:id="rId1"/></sheets></workbook>"""));
            part(zip, "xl/_rels/workbook.xml.rels", out -> write(out, """
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"""));
            part(zip, "xl/sharedStrings.xml", sharedStrings);
            part(zip, "xl/worksheets/sheet1.xml", out -> {
                write(out, "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
                rows.accept(out);
                write(out, "</sheetData></worksheet>");
            });
        }
        return file;
    }

    private static void part(ZipOutputStream zip, String name, Consumer<OutputStream> content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(zip, 1 << 16);
        content.accept(buffered);
        buffered.flush();
        zip.closeEntry();
    }

    public static void write(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text file written line by line, for CSVs too wide or too long to keep in a test's resources. */
    public static Path text(Path file, Consumer<Writer> lines) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            lines.accept(out);
        }
        return file;
    }
}
