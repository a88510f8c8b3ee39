package io.orderflow.deployment.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderflow.deployment.PropertyNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of docker-compose.yml as a model (parsed with SnakeYAML, no engine): health
 * checks, start-up order, scaling, ports, secrets, and that every environment variable of
 * the api and the workers binds to a real property.
 */
class DockerComposeModelTests {

	/** Services that keep running; {@code migrate} is the one-shot one. */
	private static final Set<String> LONG_RUNNING = Set.of("kafka", "postgres", "api", "worker", "kafka-ui");

	/** Our images: every variable they get must bind to a property. */
	private static final Set<String> ORDERFLOW_SERVICES = Set.of("migrate", "api", "worker");

	/** Variables the JVM reads itself; anything else is a Spring property. */
	private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "TZ");

	private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]+}");

	private static ComposeFile compose;

	@BeforeAll
	static void load() {
		compose = ComposeFile.load();
	}

	@Test
	void runsTheBrokerTheDatabaseTheMigrationTheServicesAndKafkaUi() {
		assertThat(compose.services()).containsOnlyKeys("kafka", "postgres", "migrate", "api", "worker", "kafka-ui");
	}

	@Test
	void everyLongRunningServiceHasAHealthcheckAndOnlyTheOneShotMigrationHasNone() {
		compose.services().forEach((name, service) -> {
			Map<String, Object> healthcheck = ComposeFile.map(service.get("healthcheck"));
			if (LONG_RUNNING.contains(name)) {
				assertThat(ComposeFile.list(healthcheck.get("test"))).as("healthcheck test of %s", name).isNotEmpty();
				assertThat(healthcheck.get("disable")).as("healthcheck of %s", name).isNotEqualTo(true);
			}
			else {
				assertThat(name).isEqualTo("migrate");
				assertThat(healthcheck).as("healthcheck of the one-shot migrate").isEmpty();
			}
		});
	}

	@Test
	void theServicesHealthchecksAskTheirReadinessGroupAsTheChartsProbesDo() {
		for (String name : List.of("api", "worker")) {
			Map<String, Object> healthcheck = ComposeFile.map(compose.service(name).get("healthcheck"));
			assertThat(ComposeFile.list(healthcheck.get("test"))).as("healthcheck test of %s", name)
				.anySatisfy((part) -> assertThat(part).asString().contains("GET /actuator/health/readiness "));
		}
	}

	@Test
	void migrationIsAOneShotRunOfTheApiImageWithMigrate() {
		Map<String, Object> migrate = compose.service("migrate");
		assertThat(migrate.get("image")).isEqualTo(compose.service("api").get("image"));
		assertThat(migrate.get("command")).isEqualTo(List.of("migrate"));
		assertThat(migrate.get("restart")).isEqualTo("no");
		assertThat(compose.environment("migrate")).containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
				"SPRING_DATASOURCE_PASSWORD");
	}

	@Test
	void everyDependencyWaitsForAConditionThatItsServiceCanMeet() {
		compose.services().forEach((name, service) -> {
			Object dependsOn = service.get("depends_on");
			if (dependsOn == null) {
				return;
			}
			assertThat(dependsOn).as("depends_on of %s is a map with conditions, not a list", name)
				.isInstanceOf(Map.class);
			ComposeFile.<Object>map(dependsOn).forEach((dependency, how) -> {
				Object condition = ComposeFile.map(how).get("condition");
				String expected = dependency.equals("migrate") ? "service_completed_successfully" : "service_healthy";
				assertThat(condition).as("%s waits for %s", name, dependency).isEqualTo(expected);
			});
		});
	}

	@Test
	void apiAndWorkersStartAfterTheMigrationOnAHealthyBrokerAndDatabase() {
		for (String service : List.of("api", "worker")) {
			assertThat(ComposeFile.map(compose.service(service).get("depends_on"))).as(service)
				.containsOnlyKeys("kafka", "postgres", "migrate");
		}
		assertThat(ComposeFile.map(compose.service("migrate").get("depends_on"))).containsOnlyKeys("postgres");
	}

	@Test
	void workersRunThreeReplicasWithoutAHostPortSoTheyCanScale() {
		Map<String, Object> worker = compose.service("worker");
		assertThat(ComposeFile.map(worker.get("deploy")).get("replicas")).isEqualTo(3);
		assertThat(ComposeFile.list(worker.get("ports"))).isEmpty();
		assertThat(worker).doesNotContainKey("container_name");
	}

	@Test
	void hostPortsDoNotCollideAndListenOnLoopbackOnly() {
		List<String> hostPorts = new ArrayList<>();
		compose.services().forEach((name, service) -> {
			for (Object port : ComposeFile.list(service.get("ports"))) {
				String[] parts = String.valueOf(port).split(":");
				assertThat(parts).as("port %s of %s is host-ip:host-port:container-port", port, name).hasSize(3);
				assertThat(parts[0]).as("host address of port %s of %s", port, name).isEqualTo("127.0.0.1");
				hostPorts.add(parts[1]);
			}
		});
		assertThat(hostPorts).contains("8080", "9080", "9092", "8088").doesNotHaveDuplicates();
	}

	@Test
	void apiKeyIsNotWrittenInTheFileButRequiredFromTheEnvironment() {
		Map<String, String> api = compose.environment("api");
		assertThat(api).containsKey("ORDERFLOW_SECURITY_APIKEYS_DEMO");
		api.forEach((name, value) -> {
			if (name.startsWith("ORDERFLOW_SECURITY_APIKEYS_")) {
				Matcher required = REQUIRED_VARIABLE.matcher(value);
				assertThat(required.matches()).as("%s is ${VARIABLE:?message}, not a key: %s", name, value).isTrue();
				assertThat(required.group(1)).isEqualTo("ORDERFLOW_API_KEY");
			}
		});
		assertThat(compose.environment("worker")).doesNotContainKey("ORDERFLOW_SECURITY_APIKEYS_DEMO");
	}

	@Test
	void apiAndWorkersLeaveTheMigrationToTheOneShotService() {
		assertThat(compose.environment("api")).containsEntry("SPRING_FLYWAY_ENABLED", "false");
		assertThat(compose.environment("worker")).containsEntry("SPRING_FLYWAY_ENABLED", "false");
	}

	@Test
	void everyVariableOfOurServicesBindsToARealProperty() {
		PropertyNames names = PropertyNames.ofServices();
		for (String service : ORDERFLOW_SERVICES) {
			List<String> variables = compose.environment(service)
				.keySet()
				.stream()
				.filter((variable) -> !JVM_VARIABLES.contains(variable))
				.toList();
			assertThat(variables).as(service).isNotEmpty();
			assertThat(names.unbound(variables)).as("variables of %s that bind to no property", service).isEmpty();
		}
	}

	@Test
	void servicesAndKafkaUiReachTheBrokerOnItsAdvertisedInternalListener() {
		String advertised = compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS");
		for (String service : List.of("api", "worker")) {
			String bootstrap = compose.environment(service).get("SPRING_KAFKA_BOOTSTRAPSERVERS");
			assertThat(advertised).as("advertised listeners").contains("://" + bootstrap);
		}
		assertThat(advertised)
			.contains("://" + compose.environment("kafka-ui").get("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS"))
			.contains("://localhost:9092");
	}

	@Test
	void singleBrokerReplicatesItsInternalTopicsOnce() {
		assertThat(compose.environment("kafka")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
			.containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
			.containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
			.containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
			.containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
			.containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
	}

	@Test
	void imagesAreTheOnesTheJibBuildTagsByDefault() throws IOException {
		String pom = Files.readString(ComposeFile.home().resolve("pom.xml"));
		Matcher version = Pattern.compile("<artifactId>orderflow-parent</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(pom);
		assertThat(version.find()).as("the root pom's version").isTrue();
		String tag = "${ORDERFLOW_IMAGE_TAG:-" + version.group(1) + "}";
		assertThat(compose.service("api").get("image"))
			.isEqualTo("${ORDERFLOW_IMAGE_REGISTRY:-orderflow}/orderflow-api:" + tag);
		assertThat(compose.service("worker").get("image"))
			.isEqualTo("${ORDERFLOW_IMAGE_REGISTRY:-orderflow}/orderflow-worker:" + tag);
		assertThat(pom).contains("<image.registry>orderflow</image.registry>");
	}

	@Test
	void envExampleLeavesTheApiKeyToFillInAndGitIgnoresDotEnv() throws IOException {
		List<String> example = Files.readAllLines(ComposeFile.home().resolve(".env.example"));
		assertThat(example).contains("ORDERFLOW_API_KEY=");
		assertThat(Files.readAllLines(ComposeFile.home().resolve(".gitignore"))).contains(".env");
	}

}
