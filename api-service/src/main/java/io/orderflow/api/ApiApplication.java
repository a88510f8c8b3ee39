package io.orderflow.api;

import java.time.Clock;
import java.util.Arrays;
import java.util.Map;

import io.orderflow.api.schema.SchemaMigration;
import io.orderflow.common.messaging.TopicsConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The api-service: accepts orders over HTTP, stores them and queues them for the workers.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TopicsConfiguration.class)
public class ApiApplication {

	/**
	 * Its own config file name, so api and worker can share one classpath (as in the
	 * system tests).
	 */
	public static final Map<String, Object> DEFAULTS = Map.of("spring.config.name", "orderflow-api");

	/**
	 * Runs the api, or with the first argument {@code migrate} only migrates the schema
	 * and exits (see {@link SchemaMigration}).
	 * @param args {@code migrate}, or none; then Spring arguments
	 */
	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals(SchemaMigration.COMMAND)) {
			System.exit(SchemaMigration.run(Arrays.copyOfRange(args, 1, args.length)));
		}
		application().run(args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	public static SpringApplication application() {
		SpringApplication application = new SpringApplication(ApiApplication.class);
		application.setDefaultProperties(DEFAULTS);
		return application;
	}

}
