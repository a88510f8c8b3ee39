package io.orderflow.benchmarks.pipeline;

import java.util.ArrayList;
import java.util.List;

import io.orderflow.benchmarks.Stats;

/**
 * One line of the report's throughput table: a figure in every round, its median, and its
 * ratio to another figure of the same round (the median of the per-round ratios, so a
 * slow round slows both sides of its ratio).
 *
 * @param name what was measured
 * @param load connections, clients or the offered rate
 * @param unit unit of the values
 * @param values the figure in each round
 * @param ratios the figure over {@code ratioTo} in each round; empty for an anchor
 * @param ratioTo what the ratio divides by
 */
record Figure(String name, String load, String unit, List<Double> values, List<Double> ratios, String ratioTo) {

	Figure {
		values = List.copyOf(values);
		ratios = List.copyOf(ratios);
	}

	/** A figure without a ratio: an anchor. */
	static Figure anchor(String name, String load, String unit, List<Double> values) {
		return new Figure(name, load, unit, values, List.of(), "");
	}

	/** A figure with its per-round ratio to {@code denominators}, round by round. */
	static Figure relative(String name, String load, String unit, List<Double> values, List<Double> denominators,
			String ratioTo) {
		if (values.size() != denominators.size()) {
			throw new IllegalArgumentException(
					"A ratio needs one denominator per round: " + values.size() + " vs " + denominators.size());
		}
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			ratios.add(values.get(i) / denominators.get(i));
		}
		return new Figure(name, load, unit, values, ratios, ratioTo);
	}

	double median() {
		return medianOfNumbers(this.values);
	}

	/** NaN when there is no ratio, or no round had one. */
	double ratio() {
		return medianOfNumbers(this.ratios);
	}

	/** The median of the values that are numbers; NaN if none is. */
	static double medianOfNumbers(List<Double> values) {
		return Stats.median(values.stream().filter((value) -> !value.isNaN() && !value.isInfinite()).toList());
	}

}
