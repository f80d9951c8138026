package vn.chiso.ingest;

import vn.chiso.ingest.check.SourceProfiles;

import java.nio.file.Path;
import java.util.List;

import org.springframework.stereotype.Component;

import vn.chiso.ChisoProperties;
import vn.chiso.schedule.ScheduleProperties;

/**
 * Where source profiles live (SPEC §3.6): {@code profiles/} of the jobs folder (the repository's
 * {@code jobs/}, which ships {@code dvcqg} and {@code danh-sach-ho-so}), then {@code CHISO_HOME/profiles/},
 * whose profiles replace shipped ones of the same name. Read anew for every ingest, so an edited
 * profile applies without a rebuild or a restart.
 */
@Component
public class ProfileFolders {

    private final List<Path> folders;

    ProfileFolders(ChisoProperties properties, ScheduleProperties schedule) {
        Path jobs = schedule.jobs() != null ? schedule.jobs() : Path.of("jobs");
        this.folders = List.of(jobs.resolve("profiles"), properties.home().resolve("profiles"));
    }

    public SourceProfiles load() {
        return SourceProfiles.load(folders);
    }

    public List<Path> folders() {
        return folders;
    }
}
