package io.orderflow.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scrape of {@code /actuator/prometheus}, in the Prometheus text format: its samples
 * by name and labels.
 */
record Scrape(String text, List<Sample> samples) {

	private static final Pattern SAMPLE = Pattern
		.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\S+)?$");

	static Scrape of(HttpClient http, String baseUrl) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return parse(response.body());
	}

	static Scrape parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher matcher = SAMPLE.matcher(line.strip());
			if (matcher.matches()) {
				samples.add(new Sample(matcher.group(1), (matcher.group(2) != null) ? matcher.group(2) : "",
						Double.parseDouble(matcher.group(3))));
			}
		}
		return new Scrape(text, samples);
	}

	/** Metric names, as Prometheus stores them. */
	Set<String> names() {
		Set<String> names = new LinkedHashSet<>();
		this.samples.forEach((sample) -> names.add(sample.name()));
		return names;
	}

	/** Whether a sample of {@code name} exists, with {@code label="value"} if given. */
	boolean series(String name, String label, String value) {
		return this.samples.stream().anyMatch((sample) -> sample.matches(name, label, value));
	}

	/** The sum over samples of {@code name}, with {@code label="value"} if given. */
	double sum(String name, String label, String value) {
		return this.samples.stream()
			.filter((sample) -> sample.matches(name, label, value))
			.mapToDouble(Sample::value)
			.sum();
	}

	/** The value of the only sample of {@code name}. */
	double value(String name) {
		List<Sample> found = this.samples.stream().filter((sample) -> sample.name().equals(name)).toList();
		assertThat(found).as(name).hasSize(1);
		return found.get(0).value();
	}

	record Sample(String name, String labels, double value) {

		boolean matches(String name, String label, String value) {
			return this.name.equals(name) && (label == null || this.labels.contains(label + "=\"" + value + "\""));
		}

	}

}
