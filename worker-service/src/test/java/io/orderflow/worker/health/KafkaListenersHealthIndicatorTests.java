package io.orderflow.worker.health;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent.Reason;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaListenersHealthIndicator}'s record of why consumers stopped.
 */
class KafkaListenersHealthIndicatorTests {

	private final KafkaListenersHealthIndicator indicator = new KafkaListenersHealthIndicator(
			new KafkaListenerEndpointRegistry());

	private final KafkaMessageListenerContainer<String, String> container = new KafkaMessageListenerContainer<>(
			new DefaultKafkaConsumerFactory<>(Map.of()), new ContainerProperties("orders"));

	KafkaListenersHealthIndicatorTests() {
		this.container.setBeanName("orders");
	}

	@Test
	void siblingsStoppedAfterAnErrorKeepTheErrorAsTheReason() {
		stopped(Reason.ERROR);
		stopped(Reason.ABNORMAL);
		stopped(Reason.ABNORMAL);

		assertThat(this.indicator.lastAbnormalStop("orders")).isEqualTo("ERROR");
	}

	@Test
	void aLaterCauseReplacesAnEarlierOne() {
		stopped(Reason.ABNORMAL);
		stopped(Reason.FENCED);

		assertThat(this.indicator.lastAbnormalStop("orders")).isEqualTo("FENCED");
	}

	@Test
	void aNormalStopIsNotRecorded() {
		stopped(Reason.NORMAL);

		assertThat(this.indicator.lastAbnormalStop("orders")).isNull();
	}

	private void stopped(Reason reason) {
		this.indicator.onConsumerStopped(new ConsumerStoppedEvent(this, this.container, reason));
	}

}
