package io.orderflow.deployment;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link PropertyNames}: environment variables that Spring binds to the
 * services' properties, and those it would silently ignore.
 */
class PropertyNamesTests {

	private static PropertyNames names;

	@BeforeAll
	static void loadNames() {
		names = PropertyNames.ofServices();
	}

	@Test
	void knowsTheServicesOwnAndSpringBootsProperties() {
		assertThat(names.size()).isGreaterThan(1000);
	}

	@Test
	void bindsAnOrderflowPropertyOfARecordAndRefusesItsMisspelling() {
		assertThat(names.binds("ORDERFLOW_TOPICS_PARTITIONS")).isTrue();
		assertThat(names.binds("ORDERFLOW_TOPICS_PARTITONS")).isFalse();
	}

	@Test
	void bindsAKebabCaseComponentWithItsDashDropped() {
		assertThat(names.binds("ORDERFLOW_CLEANUP_LOCKATMOSTFOR")).isTrue();
		assertThat(names.binds("ORDERFLOW_WORKER_DEADLETTER_MAXRECORDSIZE")).isTrue();
		assertThat(names.binds("ORDERFLOW_CLEANUP_LOCKATMOST")).isFalse();
	}

	@Test
	void bindsAnyKeyBelowAMapComponent() {
		assertThat(names.binds("ORDERFLOW_SECURITY_APIKEYS_DEMO")).isTrue();
		assertThat(names.binds("ORDERFLOW_SECURITY_APIKEYS_BILLING")).isTrue();
		assertThat(names.binds("ORDERFLOW_SECURITY_APIKEY_DEMO")).isFalse();
	}

	@Test
	void bindsSpringBootPropertiesInTheCanonicalAndTheLegacyForm() {
		assertThat(names.binds("SPRING_KAFKA_CONSUMER_GROUPID")).isTrue();
		assertThat(names.binds("SPRING_KAFKA_BOOTSTRAPSERVERS")).isTrue();
		assertThat(names.binds("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isTrue();
		assertThat(names.binds("SPRING_DATASOURCE_URL")).isTrue();
		assertThat(names.binds("SPRING_FLYWAY_ENABLED")).isTrue();
		assertThat(names.binds("MANAGEMENT_SERVER_PORT")).isTrue();
		assertThat(names.binds("SERVER_PORT")).isTrue();
		assertThat(names.binds("SPRING_KAFKA_BOOTSTRAPSERVER")).isFalse();
		assertThat(names.binds("SPRING_DATASOURCE_URI")).isFalse();
	}

	@Test
	void listsTheVariablesThatBindToNothing() {
		assertThat(
				names.unbound(List.of("SPRING_DATASOURCE_URL", "ORDERFLOW_TOPICS_PARTITONS", "SPRNG_FLYWAY_ENABLED")))
			.containsExactly("ORDERFLOW_TOPICS_PARTITONS", "SPRNG_FLYWAY_ENABLED");
	}

}
