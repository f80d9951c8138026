package vn.chiso.remote;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Remote partitioning ({@code chiso.remote.*}): where the partitions of the heavy jobs go.
 *
 * @param rabbit          the RabbitMQ broker, {@code amqp://user:password@host:5672} ({@code CHISO_RABBIT_URL});
 *                        empty (the default): every job runs in its own process and nothing connects to a broker
 * @param queue           the queue the partitions are sent to; the workers of one deployment share it
 * @param unitsPerPartition how many units' reports one partition renders (an ingest's partition is one file,
 *                        or its reference files together)
 * @param pollInterval    how often the manager reads the job repository for its partitions' state
 * @param workerName      the name a worker records on the partitions it ran (default host-pid)
 * @param noWorkerTimeout how long a manager waits for a worker to take one of its partitions before it
 *                        warns that none did (it goes on waiting)
 */
@ConfigurationProperties("chiso.remote")
public record RemoteProperties(String rabbit, @DefaultValue("chiso.partitions") String queue,
                               @DefaultValue("10") int unitsPerPartition, @DefaultValue("2s") Duration pollInterval,
                               String workerName, @DefaultValue("2m") Duration noWorkerTimeout) {

    public boolean enabled() {
        return rabbit != null && !rabbit.isBlank();
    }

    /** The broker without its password, for messages. */
    public String broker() {
        return enabled() ? rabbit.replaceFirst("//([^:@/]*):[^@/]*@", "//$1:***@") : "";
    }
}
