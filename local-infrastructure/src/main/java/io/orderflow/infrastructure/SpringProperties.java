package io.orderflow.infrastructure;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Spring properties handed to an application started from here: as a child process's
 * environment or as command-line arguments.
 */
public final class SpringProperties {

	private SpringProperties() {
	}

	/**
	 * Spring properties as environment variables for a child process, in Spring's relaxed
	 * form: {@code spring.kafka.consumer.group-id} becomes
	 * {@code SPRING_KAFKA_CONSUMER_GROUPID}.
	 */
	public static Map<String, String> asEnvironment(Map<String, String> springProperties) {
		Map<String, String> environment = new LinkedHashMap<>();
		springProperties.forEach((name, value) -> environment
			.put(name.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", ""), value));
		return environment;
	}

	/**
	 * Spring properties as command-line arguments ({@code --name=value}), which outrank
	 * environment variables such as {@code SPRING_DATASOURCE_URL}.
	 */
	public static String[] asArguments(Map<String, String> springProperties) {
		return springProperties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
	}

}
