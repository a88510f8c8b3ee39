package io.orderflow.deployment.compose;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests of docker-compose.yml with {@code docker-compose config} (Debian's docker-compose
 * 1.29, which validates and interpolates the file without an engine). Skipped where the
 * command is missing; {@code .ci/run} installs it.
 */
class DockerComposeConfigTests {

	private static final String COMMAND = "docker-compose";

	private static final String API_KEY = "test-key-0123456789abcdef";

	@TempDir
	Path directory;

	@BeforeAll
	static void requireDockerCompose() {
		assumeTrue(onPath(COMMAND), COMMAND + " is not installed (Debian: apt-get install docker-compose)");
	}

	@Test
	void isValidWithTheApiKeyFromDotEnvAndPassesTheKeyToTheApiOnly() throws Exception {
		Result result = config("ORDERFLOW_API_KEY=" + API_KEY + "\n");
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("ORDERFLOW_SECURITY_APIKEYS_DEMO: " + API_KEY)
			.containsOnlyOnce(API_KEY)
			.contains("orderflow/orderflow-api:")
			.contains("orderflow/orderflow-worker:");
	}

	@Test
	void failsNamingTheApiKeyWhenItIsNotSet() throws Exception {
		Result result = config("");
		assertThat(result.exitCode()).as(result.output()).isNotZero();
		assertThat(result.output()).contains("set ORDERFLOW_API_KEY in .env");
	}

	@Test
	void failsNamingTheApiKeyWithEnvExampleCopiedAsItIs() throws Exception {
		Result result = config(Files.readString(ComposeFile.home().resolve(".env.example")));
		assertThat(result.exitCode()).as(result.output()).isNotZero();
		assertThat(result.output()).contains("set ORDERFLOW_API_KEY in .env");
	}

	/**
	 * Runs {@code docker-compose config} on the repository's file with this {@code .env}
	 * and an environment without any of the file's variables.
	 */
	private Result config(String dotEnv) throws IOException, InterruptedException {
		Path envFile = this.directory.resolve(".env");
		Files.writeString(envFile, dotEnv);
		List<String> command = new ArrayList<>(
				List.of(COMMAND, "--env-file", envFile.toString(), "-f", ComposeFile.path().toString(), "config"));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true);
		Map<String, String> environment = builder.environment();
		environment.keySet()
			.removeIf((name) -> name.startsWith("ORDERFLOW_") || name.startsWith("POSTGRES_")
					|| name.startsWith("COMPOSE_") || name.startsWith("DOCKER_"));
		Process process = builder.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("docker-compose config finished").isTrue();
		return new Result(process.exitValue(), output);
	}

	private static boolean onPath(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(directory, command))) {
				return true;
			}
		}
		return false;
	}

	private record Result(int exitCode, String output) {
	}

}
