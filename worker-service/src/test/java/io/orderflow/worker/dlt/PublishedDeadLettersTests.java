package io.orderflow.worker.dlt;

import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PublishedDeadLetters} as {@link DeadLetters} uses it: a record is
 * dead-lettered once, however often its batch is retried.
 */
class PublishedDeadLettersTests {

	@Test
	void recordOfARetriedBatchIsNotDeadLetteredTwice() {
		PublishedDeadLetters published = new PublishedDeadLetters();
		CountingRecoverer recoverer = new CountingRecoverer(published);
		DeadLetters deadLetters = new DeadLetters(recoverer, published, new SimpleMeterRegistry());
		ConsumerRecord<String, byte[]> first = new ConsumerRecord<>("orders", 1, 10L, "a", new byte[0]);
		ConsumerRecord<String, byte[]> second = new ConsumerRecord<>("orders", 1, 11L, "b", new byte[0]);

		String firstLetter = deadLetters.publish(first, null, new IllegalStateException("bad"));
		deadLetters.publish(second, null, new IllegalStateException("bad"));
		String again = deadLetters.publish(first, null, new IllegalStateException("bad"));

		assertThat(recoverer.sends).isEqualTo(2);
		assertThat(again).isEqualTo(firstLetter).isEqualTo("orders-dlt-1@1");
	}

	/**
	 * Sends nothing; records where each letter would have gone, as the real recoverer
	 * does.
	 */
	private static final class CountingRecoverer extends DeadLetterPublishingRecoverer {

		private final PublishedDeadLetters published;

		private int sends;

		CountingRecoverer(PublishedDeadLetters published) {
			super(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of())));
			this.published = published;
		}

		@Override
		public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
			this.sends++;
			this.published.remember(record, "orders-dlt-" + record.partition() + "@" + this.sends);
		}

	}

}
