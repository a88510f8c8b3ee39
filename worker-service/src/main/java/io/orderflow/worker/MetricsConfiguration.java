package io.orderflow.worker;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tags every meter with this worker's instance id (the {@code application} tag comes from
 * {@code management.metrics.tags}), so a fleet's series stay apart wherever they are
 * exported.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	@Bean
	MeterRegistryCustomizer<MeterRegistry> instanceTag(WorkerProperties worker) {
		return (registry) -> registry.config().commonTags("instance", worker.instanceId());
	}

}
