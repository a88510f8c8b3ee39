package io.orderflow.api.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.orderflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may submit and read orders: API keys and OAuth2 JWTs, with scopes, over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=orderflow-api", "management.server.port=0",
				"orderflow.security.api-keys.other=" + SecurityIntegrationTests.OTHER_KEY })
@ExtendWith(OutputCaptureExtension.class)
class SecurityIntegrationTests {

	static final String OTHER_KEY = "other-client-key-fedcba9876543210";

	static final KeyPair ISSUER = rsaKeyPair();

	static final String ORDER = """
			{"customerId": "c", "currency": "EUR", "items": [{"sku": "SKU-0001", "quantity": 1, "unitPrice": "1.00"}]}
			""";

	final HttpClient http = HttpClient.newHttpClient();

	final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Value("${local.management.port}")
	int managementPort;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
		TestInfrastructure.shared()
			.isolatedSpringProperties()
			.forEach((name, value) -> registry.add(name, () -> value));
		Path publicKey = Files.createTempFile("issuer", ".pem");
		Files.writeString(publicKey,
				"-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(ISSUER.getPublic().getEncoded())
						+ "\n-----END PUBLIC KEY-----\n");
		registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + publicKey);
	}

	@Test
	void requestsWithoutCredentialsAre401ProblemsAndWriteNothing() throws Exception {
		long orders = count();

		HttpResponse<String> post = send("POST", "/orders", ORDER, Map.of());
		HttpResponse<String> get = send("GET", "/orders/01a20abe-0e56-7e3f-b81d-2c5280f94ab2", null, Map.of());

		for (HttpResponse<String> response : java.util.List.of(post, get)) {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
			assertThat(this.json.readTree(response.body()).get("type").asString())
				.isEqualTo("urn:orderflow:problem:unauthorized");
		}
		assertThat(count()).isEqualTo(orders);
	}

	@Test
	void unknownApiKeyIs401() throws Exception {
		assertThat(send("POST", "/orders", ORDER, Map.of("X-API-Key", "not-a-key-of-anyone-at-all")).statusCode())
			.isEqualTo(401);
	}

	@Test
	void jwtScopesDecideWhatACallerMayDo() throws Exception {
		String writer = bearer(token("alice", "orders:write", ISSUER, Instant.now().plusSeconds(300)));
		String reader = bearer(token("alice", "orders:read", ISSUER, Instant.now().plusSeconds(300)));

		HttpResponse<String> created = send("POST", "/orders", ORDER, Map.of("Authorization", writer));
		assertThat(created.statusCode()).isEqualTo(202);
		String path = created.headers().firstValue("Location").orElseThrow();

		HttpResponse<String> withoutReadScope = send("GET", path, null, Map.of("Authorization", writer));
		assertThat(withoutReadScope.statusCode()).isEqualTo(403);
		assertThat(this.json.readTree(withoutReadScope.body()).get("type").asString())
			.isEqualTo("urn:orderflow:problem:forbidden");
		assertThat(send("POST", "/orders", ORDER, Map.of("Authorization", reader)).statusCode()).isEqualTo(403);
		assertThat(send("GET", path, null, Map.of("Authorization", reader)).statusCode()).isEqualTo(200);
	}

	@Test
	void expiredOrForeignJwtsAre401() throws Exception {
		String expired = token("alice", "orders:write", ISSUER, Instant.now().minusSeconds(300));
		String foreign = token("alice", "orders:write", rsaKeyPair(), Instant.now().plusSeconds(300));

		assertThat(send("POST", "/orders", ORDER, Map.of("Authorization", bearer(expired))).statusCode())
			.isEqualTo(401);
		assertThat(send("POST", "/orders", ORDER, Map.of("Authorization", bearer(foreign))).statusCode())
			.isEqualTo(401);
	}

	@Test
	void callersReadOnlyTheirOwnOrders() throws Exception {
		HttpResponse<String> created = send("POST", "/orders", ORDER,
				Map.of("X-API-Key", TestInfrastructure.TEST_API_KEY));
		String path = created.headers().firstValue("Location").orElseThrow();
		String bob = bearer(token("bob", "orders:read", ISSUER, Instant.now().plusSeconds(300)));

		assertThat(send("GET", path, null, Map.of("X-API-Key", TestInfrastructure.TEST_API_KEY)).statusCode())
			.isEqualTo(200);
		assertThat(send("GET", path, null, Map.of("X-API-Key", OTHER_KEY)).statusCode()).isEqualTo(404);
		assertThat(send("GET", path, null, Map.of("Authorization", bob)).statusCode()).isEqualTo(404);
	}

	@Test
	void managementPortServesOnlyHealthAndPrometheusWithoutCredentials() throws Exception {
		for (String open : java.util.List.of("/actuator/health", "/actuator/health/liveness",
				"/actuator/health/readiness", "/actuator/prometheus")) {
			assertThat(get(this.managementPort, open).statusCode()).as(open).isEqualTo(200);
		}
		for (String closed : java.util.List.of("/actuator/env", "/actuator/configprops", "/actuator/beans",
				"/actuator/heapdump", "/actuator/loggers")) {
			assertThat(get(this.managementPort, closed).statusCode()).as(closed).isEqualTo(401);
			// Not merely protected: not there, even for an authenticated caller.
			assertThat(this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + closed))
					.header("X-API-Key", TestInfrastructure.TEST_API_KEY)
					.build(), HttpResponse.BodyHandlers.ofString())
				.statusCode()).as(closed).isEqualTo(404);
		}
		assertThat(get(this.port, "/actuator/health").statusCode()).as("actuator on the API port").isNotEqualTo(200);
	}

	@Test
	void apiKeysNeverAppearInTheLogs(CapturedOutput output) throws Exception {
		send("POST", "/orders", ORDER, Map.of("X-API-Key", TestInfrastructure.TEST_API_KEY));
		send("POST", "/orders", ORDER, Map.of("X-API-Key", "wrong-key-that-must-not-be-logged"));

		assertThat(output.getAll()).isNotBlank()
			.doesNotContain(TestInfrastructure.TEST_API_KEY)
			.doesNotContain(OTHER_KEY)
			.doesNotContain("wrong-key-that-must-not-be-logged");
	}

	private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private long count() {
		return this.jdbc.sql("select count(*) from orders").query(Long.class).single();
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

	private static String token(String subject, String scope, KeyPair signer, Instant expiry) throws JOSEException {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.claim("scope", scope)
			.issueTime(Date.from(expiry.minusSeconds(600)))
			.expirationTime(Date.from(expiry))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
		jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
		return jwt.serialize();
	}

	private static KeyPair rsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
