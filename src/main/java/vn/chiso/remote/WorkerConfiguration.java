package vn.chiso.remote;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilderFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;

import vn.chiso.reports.ReportArchive;
import vn.chiso.reports.ReportService;

/**
 * The worker side of remote partitioning, in {@code ./chiso worker} only: takes one partition at a
 * time from the queue and acknowledges it once its step has finished, so that the partition of a
 * worker that dies (killed, machine lost) goes back to the queue and another worker runs it again.
 * Running one twice is harmless: {@link ReportService#renderOnce} archives each report once per run.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${chiso.remote.rabbit:}'.isBlank()")
@ConditionalOnProperty(name = "chiso.command", havingValue = "worker")
class WorkerConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(WorkerConfiguration.class);
    /** The worker that ran a partition, in its step execution's context. */
    static final String WORKER = "worker";

    @Bean
    DirectChannel partitionsReceived() {
        return new DirectChannel();
    }

    @Bean
    IntegrationFlow partitionsFromRabbit(DirectChannel partitionsReceived, CachingConnectionFactory remoteConnectionFactory,
                                         SimpleMessageConverter partitionConverter, RemoteProperties remote) {
        // AUTO acknowledges after the step ran in the listener's thread; prefetch 1 leaves the other partitions to the other workers.
        return IntegrationFlow.from(Amqp.inboundAdapter(remoteConnectionFactory, remote.queue())
                        .messageConverter(partitionConverter)
                        .configureContainer(c -> c.acknowledgeMode(AcknowledgeMode.AUTO).prefetchCount(1).concurrentConsumers(1)
                                .defaultRequeueRejected(false)))
                .channel(partitionsReceived).get();
    }

    @Bean(name = RemoteConfiguration.REPORT_PARTITION)
    Step reportPartition(RemotePartitioningWorkerStepBuilderFactory workers, DirectChannel partitionsReceived, JobRepository jobRepository,
                         ReportService reports, RemoteProperties remote) {
        String name = workerName(remote);
        StepExecutionListener signIn = new StepExecutionListener() {
            @Override
            public void beforeStep(StepExecution stepExecution) {
                stepExecution.getExecutionContext().putString(WORKER, name);
                jobRepository.updateExecutionContext(stepExecution);
                logger.info("{}: {} of the reports of {}", name, stepExecution.getStepName(),
                        stepExecution.getJobExecution().getJobParameters().getString("window"));
            }
        };
        // No transaction around the step: each report's archive row is committed as it goes, for a re-run to find.
        return workers.get(RemoteConfiguration.REPORT_PARTITION).inputChannel(partitionsReceived).listener(signIn)
                .tasklet((contribution, chunk) -> {
                    var parameters = chunk.getStepContext().getJobParameters();
                    List<String> codes = Arrays.asList(chunk.getStepContext().getStepExecution().getExecutionContext()
                            .getString(RemoteConfiguration.CODES).split("\n", -1));
                    List<ReportArchive.Entry> entries = reports.renderOnce(RemoteReports.window(parameters), RemoteReports.format(parameters),
                            codes, (String) parameters.get("run"));
                    contribution.incrementWriteCount(entries.size());
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager()).build();
    }

    static String workerName(RemoteProperties remote) {
        if (remote.workerName() != null && !remote.workerName().isBlank()) {
            return remote.workerName();
        }
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "worker-" + ProcessHandle.current().pid();
        }
    }
}
