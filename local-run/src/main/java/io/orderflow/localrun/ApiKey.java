package io.orderflow.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The API key of a local run: {@code ORDERFLOW_API_KEY} when set, otherwise a new random
 * one. It is kept in {@code .orderflow/api-key} (readable by the owner only), where
 * {@code demo} finds it.
 */
final class ApiKey {

	static final String ENVIRONMENT_VARIABLE = "ORDERFLOW_API_KEY";

	private ApiKey() {
	}

	static String forLocalRun(Path workDirectory) {
		String key = configured().orElseGet(ApiKey::generate);
		Path file = file(workDirectory);
		try {
			Files.createDirectories(workDirectory);
			Files.deleteIfExists(file);
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(file, key);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
		return key;
	}

	/** The key a running local stack uses, if any. */
	static Optional<String> find(Path workDirectory) {
		Optional<String> configured = configured();
		if (configured.isPresent()) {
			return configured;
		}
		try {
			Path file = file(workDirectory);
			return Files.exists(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the API key of the local run", ex);
		}
	}

	static Path file(Path workDirectory) {
		return workDirectory.resolve("api-key");
	}

	private static Optional<String> configured() {
		return Optional.ofNullable(System.getenv(ENVIRONMENT_VARIABLE)).filter((key) -> !key.isBlank());
	}

	private static String generate() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
