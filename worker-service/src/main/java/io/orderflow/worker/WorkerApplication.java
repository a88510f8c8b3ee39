package io.orderflow.worker;

import java.util.Map;

import io.orderflow.common.messaging.TopicsConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The worker-service: consumes order ids from Kafka and processes the orders.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TopicsConfiguration.class)
public class WorkerApplication {

	/**
	 * Its own config file name, so api and worker can share one classpath (as in the
	 * system tests).
	 */
	public static final Map<String, Object> DEFAULTS = Map.of("spring.config.name", "orderflow-worker");

	public static void main(String[] args) {
		application().run(args);
	}

	public static SpringApplication application() {
		SpringApplication application = new SpringApplication(WorkerApplication.class);
		application.setDefaultProperties(DEFAULTS);
		return application;
	}

}
