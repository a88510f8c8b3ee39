package io.orderflow.localrun;

import io.orderflow.infrastructure.BindAddress;
import io.orderflow.infrastructure.FreePorts;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the port scheme and validation of {@link LocalStack.Settings}.
 */
class LocalStackSettingsTests {

	private static final Path HOME = Path.of("/tmp/orderflow-home");

	@Test
	void apiReplicasAreAHundredApartWithTheirActuatorAThousandHigherAndWorkersFollowTheFirstApi() {
		LocalStack.Settings settings = new LocalStack.Settings(HOME, 3, 2, 8080, 9092, "127.0.0.1");

		assertThat(List.of(settings.apiPort(1), settings.apiManagementPort(1), settings.apiPort(2),
				settings.apiManagementPort(2)))
			.containsExactly(8080, 9080, 8180, 9180);
		assertThat(List.of(settings.workerPort(1), settings.workerPort(3))).containsExactly(8081, 8083);
		assertThat(settings.workDirectory()).isEqualTo(HOME.resolve(".orderflow"));
	}

	@Test
	void portOffsetsNameEveryServicePortOnce() {
		List<Integer> offsets = LocalStack.Settings.portOffsets(99, 10);

		assertThat(offsets).doesNotHaveDuplicates().hasSize(99 + 2 * 10).contains(0, 99, 900, 1900);
	}

	@Test
	void workersAndApisOutsideThePortSchemeAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings(100, 1))
			.withMessageContaining("--workers must be 1 to 99");
		assertThatIllegalArgumentException().isThrownBy(() -> settings(0, 1)).withMessageContaining("--workers");
		assertThatIllegalArgumentException().isThrownBy(() -> settings(2, 0))
			.withMessageContaining("--apis must be 1 to 10");
		assertThatIllegalArgumentException().isThrownBy(() -> settings(2, 11)).withMessageContaining("--apis");
	}

	@Test
	void anApiPortWhoseSchemeRunsPastTheLastPortIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LocalStack.Settings(HOME, 2, 2, 64500, 9092, "127.0.0.1"))
			.withMessageContaining("their ports go up to 65600");
	}

	@Test
	void anOwnStackUsesFreeLoopbackPortsAndItsOwnInfrastructure() {
		LocalStack.Settings settings = LocalStack.Settings.ownStack(HOME, 3, 2, HOME.resolve(".orderflow-chaos"),
				Map.of("ORDERFLOW_RECONCILE_INTERVAL", "5s"));

		assertThat(LocalStack.Settings.portOffsets(3, 2))
			.allSatisfy((offset) -> assertThat(FreePorts.isFree(settings.apiPort() + offset)).isTrue());
		assertThat(settings.ownInfrastructure()).isTrue();
		assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
		assertThat(settings.withEnvironmentInfrastructure().ownInfrastructure()).isFalse();
	}

	@Test
	void postgresSettingsAndServiceEnvironmentsAreKeptWhenTheEnvironmentsInfrastructureIsAllowed() {
		LocalStack.Settings settings = LocalStack.Settings
			.ownStack(HOME, 1, 1, HOME.resolve(".orderflow-bench"), Map.of("ORDERFLOW_CLEANUP_CRON", "-"))
			.withApiEnvironment(Map.of("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,loggers"))
			.withPostgresConfig(Map.of("fsync", "on", "synchronous_commit", "on"))
			.withEnvironmentInfrastructure();

		assertThat(settings.postgresConfig()).containsOnly(Map.entry("fsync", "on"),
				Map.entry("synchronous_commit", "on"));
		assertThat(settings.apiEnvironment())
			.containsOnly(Map.entry("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,loggers"));
		assertThat(settings.workerEnvironment()).containsOnly(Map.entry("ORDERFLOW_CLEANUP_CRON", "-"));
		LocalStack.Settings plain = LocalStack.Settings.ownStack(HOME, 1, 1, HOME, Map.of());
		assertThat(plain.postgresConfig()).isEmpty();
		assertThat(plain.apiEnvironment()).isEmpty();
	}

	@Test
	void clientsReachAWildcardBindThroughLoopback() {
		assertThat(BindAddress.connectHost("0.0.0.0")).isEqualTo("127.0.0.1");
		assertThat(BindAddress.connectHost("192.0.2.7")).isEqualTo("192.0.2.7");
		assertThat(BindAddress.connectHost("::1")).isEqualTo("[::1]");
	}

	@Test
	void aBindAddressOfAnotherMachineIsRefused() {
		assertThat(BindAddress.requireLocal("127.0.0.1")).isEqualTo("127.0.0.1");
		assertThat(BindAddress.requireLocal("0.0.0.0")).isEqualTo("0.0.0.0");
		// TEST-NET-3 (RFC 5737): never assigned to a real interface.
		assertThatIllegalArgumentException().isThrownBy(() -> BindAddress.requireLocal("203.0.113.77"))
			.withMessageContaining("not an address of this machine");
	}

	private static LocalStack.Settings settings(int workers, int apis) {
		return new LocalStack.Settings(HOME, workers, apis, 8080, 9092, "127.0.0.1");
	}

}
