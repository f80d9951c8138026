package vn.chiso.remote;

import java.time.LocalDate;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import vn.chiso.calendar.ReportingWindow;
import vn.chiso.reports.ReportDistribution;
import vn.chiso.reports.ReportFormat;

/**
 * A window's reports rendered by the workers: one run of the {@code reports-remote} job, its
 * generation {@code run} an identifying parameter (so that a restart of a failed run keeps its
 * archive entries), waited for in this thread.
 */
@Component
@ConditionalOnExpression("!'${chiso.remote.rabbit:}'.isBlank()")
class RemoteReports implements ReportDistribution {

    private final JobOperator jobOperator;
    private final Job reportsRemoteJob;
    private final RemoteProperties remote;

    RemoteReports(JobOperator jobOperator, @Qualifier("reportsRemoteJob") Job reportsRemoteJob, RemoteProperties remote) {
        this.jobOperator = jobOperator;
        this.reportsRemoteJob = reportsRemoteJob;
        this.remote = remote;
    }

    @Override
    public void render(ReportingWindow window, ReportFormat format, String run) {
        JobParameters parameters = new JobParametersBuilder()
                .addString("run", run)
                .addString("window", window.id(), false)
                .addString("kind", window.kind().name(), false)
                .addString("from", window.from().toString(), false)
                .addString("to", window.to().toString(), false)
                .addString("format", format.name(), false)
                .toJobParameters();
        JobExecution execution;
        try {
            execution = jobOperator.start(reportsRemoteJob, parameters);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the reports of " + window.id() + " on the workers: " + e.getMessage(), e);
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            String why = execution.getAllFailureExceptions().stream().map(Throwable::getMessage).findFirst().orElse(execution.getStatus().name());
            throw new IllegalStateException("the workers of " + remote.queue() + " did not render every report of " + window.id() + ": " + why);
        }
    }

    static ReportingWindow window(Map<String, Object> parameters) {
        String id = (String) parameters.get("window");
        return ReportingWindow.Kind.CUSTOM.name().equals(parameters.get("kind"))
                ? ReportingWindow.custom(id, LocalDate.parse((String) parameters.get("from")), LocalDate.parse((String) parameters.get("to")))
                : ReportingWindow.parse(id);
    }

    static ReportFormat format(Map<String, Object> parameters) {
        return ReportFormat.valueOf((String) parameters.get("format"));
    }
}
