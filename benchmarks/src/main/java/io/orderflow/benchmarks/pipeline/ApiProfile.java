package io.orderflow.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of the api during one phase ({@code jcmd JFR.start}, the
 * {@code profile} settings), summed up in one line: which threads the CPU samples fell
 * in, and how many samples have a frame of each part of the stack. Needs {@code jcmd},
 * which a JDK has and a JRE does not.
 */
final class ApiProfile {

	/** Thread name prefixes, as the api names its threads. */
	private static final Map<String, String> THREADS = linked("http-nio", "HTTP request threads", "order-intake",
			"group-commit writers", "outbox-relay", "outbox relay", "kafka-producer", "Kafka producer");

	/** Package prefixes of the parts of the stack. */
	private static final Map<String, String> PARTS = linked("org.springframework.web", "Spring MVC",
			"org.springframework.security", "Spring Security", "org.apache.catalina", "Tomcat", "org.apache.coyote",
			"Tomcat", "org.apache.tomcat", "Tomcat", "org.apache.kafka", "Kafka client", "io.micrometer", "Micrometer",
			"tools.jackson", "Jackson", "org.hibernate.validator", "Bean Validation", "org.postgresql",
			"PostgreSQL driver", "ch.qos.logback", "Logback", "io.orderflow", "orderflow's own code");

	private final Path jcmd;

	private ApiProfile(Path jcmd) {
		this.jcmd = jcmd;
	}

	/** Empty where this Java has no {@code jcmd}. */
	static Optional<ApiProfile> find() {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		return Files.isExecutable(jcmd) ? Optional.of(new ApiProfile(jcmd)) : Optional.empty();
	}

	/** Starts a recording of {@code pid} for {@code duration} into {@code file}. */
	void start(long pid, Duration duration, Path file) throws IOException, InterruptedException {
		Files.deleteIfExists(file);
		Process process = new ProcessBuilder(this.jcmd.toString(), Long.toString(pid), "JFR.start",
				"name=orderflow-bench", "settings=profile", "duration=" + duration.toSeconds() + "s",
				"filename=" + file.toAbsolutePath())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IOException("jcmd " + pid + " JFR.start failed");
		}
	}

	/**
	 * The recording's summary, once JFR has written it (it writes when the duration
	 * ends).
	 */
	static String summary(Path file, Duration wait) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (!Files.isRegularFile(file) || Files.size(file) == 0) {
			if (System.nanoTime() > deadline) {
				throw new IOException("No JFR recording at " + file);
			}
			Thread.sleep(200);
		}
		// JFR renames the finished file into place; a moment more lets it close.
		Thread.sleep(500);
		return summary(RecordingFile.readAllEvents(file));
	}

	static String summary(List<RecordedEvent> events) {
		Map<String, Integer> threads = new LinkedHashMap<>();
		Map<String, Integer> parts = new LinkedHashMap<>();
		PARTS.values().forEach((part) -> parts.putIfAbsent(part, 0));
		int samples = 0;
		for (RecordedEvent event : events) {
			if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
				continue;
			}
			samples++;
			String thread = (event.getThread("sampledThread") != null) ? event.getThread("sampledThread").getJavaName()
					: "";
			threads.merge(group(thread), 1, Integer::sum);
			for (String part : partsIn(event.getStackTrace().getFrames())) {
				parts.merge(part, 1, Integer::sum);
			}
		}
		if (samples == 0) {
			return "no CPU samples";
		}
		return "%d CPU samples; threads: %s; samples with a frame of: %s".formatted(samples,
				percentages(threads, samples), percentages(parts, samples));
	}

	private static String group(String thread) {
		return THREADS.entrySet()
			.stream()
			.filter((entry) -> thread != null && thread.startsWith(entry.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse("other threads");
	}

	private static List<String> partsIn(List<RecordedFrame> frames) {
		return PARTS.entrySet()
			.stream()
			.filter((entry) -> frames.stream()
				.anyMatch((frame) -> frame.getMethod() != null
						&& frame.getMethod().getType().getName().startsWith(entry.getKey())))
			.map(Map.Entry::getValue)
			.distinct()
			.toList();
	}

	private static String percentages(Map<String, Integer> counts, int samples) {
		return String.join(", ",
				counts.entrySet()
					.stream()
					.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
					.map((entry) -> String.format(Locale.ROOT, "%s %.0f %%", entry.getKey(),
							100.0 * entry.getValue() / samples))
					.toList());
	}

	private static Map<String, String> linked(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

}
