package io.orderflow.worker.dlt;

import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.common.messaging.DeadLetterHeaders;
import io.orderflow.common.messaging.TopicsProperties;
import io.orderflow.worker.WorkerProperties;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * The dead-letter publishing setup: records go to {@code <topic>-dlt}, same partition,
 * with the original key, bytes and headers, spring-kafka's {@code kafka_dlt-*}
 * diagnostics (size-capped), and orderflow's attempts and worker headers; each within the
 * topic's record size limit.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

	@Bean
	DeliveryAttempts deliveryAttempts() {
		return new DeliveryAttempts();
	}

	@Bean
	PublishedDeadLetters publishedDeadLetters() {
		return new PublishedDeadLetters();
	}

	@Bean
	DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaTemplate<Object, Object> template,
			TopicsProperties topics, DeadLetterProperties limits, WorkerProperties worker, DeliveryAttempts attempts,
			PublishedDeadLetters published) {
		DeadLetterPublishingRecoverer recoverer = new OrderDeadLetterRecoverer(template, topics.ordersDeadLetter(),
				new DeadLetterSizeLimit((int) limits.maxRecordSize().toBytes()), published);
		recoverer.setExceptionHeadersCreator(new BoundedExceptionHeaders((int) limits.maxMessageSize().toBytes(),
				(int) limits.maxStackTraceSize().toBytes()));
		recoverer.addHeadersFunction((record, exception) -> {
			RecordHeaders headers = new RecordHeaders();
			headers.add(DeadLetterHeaders.ATTEMPTS,
					Integer.toString(attempts.of(record)).getBytes(StandardCharsets.UTF_8));
			headers.add(DeadLetterHeaders.WORKER, worker.instanceId().getBytes(StandardCharsets.UTF_8));
			return headers;
		});
		return recoverer;
	}

	@Bean
	DeadLetters deadLetters(DeadLetterPublishingRecoverer recoverer, PublishedDeadLetters published,
			MeterRegistry meters) {
		return new DeadLetters(recoverer, published, meters);
	}

	@Bean
	DeadLetterTopicCheck deadLetterTopicCheck(KafkaAdmin admin, KafkaTemplate<Object, Object> template,
			TopicsProperties topics) {
		return new DeadLetterTopicCheck(admin, template, topics);
	}

}
