package io.orderflow.worker.dlt;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.SendResult;

/**
 * spring-kafka's recoverer, with each dead letter fitted to the topic's size limit and
 * its position on the dead-letter topic remembered, for the order's failure record and so
 * that no record is dead-lettered twice by this worker.
 */
class OrderDeadLetterRecoverer extends DeadLetterPublishingRecoverer {

	private final DeadLetterSizeLimit sizeLimit;

	private final PublishedDeadLetters published;

	OrderDeadLetterRecoverer(KafkaOperations<?, ?> template, String deadLetterTopic, DeadLetterSizeLimit sizeLimit,
			PublishedDeadLetters published) {
		super(template, (record, exception) -> new TopicPartition(deadLetterTopic, record.partition()));
		this.sizeLimit = sizeLimit;
		this.published = published;
	}

	@Override
	protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
			TopicPartition topicPartition, Headers headers, byte[] key, byte[] value) {
		return this.sizeLimit.fit(super.createProducerRecord(record, topicPartition, headers, key, value), record);
	}

	@Override
	protected void verifySendResult(KafkaOperations<Object, Object> kafkaTemplate,
			ProducerRecord<Object, Object> outRecord, CompletableFuture<SendResult<Object, Object>> sendResult,
			ConsumerRecord<?, ?> inRecord) {
		super.verifySendResult(kafkaTemplate, outRecord, sendResult, inRecord);
		// Returned normally: the broker acknowledged it, so the result is there.
		SendResult<Object, Object> result = sendResult.getNow(null);
		if (result != null) {
			RecordMetadata metadata = result.getRecordMetadata();
			this.published.remember(inRecord, metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset());
		}
	}

}
