package io.orderflow.benchmarks.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One logger's level in the running api, through its actuator {@code loggers} endpoint.
 * The api exposes only health and Prometheus; the bench's own api is started with
 * {@link #EXPOSURE}, and the endpoint takes the stack's API key like any other request.
 */
final class ApiLoggers {

	/** The management exposure of the bench's api: its defaults and the loggers. */
	static final String EXPOSURE = "health,prometheus,loggers";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final String endpoint;

	private final String apiKey;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final JsonMapper json = JsonMapper.builder().build();

	ApiLoggers(String managementUrl, String apiKey) {
		this.endpoint = managementUrl + "/actuator/loggers/";
		this.apiKey = apiKey;
	}

	/**
	 * Sets {@code logger} to {@code level}, or back to the level it inherits when
	 * {@code level} is null, and checks that the api now reports it.
	 */
	void set(String logger, String level) throws InterruptedException {
		String body = this.json.writeValueAsString(Collections.singletonMap("configuredLevel", level));
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.endpoint + logger))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)), logger);
		if (response.statusCode() != 204) {
			throw new IllegalStateException("Cannot set the api's logger " + logger + " to " + level + ": HTTP "
					+ response.statusCode() + " " + response.body());
		}
		String configured = configuredLevel(logger);
		if (!Objects.equals(configured, level)) {
			throw new IllegalStateException(
					"The api's logger " + logger + " is configured at " + configured + ", not " + level);
		}
	}

	/** The level set on {@code logger} itself; null when it inherits one. */
	String configuredLevel(String logger) throws InterruptedException {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.endpoint + logger)).GET(), logger);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Cannot read the api's logger " + logger + ": HTTP " + response.statusCode()
					+ " " + response.body());
		}
		try {
			JsonNode level = this.json.readTree(response.body()).path("configuredLevel");
			return (level.isNull() || level.isMissingNode()) ? null : level.asString();
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("Not a logger description: " + response.body(), ex);
		}
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String logger) throws InterruptedException {
		try {
			return this.http.send(request.timeout(TIMEOUT).header("X-API-Key", this.apiKey).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot reach the api's loggers endpoint for " + logger, ex);
		}
	}

}
