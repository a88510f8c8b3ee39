package io.orderflow.api.system;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Tags every meter with this replica's name, {@code orderflow.instance-id} (in Kubernetes
 * the pod name, from {@code HOSTNAME}), or {@code api-<pid>} when neither is set. The
 * {@code application} tag comes from {@code management.metrics.tags}.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	@Bean
	MeterRegistryCustomizer<MeterRegistry> instanceTag(@Value("${orderflow.instance-id:}") String instanceId) {
		String instance = StringUtils.hasText(instanceId) ? instanceId : "api-" + ProcessHandle.current().pid();
		return (registry) -> registry.config().commonTags("instance", instance);
	}

}
