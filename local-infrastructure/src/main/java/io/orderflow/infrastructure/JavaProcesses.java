package io.orderflow.infrastructure;

import java.nio.file.Path;

/**
 * Helpers for starting child JVMs with the same Java that runs this one.
 */
final class JavaProcesses {

	private JavaProcesses() {
	}

	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
