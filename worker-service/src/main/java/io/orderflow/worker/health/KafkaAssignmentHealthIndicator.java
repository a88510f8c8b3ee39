package io.orderflow.worker.health;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.orderflow.worker.lag.GroupAdmin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Readiness of a worker: every listener container runs and holds partitions. A worker
 * without partitions is still ready when its group has more members than the topic has
 * partitions: it is a standby, and a rollout must not wait for it. Only then is the
 * broker asked (through the worker's one {@link GroupAdmin}), so a steady worker's probe
 * costs nothing.
 */
@Component("kafkaAssignment")
class KafkaAssignmentHealthIndicator implements HealthIndicator {

	private static final long TIMEOUT_SECONDS = 3;

	private final KafkaListenerEndpointRegistry registry;

	private final GroupAdmin admin;

	private final String group;

	KafkaAssignmentHealthIndicator(KafkaListenerEndpointRegistry registry, GroupAdmin admin,
			@Value("${spring.kafka.consumer.group-id}") String group) {
		this.registry = registry;
		this.admin = admin;
		this.group = group;
	}

	@Override
	public Health health() {
		Map<String, Object> details = new LinkedHashMap<>();
		boolean running = true;
		boolean waiting = false;
		for (MessageListenerContainer container : this.registry.getListenerContainers()) {
			Collection<TopicPartition> assigned = container.getAssignedPartitions();
			int partitions = (assigned != null) ? assigned.size() : 0;
			running &= container.isRunning();
			waiting |= container.isRunning() && partitions == 0;
			details.put(container.getListenerId(),
					Map.of("running", container.isRunning(), "assignedPartitions", partitions));
		}
		if (!running) {
			return Health.outOfService()
				.withDetail("reason", "a listener container is not running")
				.withDetails(details)
				.build();
		}
		if (!waiting) {
			return Health.up().withDetails(details).build();
		}
		return standby(details);
	}

	/** A running container without partitions: a standby, or still joining the group. */
	private Health standby(Map<String, Object> details) {
		try {
			ConsumerGroupDescription group = this.admin.admin()
				.describeConsumerGroups(List.of(this.group))
				.describedGroups()
				.get(this.group)
				.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			int members = group.members().size();
			long partitions = group.members()
				.stream()
				.mapToLong((member) -> member.assignment().topicPartitions().size())
				.sum();
			details.put("groupMembers", members);
			details.put("groupPartitions", partitions);
			if (members > partitions && partitions > 0) {
				return Health.up()
					.withDetail("standby", "more group members than partitions")
					.withDetails(details)
					.build();
			}
			return Health.status(Status.OUT_OF_SERVICE)
				.withDetail("reason", "waiting for partitions")
				.withDetails(details)
				.build();
		}
		catch (ExecutionException | TimeoutException | KafkaException ex) {
			return Health.outOfService()
				.withDetail("reason", "waiting for partitions; the group cannot be described: " + ex.getMessage())
				.withDetails(details)
				.build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.outOfService().withDetail("reason", "interrupted").withDetails(details).build();
		}
	}

}
