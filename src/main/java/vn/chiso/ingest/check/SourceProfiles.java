package vn.chiso.ingest.check;

import vn.chiso.ingest.read.Names;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The source profiles known to this process (SPEC §3.6): those of {@code jobs/profiles/} (shipped
 * with chiso) and of {@code CHISO_HOME/profiles/}, a profile of the latter replacing one of the same
 * name. Read when the ingest starts, so an edited profile applies to the next command without a rebuild.
 */
public final class SourceProfiles {

    public static final SourceProfiles NONE = new SourceProfiles(Map.of());

    private final Map<String, SourceProfile> byName;

    private SourceProfiles(Map<String, SourceProfile> byName) {
        this.byName = byName;
    }

    /** The profiles of the folders given, in order; a later folder's profile replaces an earlier one of the same name. */
    public static SourceProfiles load(List<Path> folders) {
        Map<String, SourceProfile> profiles = new LinkedHashMap<>();
        for (Path folder : folders) {
            if (folder == null || !Files.isDirectory(folder)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.filter(f -> f.getFileName().toString().matches("(?i)[^.].*\\.ya?ml")).sorted().toList();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot list " + folder + ": " + e.getMessage(), e);
            }
            for (Path file : files) {
                SourceProfile profile = SourceProfile.read(file);
                profiles.put(profile.name(), profile);
            }
        }
        return new SourceProfiles(profiles);
    }

    public List<SourceProfile> all() {
        return new ArrayList<>(byName.values());
    }

    /** The profile of that name; the exception's message lists the known ones. */
    public SourceProfile named(String name) {
        SourceProfile profile = byName.get(name);
        if (profile == null) {
            throw new IllegalArgumentException("no source profile named '" + name + "' (known: "
                    + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())) + ")");
        }
        return profile;
    }

    /** The profile whose signature the header holds, the one with the longest signature if several do. */
    Optional<SourceProfile> matching(List<String> header) {
        Set<String> columns = new HashSet<>();
        header.forEach(h -> columns.add(Names.normalize(h)));
        return byName.values().stream().filter(p -> p.matches(columns))
                .max(java.util.Comparator.comparingInt(p -> p.signature().size()));
    }
}
