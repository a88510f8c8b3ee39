package io.orderflow.benchmarks.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class ApiProfileTests {

	@TempDir
	Path directory;

	@Test
	void aRecordingIsSummedUpByThreadAndByPartOfTheStack() throws Exception {
		Path file = this.directory.resolve("profile.jfr");
		try (Recording recording = new Recording()) {
			recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
			recording.start();
			// Long enough for JFR's sampler to start on a machine busy with other tests.
			assertThat(spin(Duration.ofSeconds(3))).isPositive();
			recording.stop();
			recording.dump(file);
		}
		assertThat(file).isRegularFile();

		String summary = ApiProfile.summary(file, Duration.ofSeconds(5));

		assertThat(summary).containsPattern("^[0-9]+ CPU samples; threads: other threads 100 %")
			.containsPattern("samples with a frame of: orderflow's own code [0-9]+ %");
	}

	@Test
	void aRecordingThatNeverCameIsSaidSo() {
		Path missing = this.directory.resolve("missing.jfr");

		assertThat(Files.exists(missing)).isFalse();
		assertThatIOException().isThrownBy(() -> ApiProfile.summary(missing, Duration.ofMillis(300)))
			.withMessageContaining("No JFR recording");
	}

	/** CPU work in this class, so the samples have a frame of orderflow's code. */
	private static double spin(Duration duration) {
		long until = System.nanoTime() + duration.toNanos();
		double sum = 0;
		while (System.nanoTime() < until) {
			sum += Math.sqrt(sum + 1);
		}
		return sum;
	}

}
