package vn.chiso.ingest.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The records a one-stop system syncs to the national portal (SPEC §3.6, profile {@code dvcqg}), as
 * JSON: an array of records, or an object holding one ({@code {"data": [...]}}). Read one record at a
 * time. A record's scalar fields are its cells; its nested lists give what they mean for the
 * indicators — digitised or reused input documents ({@code TaiLieuNop[]}), how many supplements were
 * asked for ({@code DanhSachHoSoBoSung[]}), an electronic result ({@code DanhSachGiayToKetQua[]}).
 * The applicant's personal data is dropped as the record is read: no indicator needs it, and it is
 * never stored, not even in a reject. Jackson's own read constraints bound the nesting and a value's
 * length ({@link ReadLimits}).
 */
final class JsonSource implements RecordSource {

    /** Personal data of the applicant (the portal's ChuHoSo, SoGiayToChuHoSo, …), normalised. */
    static final Set<String> PERSONAL = Set.of("chuhoso", "sogiaytochuhoso", "email", "sodienthoai", "dinhdanhchs",
            "diachi", "nguoinop", "sodinhdanh", "socmnd", "socccd");
    /** The flat field the nested lists replace: it is read into {@code digitized} with them. */
    private static final String FLAT_DIGITIZED = "hosocothanhphansohoa";

    private final CsvSource.CountingStream counted;
    private final long size;
    private final JsonParser parser;
    private final List<String> header = new ArrayList<>();
    private final Path file;
    private final ReadLimits limits;
    private final ObjectMapper json;
    private long records;
    private JsonNode first;
    private long firstLine;

    JsonSource(Path file) throws IOException {
        this.file = file;
        this.limits = ReadLimits.configured();
        this.json = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.jsonDepth()).maxStringLength(limits.cellChars()).build()).build())
                .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
        this.size = Math.max(1, Files.size(file));
        InputStream in = Files.newInputStream(file);
        this.counted = new CsvSource.CountingStream(new BufferedInputStream(in, 1 << 16));
        try {
            this.parser = json.createParser(counted);
            openRecords();
            readFirst();
        } catch (JacksonException e) {
            counted.close();
            throw malformed(e);
        } catch (IOException | RuntimeException e) {
            counted.close();
            throw e;
        }
    }

    /** Moves to the first record: into the top array, or into the first array an object holds ("data" first). */
    private void openRecords() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.START_ARRAY) {
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new CsvSource.MalformedFileException(file.getFileName() + ": not the portal's records: expected a JSON array of records or {\"data\": [...]}");
        }
        while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_ARRAY) {
                return;
            }
            parser.skipChildren();
        }
        throw new CsvSource.MalformedFileException(file.getFileName() + ": the JSON object holds no list of records (expected {\"data\": [...]})");
    }

    private void readFirst() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return; // no record: an empty export
        }
        firstLine = parser.currentLocation().getLineNr();
        first = record(firstLine);
        boolean nested = false;
        for (Map.Entry<String, JsonNode> field : first.properties()) {
            String name = Names.normalize(field.getKey());
            if (field.getValue().isArray() || field.getValue().isObject()) {
                nested = true;
            } else if (!PERSONAL.contains(name) && !name.equals(FLAT_DIGITIZED)) {
                header.add(field.getKey());
            }
        }
        header.add("digitized");
        if (nested) {
            header.addAll(List.of("data_reused", "supplement_requests", "e_result"));
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public List<String> aboveHeader() {
        return List.of();
    }

    @Override
    public RawRecord next() throws IOException {
        try {
            JsonNode record;
            long line;
            if (first != null) {
                record = first;
                line = firstLine;
                first = null;
            } else {
                JsonToken token = parser.nextToken();
                if (token == null || token == JsonToken.END_ARRAY) {
                    return null;
                }
                if (token != JsonToken.START_OBJECT) {
                    throw new CsvSource.MalformedFileException(file.getFileName() + ": line " + parser.currentLocation().getLineNr()
                            + ": expected a record ({...}) in the list of records");
                }
                line = parser.currentLocation().getLineNr();
                record = record(line);
            }
            return new RawRecord(line, cells(record));
        } catch (JacksonException e) {
            throw malformed(e);
        }
    }

    /** The record starting at {@code line}, within the rows' and a row's cells' limits. */
    private JsonNode record(long line) throws ReadLimits.Exceeded {
        if (++records > limits.rows()) {
            throw ReadLimits.exceeded(file, "more than " + ReadLimits.count(limits.rows()) + " records", "rows");
        }
        JsonNode record = json.readTree(parser);
        if (record.size() > limits.cellsPerRow()) {
            throw ReadLimits.exceeded(file, "line " + line + ": a record of more than " + ReadLimits.count(limits.cellsPerRow())
                    + " fields", "cells-per-row");
        }
        return record;
    }

    private List<Object> cells(JsonNode record) {
        List<Object> cells = new ArrayList<>(header.size());
        for (String name : header) {
            cells.add(switch (name) {
                case "digitized" -> flag(one(record, "HoSoCoThanhPhanSoHoa") || any(record, "TaiLieuNop", "DuocSoHoa"));
                case "data_reused" -> flag(any(record, "TaiLieuNop", "DuocTaiSuDung") || any(record, "TaiLieuNop", "DuocLayTuKhoDMQG"));
                case "supplement_requests" -> isList(record.get("DanhSachHoSoBoSung"))
                        ? Integer.toString(record.get("DanhSachHoSoBoSung").size()) : "";
                case "e_result" -> flag(isList(record.get("DanhSachGiayToKetQua")) && !record.get("DanhSachGiayToKetQua").isEmpty());
                default -> text(record.get(name));
            });
        }
        return cells;
    }

    private static boolean isList(JsonNode node) {
        return node != null && node.isArray();
    }

    private static String flag(boolean value) {
        return value ? "1" : "0";
    }

    private static boolean one(JsonNode record, String field) {
        return "1".equals(text(record.get(field)));
    }

    /** Whether any element of the list {@code list} has {@code field} = 1. */
    private static boolean any(JsonNode record, String list, String field) {
        JsonNode items = record.get(list);
        if (items == null || !items.isArray()) {
            return false;
        }
        for (JsonNode item : items) {
            if (one(item, field)) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isArray() || value.isObject()) {
            return "";
        }
        return value.asString();
    }

    private CsvSource.MalformedFileException malformed(JacksonException e) {
        var location = e.getLocation() != null || parser == null ? e.getLocation() : parser.currentLocation();
        String where = location == null ? "" : " line " + location.getLineNr() + ":";
        if (e instanceof StreamConstraintsException) {
            return e.getOriginalMessage().contains("depth")
                    ? ReadLimits.exceeded(file, where.strip() + " nested more than " + limits.jsonDepth() + " deep", "json-depth")
                    : ReadLimits.exceeded(file, where.strip() + " a value of more than " + ReadLimits.count(limits.cellChars()) + " characters",
                            "cell-chars");
        }
        return new CsvSource.MalformedFileException(file.getFileName() + ":" + where + " not valid JSON ("
                + e.getOriginalMessage().replaceAll("\\s+", " ") + ")");
    }

    @Override
    public double progress() {
        return Math.min(1.0, (double) counted.count / size);
    }

    @Override
    public void close() throws IOException {
        parser.close();
        counted.close();
    }
}
