package io.orderflow.worker.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * DOWN when a listener container stopped without being asked to: a consumer thread died,
 * for example on an {@link Error} from the listener, or on a fenced or unauthorized
 * consumer. Part of the liveness group, so Kubernetes restarts a worker that no longer
 * consumes.
 */
@Component("kafkaListeners")
class KafkaListenersHealthIndicator implements HealthIndicator {

	private final KafkaListenerEndpointRegistry registry;

	private final Map<String, String> abnormalStops = new ConcurrentHashMap<>();

	KafkaListenersHealthIndicator(KafkaListenerEndpointRegistry registry) {
		this.registry = registry;
	}

	@EventListener
	void onConsumerStopped(ConsumerStoppedEvent event) {
		if (event.getReason() != ConsumerStoppedEvent.Reason.NORMAL) {
			MessageListenerContainer container = event.getContainer(MessageListenerContainer.class);
			// One consumer dying (ERROR, FENCED, AUTH) stops its siblings as ABNORMAL,
			// and
			// their events may come later: keep the cause, not the consequence.
			this.abnormalStops.merge(container.getListenerId(), event.getReason().name(),
					(earlier, later) -> later.equals(ConsumerStoppedEvent.Reason.ABNORMAL.name()) ? earlier : later);
		}
	}

	/** Why the listener's consumers last stopped without being asked to, or null. */
	String lastAbnormalStop(String listenerId) {
		return this.abnormalStops.get(listenerId);
	}

	@Override
	public Health health() {
		Map<String, Object> details = new LinkedHashMap<>();
		boolean healthy = true;
		for (MessageListenerContainer container : this.registry.getListenerContainers()) {
			boolean expected = container.isInExpectedState();
			healthy &= expected;
			Map<String, Object> state = new LinkedHashMap<>();
			state.put("running", container.isRunning());
			state.put("inExpectedState", expected);
			state.put("assignedPartitions",
					(container.getAssignedPartitions() != null) ? container.getAssignedPartitions().size() : 0);
			String stopReason = lastAbnormalStop(container.getListenerId());
			if (stopReason != null) {
				state.put("lastAbnormalStop", stopReason);
			}
			details.put(container.getListenerId(), state);
		}
		return (healthy ? Health.up() : Health.down()).withDetails(details).build();
	}

}
