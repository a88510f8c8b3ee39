package io.orderflow.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Files of local runs, benchmarks and process tests: the services' executable jars and
 * the work directories they start from empty.
 */
public final class LocalFiles {

	private LocalFiles() {
	}

	/**
	 * The Spring Boot executable jar ({@code *-exec.jar}) in a module's {@code target}
	 * directory.
	 */
	public static Path executableJar(Path target) {
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(
						() -> new IllegalStateException("No executable jar in " + target + ": run ./mvnw package"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("No executable jar in " + target + ": run ./mvnw package", ex);
		}
	}

	/** Deletes {@code directory} and everything in it; nothing if it does not exist. */
	public static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot clean " + directory, ex);
		}
	}

}
