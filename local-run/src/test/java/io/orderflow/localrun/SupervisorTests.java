package io.orderflow.localrun;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how {@link Supervisor} describes exits and delays in its lines.
 */
class SupervisorTests {

	@Test
	void anExitBySignalNamesTheSignal() {
		assertThat(Supervisor.describeExit(137)).isEqualTo("137 (SIGKILL)");
		assertThat(Supervisor.describeExit(143)).isEqualTo("143 (SIGTERM)");
		assertThat(Supervisor.describeExit(134)).isEqualTo("134 (SIGABRT)");
		assertThat(Supervisor.describeExit(135)).isEqualTo("135 (signal 7)");
	}

	@Test
	void anOrdinaryExitCodeIsShownAsItIs() {
		assertThat(Supervisor.describeExit(1)).isEqualTo("1");
		assertThat(Supervisor.describeExit(0)).isEqualTo("0");
		assertThat(Supervisor.describeExit(128)).isEqualTo("128");
	}

	@Test
	void delaysAreShownInSeconds() {
		assertThat(Supervisor.seconds(Duration.ofSeconds(4))).isEqualTo("4 s");
		assertThat(Supervisor.seconds(Duration.ofMillis(12_340))).isEqualTo("12.3 s");
	}

}
