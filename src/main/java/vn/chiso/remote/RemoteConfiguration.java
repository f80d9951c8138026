package vn.chiso.remote;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.reports.ReportService;

/**
 * Spring Batch remote partitioning over RabbitMQ, when {@code chiso.remote.rabbit} names a broker:
 * the manager side, in every process. A window's reports become one job whose partitions (a few
 * units each) are sent to the queue; {@code ./chiso worker} processes ({@link WorkerConfiguration})
 * take them and run them against the same job repository, which the manager polls for their state
 * rather than waiting for replies that a dead worker would never send. The files of an ingest go the
 * same way ({@link RemoteIngest}). Without a broker none of these beans exist and nothing connects to one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${chiso.remote.rabbit:}'.isBlank()")
@EnableBatchIntegration
class RemoteConfiguration {

    static final String REPORTS_JOB = "reports-remote";
    /** The worker step's name, and its bean's: the workers find it by name in the requests. */
    static final String REPORT_PARTITION = "reportPartition";
    /** A partition's reports: {@link ReportService#reportCodes} joined by newlines. */
    static final String CODES = "codes";

    @Bean(destroyMethod = "destroy")
    CachingConnectionFactory remoteConnectionFactory(RemoteProperties remote) {
        return new CachingConnectionFactory(URI.create(remote.rabbit()));
    }

    /** Durable: requests sent while no worker runs wait for one, and a dead worker's unacknowledged ones are delivered again. */
    @Bean
    Queue partitionQueue(RemoteProperties remote) {
        return new Queue(remote.queue(), true);
    }

    /** The requests are Java-serialised StepExecutionRequests; nothing else is read from the queue. */
    @Bean
    SimpleMessageConverter partitionConverter() {
        SimpleMessageConverter converter = new SimpleMessageConverter();
        converter.setAllowedListPatterns(List.of("org.springframework.batch.integration.partition.StepExecutionRequest", "java.lang.*"));
        return converter;
    }

    @Bean
    DirectChannel partitionRequests() {
        return new DirectChannel();
    }

    @Bean
    IntegrationFlow partitionRequestsToRabbit(DirectChannel partitionRequests, CachingConnectionFactory remoteConnectionFactory,
                                              SimpleMessageConverter partitionConverter, RemoteProperties remote) {
        RabbitTemplate template = new RabbitTemplate(remoteConnectionFactory);
        template.setMessageConverter(partitionConverter);
        return IntegrationFlow.from(partitionRequests).handle(Amqp.outboundAdapter(template).routingKey(remote.queue())).get();
    }

    @Bean
    Job reportsRemoteJob(JobRepository jobRepository, Step reportsManager) {
        return new JobBuilder(REPORTS_JOB, jobRepository).start(reportsManager).build();
    }

    @Bean
    Step reportsManager(RemotePartitioningManagerStepBuilderFactory managers, Partitioner reportPartitioner, DirectChannel partitionRequests,
                        RemoteProperties remote, JdbcTemplate jdbc, JobRepository jobRepository) {
        // Warns in the log when no worker takes the partitions; the archive shows each report as it is rendered.
        PartitionWatch noWorker = new PartitionWatch(jdbc, jobRepository, REPORT_PARTITION, remote, line -> { }, partition -> { });
        return managers.get("reports").partitioner(REPORT_PARTITION, reportPartitioner).outputChannel(partitionRequests)
                .pollInterval(remote.pollInterval().toMillis()).listener(noWorker).build();
    }

    /** The window's reports, the summary first and then the units in the tree's order, a few units to a partition. */
    @Bean
    @StepScope
    Partitioner reportPartitioner(ReportService reports, RemoteProperties remote,
                                  @Value("#{jobParameters}") Map<String, Object> parameters) {
        return gridSize -> {
            List<String> codes = reports.reportCodes(RemoteReports.window(parameters));
            int size = Math.max(1, remote.unitsPerPartition());
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (int from = 0; from < codes.size(); from += size) {
                ExecutionContext context = new ExecutionContext();
                context.putString(CODES, String.join("\n", codes.subList(from, Math.min(codes.size(), from + size))));
                partitions.put("p%04d".formatted(partitions.size()), context);
            }
            return partitions;
        };
    }
}
