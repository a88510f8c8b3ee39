package io.orderflow.worker.dlt;

import java.util.Map;

import io.orderflow.common.messaging.TopicsProperties;
import org.apache.kafka.clients.admin.TopicDescription;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Refuses to start the worker when the dead-letter topic has fewer partitions than the
 * orders topic: a dead letter goes to its original partition number, which would not
 * exist. Runs after the topics are declared and before the listener containers start.
 * Asking the dead-letter producer for the partitions also creates it, so a producer
 * misconfiguration fails here, not at the first dead letter.
 */
class DeadLetterTopicCheck implements SmartLifecycle {

	private final KafkaAdmin admin;

	private final KafkaTemplate<Object, Object> deadLetterTemplate;

	private final TopicsProperties topics;

	private volatile boolean running;

	DeadLetterTopicCheck(KafkaAdmin admin, KafkaTemplate<Object, Object> deadLetterTemplate, TopicsProperties topics) {
		this.admin = admin;
		this.deadLetterTemplate = deadLetterTemplate;
		this.topics = topics;
	}

	@Override
	public void start() {
		Map<String, TopicDescription> found = this.admin.describeTopics(this.topics.orders());
		int orders = found.get(this.topics.orders()).partitions().size();
		int deadLetters = this.deadLetterTemplate.partitionsFor(this.topics.ordersDeadLetter()).size();
		if (deadLetters < orders) {
			throw new IllegalStateException("Dead-letter topic '" + this.topics.ordersDeadLetter() + "' has "
					+ deadLetters + " partitions but '" + this.topics.orders() + "' has " + orders
					+ ". Dead letters keep their partition number, so it needs at least " + orders
					+ ": kafka-topics.sh --alter --topic " + this.topics.ordersDeadLetter() + " --partitions "
					+ orders);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Before the listener containers (phase {@code Integer.MAX_VALUE - 100}). */
	@Override
	public int getPhase() {
		return 0;
	}

}
