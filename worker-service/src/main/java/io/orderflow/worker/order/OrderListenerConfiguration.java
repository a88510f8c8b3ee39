package io.orderflow.worker.order;

import io.orderflow.worker.WorkerProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Listener container settings that Spring Boot has no property for.
 */
@Configuration(proxyBeanMethods = false)
class OrderListenerConfiguration {

	/**
	 * On shutdown a consumer finishes the batch it holds, commits and leaves the group,
	 * within this time.
	 */
	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> shutdownTimeout(
			WorkerProperties worker) {
		return (container) -> container.getContainerProperties()
			.setShutdownTimeout(worker.shutdownTimeout().toMillis());
	}

}
