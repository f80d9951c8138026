package vn.chiso.ingest;

import vn.chiso.ingest.check.FileKind;
import vn.chiso.ingest.check.HeaderMatch;
import vn.chiso.ingest.check.References;
import vn.chiso.ingest.check.SourceProfiles;
import vn.chiso.ingest.check.UnitScope;
import vn.chiso.ingest.load.FileMerger;
import vn.chiso.ingest.load.FileStager;
import vn.chiso.ingest.load.Progress;
import vn.chiso.ingest.read.ReadOptions;
import vn.chiso.ingest.read.Reading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;

import vn.chiso.ChisoProperties;
import vn.chiso.facts.DossierFacts;
import vn.chiso.orgunit.OrgUnits;
import vn.chiso.facts.StoredDossierFacts;
import vn.chiso.security.OrgScope;

/**
 * The ingest job: one job instance per import run (its identifying parameter), two steps each in
 * one transaction. {@code stage} reads the file into a staging table, or when none of its keys is
 * stored yet straight into the stored table, and records the rejects; {@code merge} refuses the
 * file when it has too many rejects, or merges the staging table. A run killed in either
 * step is restarted by the next ingest of the file: a committed stage is not read again.
 */
@Configuration(proxyBeanMethods = false)
class IngestJobConfiguration {

    static final String JOB_NAME = "ingest";
    static final String RUN_ID = "runId";
    /** The name of the run's rejects file, without {@code .rejects.csv}. */
    static final String REJECTS_NAME = "rejectsName";
    /** In the job's context: how many stored rows a stage step that stored its rows itself inserted or changed. */
    private static final String CHANGED = "changed";
    /** The text files' encoding when an ingest names one (ReadOptions); absent: UTF-8, or UTF-16 after its BOM. */

    /** Progress counters of the files being staged in this process, by run id. */
    @Bean
    Map<Long, Progress> ingestProgress() {
        return new ConcurrentHashMap<>();
    }

    @Bean
    Job ingestJob(JobRepository jobRepository, Step stageStep, Step mergeStep) {
        return new JobBuilder(JOB_NAME, jobRepository).start(stageStep).next(mergeStep).build();
    }

    @Bean
    Step stageStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, DataSource dataSource,
                   JdbcTemplate jdbc, ImportRuns runs, ChisoProperties properties, Map<Long, Progress> ingestProgress,
                   StoredDossierFacts storedFacts, ProfileFolders profileFolders, OrgScope orgScope) {
        return new StepBuilder("stage", jobRepository).tasklet((contribution, context) -> {
            long runId = runId(context);
            ImportRun run = runs.find(runId).orElseThrow();
            Path file = Path.of(run.filePath());
            SourceProfiles profiles = profileFolders.load();
            Reading reading = runs.reading(runId);
            ReadOptions options = IngestFiles.options(profiles, reading, null);
            HeaderMatch header = IngestFiles.readHeader(file, options);
            DossierFacts dossierFacts = header.kind() == FileKind.DOSSIERS ? storedFacts.current() : null;
            Uploader uploader = runs.uploader(runId);
            UnitScope scope = uploader.unitBound() ? new UnitScope(uploader.login(), orgScope.below(uploader.org())) : UnitScope.ALL;
            References references = References.load(jdbc).within(scope);
            FileStager stager = new FileStager(header, options, references, dossierFacts,
                    references.exportTimeOf(IngestFiles.modifiedAt(file)), properties.ingest(), runId);
            Progress progress = ingestProgress.computeIfAbsent(runId, id -> new Progress());
            Connection connection = DataSourceUtils.getConnection(dataSource);
            FileStager.Staged staged = stager.stage(file, connection, dataSource, progress);
            if (staged.direct()) { // what the merge step's message says it changed
                context.getStepContext().getStepExecution().getJobExecution().getExecutionContext().putLong(CHANGED, staged.changed());
            }
            progress.phase = "checking";
            FileMerger merger = new FileMerger(jdbc, header.kind(), runId);
            merger.rejectOutside(scope);
            if (staged.maybeRepeatedKeys()) {
                merger.rejectRepeatedKeys();
            }
            runs.counts(runId, staged.read(), staged.direct() ? staged.stored() : merger.stagedRows(), merger.rejectedRows());
            Object rejectsName = context.getStepContext().getJobParameters().get(REJECTS_NAME);
            writeRejectsFile(jdbc, runId, run.fileName(), rejectsName == null ? run.fileName() : rejectsName.toString(), properties.rejectsDir());
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    @Bean
    Step mergeStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
                   ImportRuns runs, ChisoProperties properties, Map<Long, Progress> ingestProgress, OrgUnits orgUnits) {
        return new StepBuilder("merge", jobRepository).tasklet((contribution, context) -> {
            long runId = runId(context);
            ImportRun run = runs.find(runId).orElseThrow();
            FileMerger merger = new FileMerger(jdbc, FileKind.valueOf(run.kind()), runId);
            double threshold = properties.ingest().rejectThreshold();
            long badValues = merger.rejectedForValues();
            long ownRows = run.rowsRead() - merger.rejectedOutside(); // a unit-bound upload is weighed by the rows of its units
            if (properties.ingest().refuses(badValues, ownRows)) {
                merger.dropStage();
                runs.counts(runId, run.rowsRead(), 0, run.rowsRejected());
                runs.finish(runId, ImportRun.Status.REFUSED, "refused: %d of %d rows rejected (%.1f%%), more than the %.1f%% allowed; nothing of the file was stored"
                        .formatted(badValues, ownRows, 100.0 * badValues / Math.max(1, ownRows), 100 * threshold));
                return RepeatStatus.FINISHED;
            }
            if (!merger.hasStage()) {
                merger.analyzePayments();
                Object changed = context.getStepContext().getJobExecutionContext().get(CHANGED);
                runs.finish(runId, ImportRun.Status.STORED, (changed == null ? run.rowsStored() : ((Number) changed).longValue())
                        + " stored rows inserted or changed");
                return RepeatStatus.FINISHED;
            }
            Progress progress = ingestProgress.get(runId);
            if (progress != null) {
                progress.phase = "merging";
            }
            jdbc.execute("SAVEPOINT merge");
            long changed = merger.merge();
            String refusal = merger.kind() == FileKind.ORG_UNITS ? merger.unitHistoryRefusal(orgUnits) : null;
            if (refusal != null) {
                jdbc.execute("ROLLBACK TO SAVEPOINT merge");
                merger.dropStage();
                runs.counts(runId, run.rowsRead(), 0, run.rowsRejected());
                runs.finish(runId, ImportRun.Status.REFUSED, "refused: " + refusal + "; nothing of the file was stored");
                return RepeatStatus.FINISHED;
            }
            merger.recordWarnings();
            merger.dropStage();
            merger.analyzePayments();
            runs.finish(runId, ImportRun.Status.STORED, changed + " stored rows inserted or changed");
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }


    private static long runId(ChunkContext context) {
        Object value = context.getStepContext().getJobParameters().get(RUN_ID);
        return ((Number) value).longValue();
    }

    /**
     * {@code CHISO_HOME/rejects/<name>.rejects.csv} with the header of SPEC §7, in line order: {@code name}
     * is the file's, or {@code <file>.run<id>} for the second input of that name in one command.
     */
    static void writeRejectsFile(JdbcTemplate jdbc, long runId, String fileName, String name, Path directory) throws IOException {
        Path target = directory.resolve(name + ".rejects.csv");
        Long count = jdbc.queryForObject("SELECT count(*) FROM import_reject WHERE run_id = ?", Long.class, runId);
        if (count == null || count == 0) {
            Files.deleteIfExists(target); // a rejects file of an earlier export of the same name no longer applies
            return;
        }
        Files.createDirectories(directory);
        RejectsCsv.write(jdbc, runId, fileName, Files.newBufferedWriter(target, StandardCharsets.UTF_8));
    }

}
