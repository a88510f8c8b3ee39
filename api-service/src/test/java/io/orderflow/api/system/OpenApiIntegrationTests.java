package io.orderflow.api.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.orderflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI description documents what the other tests prove: status codes,
 * problem types, headers and authentication.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=orderflow-api", "management.server.port=0" })
class OpenApiIntegrationTests {

	/**
	 * The reviewed description; a deliberate change of the API updates it in the same
	 * commit.
	 */
	private static final String SNAPSHOT = "/openapi/orders-api.json";

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.shared()
			.isolatedSpringProperties()
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@Test
	void submitDocumentsEveryStatusProblemTypeAndHeader() throws Exception {
		JsonNode post = description().get("paths").get("/orders").get("post");

		assertThat(names(post.get("responses"))).containsExactlyInAnyOrder("202", "400", "401", "403", "409", "413",
				"415", "422", "503");
		assertThat(names(post.get("responses").get("202").get("headers"))).contains("Location", "Idempotent-Replayed");
		assertThat(post.get("parameters").toString()).contains("\"name\":\"Idempotency-Key\"", "\"in\":\"header\"");
		for (String status : List.of("400", "401", "403", "409", "413", "415", "422", "503")) {
			assertThat(names(post.get("responses").get(status).get("content"))).as(status)
				.containsExactly("application/problem+json");
		}
		assertThat(post.get("responses").toString()).contains("urn:orderflow:problem:invalid-request",
				"urn:orderflow:problem:unauthorized", "urn:orderflow:problem:forbidden",
				"urn:orderflow:problem:idempotency-key-in-flight", "urn:orderflow:problem:payload-too-large",
				"urn:orderflow:problem:idempotency-key-reused", "urn:orderflow:problem:service-unavailable",
				"urn:orderflow:problem:commit-outcome-unknown");
		assertThat(names(post.get("responses").get("503").get("headers"))).contains("Retry-After");
	}

	@Test
	void readDocumentsNotFoundAndAuthentication() throws Exception {
		JsonNode description = description();
		JsonNode get = description.get("paths").get("/orders/{id}").get("get");

		assertThat(names(get.get("responses"))).containsExactlyInAnyOrder("200", "400", "401", "403", "404", "503");
		assertThat(get.get("responses").get("404").toString()).contains("urn:orderflow:problem:order-not-found");
		JsonNode order = description.get("components").get("schemas").get("OrderView").get("properties");
		assertThat(order.get("status").get("enum").toString()).contains("FAILED");
		assertThat(names(order)).contains("failureReason", "deadLetter");
		JsonNode schemes = description.get("components").get("securitySchemes");
		assertThat(schemes.get("apiKey").get("name").asString()).isEqualTo("X-API-Key");
		assertThat(schemes.get("bearer").get("bearerFormat").asString()).isEqualTo("JWT");
	}

	/**
	 * Compared as JSON trees, so the order of keys does not matter. The served
	 * {@code servers} entry names this test's random port and is left out. On a
	 * difference the served description is written to
	 * {@code target/openapi/orders-api.json}, to diff against the snapshot.
	 */
	@Test
	void descriptionEqualsTheSnapshot() throws Exception {
		ObjectNode served = (ObjectNode) description();
		served.remove("servers");
		JsonNode snapshot;
		try (var in = OpenApiIntegrationTests.class.getResourceAsStream(SNAPSHOT)) {
			assertThat(in).as(SNAPSHOT).isNotNull();
			snapshot = this.json.readTree(in);
		}
		if (!served.equals(snapshot)) {
			Path actual = Path.of(System.getProperty("orderflow.build-dir", "target"), "openapi", "orders-api.json");
			Files.createDirectories(actual.getParent());
			Files.writeString(actual, this.json.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");
		}
		assertThat(served).as("served /v3/api-docs against %s", SNAPSHOT).isEqualTo(snapshot);
	}

	private JsonNode description() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v3/api-docs")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private static List<String> names(JsonNode object) {
		List<String> names = new ArrayList<>();
		object.propertyNames().forEach(names::add);
		return names;
	}

}
