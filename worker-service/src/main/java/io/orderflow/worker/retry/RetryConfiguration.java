package io.orderflow.worker.retry;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.worker.dlt.DeadLetters;
import io.orderflow.worker.dlt.DeliveryAttempts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * spring-kafka's {@link DefaultErrorHandler} for the batch listener: a batch that throws
 * {@link TransientFailureException} is retried whole with exponential backoff and jitter,
 * while the consumer stays paused and keeps polling, so a backoff longer than
 * {@code max.poll.interval.ms} causes no rebalance. When the budget is spent, or for any
 * other exception, every record of the batch goes to the recoverer (the dead-letter
 * topic).
 */
@Configuration(proxyBeanMethods = false)
class RetryConfiguration {

	@Bean
	DefaultErrorHandler kafkaErrorHandler(DeadLetters deadLetters, RetryProperties retry, DeliveryAttempts attempts,
			MeterRegistry meters) {
		DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, backOff(retry));
		handler.setClassifications(Map.of(TransientFailureException.class, true), false);
		handler.setRetryListeners(attempts, new RetryReporter(meters));
		return handler;
	}

	static ExponentialBackOff backOff(RetryProperties retry) {
		ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
		backOff.setMaxInterval(retry.maxInterval().toMillis());
		backOff.setJitter(retry.jitter().toMillis());
		backOff.setMaxElapsedTime(retry.maxElapsedTime().toMillis());
		return backOff;
	}

}
