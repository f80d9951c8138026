package vn.chiso.ingest.check;

import vn.chiso.ingest.read.Names;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a file is, recognised from its header (SPEC §3, §3.6): the kind whose signature columns are
 * all present and that names the most columns wins; a source profile, picked by its signature or by
 * name, first maps its system's own column names. {@code sourceIndex[i]} is the file's column holding
 * the kind's i-th column, or -1.
 *
 * @param ignored         header columns no field reads (a running number, STT, is not listed)
 * @param missingRequired required columns the file lacks: each of its rows is rejected naming them
 * @param profile         the source profile applied, or null
 * @param agencyByName    the column feeding agency_code holds units' names, looked up in the org units
 * @param procedureByName the procedure is given by its name only, looked up in the procedure catalogue
 * @param defaults        per column, the value of a field no column fills (from the profile), or null
 * @param aboveHeader     the rows above the header that were skipped (title rows), when read from a file
 */
public record HeaderMatch(FileKind kind, int[] sourceIndex, List<String> ignored, List<String> missingRequired,
                   SourceProfile profile, boolean agencyByName, boolean procedureByName, String[] defaults,
                   List<String> aboveHeader) {

    /** The labels printed lists give the unit when they name it rather than give its code (SPEC §3.1). */
    private static final List<String> UNIT_NAME_FORMS = List.of("Đơn vị tiếp nhận", "Đơn vị xử lý", "Đơn vị giải quyết",
            "Cơ quan tiếp nhận", "Cơ quan giải quyết", "Cơ quan xử lý").stream().map(Names::normalize).toList();
    /** A running-number column, which no field reads and no one needs to be told about. */
    private static final List<String> RUNNING_NUMBER = List.of("stt", "sothutu", "tt");

    public static Optional<HeaderMatch> detect(List<String> header) {
        return detect(header, null);
    }

    /** With {@code profile} given, only it is applied; null: none. */
    static Optional<HeaderMatch> detect(List<String> header, SourceProfile profile) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            positions.putIfAbsent(Names.normalize(header.get(i)), i);
        }
        HeaderMatch best = null;
        int bestScore = 0;
        for (FileKind kind : FileKind.values()) {
            if (profile != null && profile.kind() != null && profile.kind() != kind) {
                continue;
            }
            HeaderMatch match = match(kind, header, positions, profile);
            if (match == null) {
                continue;
            }
            int score = (int) Arrays.stream(match.sourceIndex).filter(i -> i >= 0).count();
            if (score > bestScore) {
                best = match;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** With the profile named, or else the first whose signature the header holds, or else none. */
    public static Optional<HeaderMatch> detect(List<String> header, SourceProfiles profiles, String profileName) {
        if (profileName != null) {
            return detect(header, profiles.named(profileName));
        }
        Optional<SourceProfile> matching = profiles.matching(header);
        if (matching.isPresent()) {
            Optional<HeaderMatch> match = detect(header, matching.get());
            if (match.isPresent()) {
                return match;
            }
        }
        return detect(header, null);
    }

    private static HeaderMatch match(FileKind kind, List<String> header, Map<String, Integer> positions, SourceProfile profile) {
        int[] sourceIndex = new int[kind.columns.size()];
        Arrays.fill(sourceIndex, -1);
        boolean[] used = new boolean[header.size()];
        if (profile != null) {
            for (int position = 0; position < header.size(); position++) {
                String source = Names.normalize(header.get(position));
                if (profile.ignore().contains(source)) {
                    continue; // personal data: read into no field, listed as not used
                }
                String field = profile.columns().get(source);
                if (field != null && kind.columns.stream().anyMatch(c -> c.name().equals(field))) {
                    int i = kind.indexOf(field);
                    if (sourceIndex[i] < 0) {
                        sourceIndex[i] = position;
                        used[position] = true;
                    }
                }
            }
        }
        for (int i = 0; i < sourceIndex.length; i++) {
            if (sourceIndex[i] >= 0) {
                continue;
            }
            for (String form : kind.columns.get(i).headerForms()) {
                Integer position = positions.get(form);
                if (position != null && !used[position]) {
                    sourceIndex[i] = position;
                    used[position] = true;
                    break;
                }
            }
        }
        boolean agencyByName = false;
        boolean procedureByName = false;
        if (kind == FileKind.DOSSIERS) {
            int agency = kind.indexOf("agency_code");
            if (sourceIndex[agency] >= 0) {
                agencyByName = profile != null && profile.agencyByName();
            } else {
                for (String form : UNIT_NAME_FORMS) {
                    Integer position = positions.get(form);
                    if (position != null && !used[position]) {
                        sourceIndex[agency] = position;
                        used[position] = true;
                        agencyByName = true;
                        break;
                    }
                }
            }
            int procedure = kind.indexOf("procedure_code");
            int procedureName = kind.indexOf("procedure_name");
            if (sourceIndex[procedure] < 0 && sourceIndex[procedureName] >= 0) {
                sourceIndex[procedure] = sourceIndex[procedureName]; // looked up among the catalogue's names
                procedureByName = true;
            }
        }
        String[] defaults = new String[sourceIndex.length];
        if (profile != null) {
            profile.defaults().forEach((field, value) -> {
                if (kind.columns.stream().anyMatch(c -> c.name().equals(field))) {
                    defaults[kind.indexOf(field)] = value;
                }
            });
        }
        for (String signatureColumn : kind.signature) {
            int i = kind.indexOf(signatureColumn);
            if (sourceIndex[i] < 0 && defaults[i] == null) {
                return null;
            }
        }
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (!used[i] && !name.isBlank() && !RUNNING_NUMBER.contains(Names.normalize(name))) {
                ignored.add(name);
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < sourceIndex.length; i++) {
            Column column = kind.columns.get(i);
            if (column.required() && column.whenEmpty() == null && sourceIndex[i] < 0 && defaults[i] == null) {
                missing.add(describe(column));
            }
        }
        return new HeaderMatch(kind, sourceIndex, ignored, missing, profile, agencyByName, procedureByName, defaults, List.of());
    }

    /** This match, for a header found below these rows. */
    public HeaderMatch below(List<String> rowsAbove) {
        return new HeaderMatch(kind, sourceIndex, ignored, missingRequired, profile, agencyByName, procedureByName, defaults,
                List.copyOf(rowsAbove));
    }

    static String describe(Column column) {
        return column.name() + (column.labels().isEmpty() ? "" : " (" + column.labels().get(0) + ")");
    }

    /**
     * The fields no column fills and no profile default gives, which take their defaults (false, 0,
     * empty): the run says which (SPEC §3.6). The export time and the never-stored ones are left out.
     */
    public List<String> unfilled() {
        List<String> unfilled = new ArrayList<>();
        for (int i = 0; i < sourceIndex.length; i++) {
            Column column = kind.columns.get(i);
            if (sourceIndex[i] < 0 && defaults[i] == null && !column.required() && !column.inputOnly()
                    && !column.name().equals("exported_at")) {
                unfilled.add(column.whenEmpty() == null || column.whenEmpty().isEmpty() ? column.name() : column.name() + "=" + column.whenEmpty());
            }
        }
        return unfilled;
    }

    /** The row's cells in the kind's column order. */
    public Object[] align(List<Object> cells) {
        Object[] aligned = new Object[sourceIndex.length];
        for (int i = 0; i < sourceIndex.length; i++) {
            int source = sourceIndex[i];
            aligned[i] = source >= 0 && source < cells.size() ? cells.get(source) : null;
        }
        return aligned;
    }

    /** Each source column and the field it feeds, in the file's order, for {@code --check}. */
    public Map<String, String> mapping(List<String> header) {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (int position = 0; position < header.size(); position++) {
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < sourceIndex.length; i++) {
                if (sourceIndex[i] == position) {
                    String name = kind.columns.get(i).name();
                    if (name.equals("agency_code") && agencyByName) {
                        name += " (by unit name)";
                    } else if (name.equals("procedure_code") && procedureByName) {
                        name += " (by procedure name)";
                    }
                    fields.add(name);
                }
            }
            if (!fields.isEmpty()) {
                mapping.put(header.get(position), String.join(", ", fields));
            }
        }
        for (int i = 0; i < defaults.length; i++) {
            if (defaults[i] != null && sourceIndex[i] < 0) {
                mapping.put("(profile default '" + defaults[i] + "')", kind.columns.get(i).name());
            }
        }
        return mapping;
    }
}
