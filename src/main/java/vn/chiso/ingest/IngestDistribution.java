package vn.chiso.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import vn.chiso.ingest.check.FileKind;
import vn.chiso.ingest.read.Reading;

/**
 * Ingests the files of one command in other processes (vn.chiso.remote, when RabbitMQ is
 * configured); without one they are ingested in this process, one after the other, as
 * {@link IngestService#ingest} always did.
 */
public interface IngestDistribution {

    /**
     * A file to ingest, with the kind its header says, and whether an earlier file of the same
     * command had its name (its rejects file then names its run, SPEC §7).
     */
    record Entry(Path file, FileKind kind, boolean nameTaken) {
    }

    /**
     * Has each file ingested through {@link IngestService#ingestOne}, reference data before
     * dossiers before the rest (the entries come in that order); returns their results in the
     * entries' order once all have ended, after passing each file's lines to {@code log}.
     */
    List<IngestService.FileResult> ingest(List<Entry> entries, Reading reading, Consumer<String> log);
}
