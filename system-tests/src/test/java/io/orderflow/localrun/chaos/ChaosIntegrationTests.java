package io.orderflow.localrun.chaos;

import io.orderflow.testsupport.TestInfrastructure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration test for {@link ChaosRun}: a short {@code ./orderflow chaos} run on the
 * built service jars injects every kind of fault and finds no violation.
 */
class ChaosIntegrationTests {

	/**
	 * Long enough for both outages and a handful of worker kills, short enough for CI.
	 */
	private static final Duration DURATION = Duration.ofSeconds(100);

	@Test
	void aShortChaosRunInjectsEveryFaultAndLosesNothing() throws InterruptedException {
		Path home = Path.of(System.getProperty("orderflow.home", "..")).toAbsolutePath().normalize();
		ChaosSettings settings = new ChaosSettings(DURATION, 20261201L, 3, 2, ChaosSettings.DEFAULT_ORDERS_PER_SECOND);

		ChaosReport report = new ChaosRun(home,
				TestInfrastructure.workDirectory().resolve("chaos-" + UUID.randomUUID()), settings, System.out)
			.run();
		report.print(System.out);

		assertThat(report.invariants()).isNotEmpty()
			.allSatisfy((invariant) -> assertThat(invariant.violations())
				.as("%s, e.g. %s", invariant.name(), invariant.examples())
				.isZero());
		assertThat(report.passed()).isTrue();
		assertThat(report.injected()).as("faults injected per kind")
			.containsOnlyKeys(Fault.FaultKind.values())
			.allSatisfy((kind, count) -> assertThat(count).as(kind.label()).isPositive());
		assertThat(report.result().poisonRecords()).isEqualTo(PoisonRecord.values().length);
		assertThat(report.ordersSubmitted()).isGreaterThan(500);
	}

}
