package io.orderflow.benchmarks.pipeline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's PNG charts, drawn headless with JFreeChart.
 */
final class Charts {

	static final int WIDTH = 1000;

	static final int HEIGHT = 560;

	private Charts() {
	}

	/** Completions per second of each named phase, over the phase's seconds. */
	static void throughputOverTime(Path file, String title, Map<String, Timeline> phases) {
		Map<String, long[]> perSecond = new LinkedHashMap<>();
		phases.forEach((name, timeline) -> perSecond.put(name, timeline.perSecond()));
		perSecond(file, title, "second of the phase", perSecond);
	}

	/**
	 * Counts per second of each named series: the throughput over time of a phase, or a
	 * drain curve.
	 */
	static void perSecond(Path file, String title, String xLabel, Map<String, long[]> counts) {
		XYSeriesCollection data = new XYSeriesCollection();
		counts.forEach((name, perSecond) -> {
			XYSeries series = new XYSeries(name);
			for (int second = 0; second < perSecond.length; second++) {
				series.add(second + 1, perSecond[second]);
			}
			data.addSeries(series);
		});
		JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, "completed per second", data,
				PlotOrientation.VERTICAL, true, false, false);
		chart.getXYPlot().getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
		styleLines(chart.getXYPlot(), data.getSeriesCount(), true);
		save(chart, file);
	}

	/**
	 * Completions per second of a drain that a worker joined and one left, with each
	 * event shaded from its start to its end.
	 */
	static void joinLeave(Path file, String title, JoinLeave joinLeave) {
		XYSeries series = new XYSeries("completed per second");
		long[] perSecond = joinLeave.perSecond();
		for (int second = 0; second < perSecond.length; second++) {
			// Each count is the second that starts here, so the point sits in its middle.
			series.add(second + 0.5, perSecond[second]);
		}
		XYSeriesCollection data = new XYSeriesCollection(series);
		JFreeChart chart = ChartFactory.createXYLineChart(title, "second since the first completion",
				"completed per second", data, PlotOrientation.VERTICAL, true, false, false);
		XYPlot plot = chart.getXYPlot();
		styleLines(plot, 1, true);
		List<Color> colors = List.of(new Color(60, 160, 60, 70), new Color(200, 60, 60, 70));
		List<JoinLeave.Event> events = joinLeave.events();
		for (int i = 0; i < events.size(); i++) {
			JoinLeave.Event event = events.get(i);
			// A marker needs a width to show: an event shorter than 0.2 s is drawn 0.2 s
			// wide.
			IntervalMarker marker = new IntervalMarker(event.start(), Math.max(event.end(), event.start() + 0.2),
					colors.get(i % colors.size()));
			marker.setLabel(event.name());
			marker.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
			marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
			marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
			plot.addDomainMarker(marker, Layer.BACKGROUND);
		}
		save(chart, file);
	}

	/**
	 * Latency by percentile of each named histogram (microseconds): the x axis is 1/(1 -
	 * percentile) on a log scale, so 10 is p90, 100 is p99 and 1000 is p99.9.
	 */
	static void latencyPercentiles(Path file, String title, Map<String, Histogram> histograms) {
		XYSeriesCollection data = new XYSeriesCollection();
		histograms.forEach((name, histogram) -> data.addSeries(percentileSeries(name, histogram)));
		JFreeChart chart = ChartFactory.createXYLineChart(title, "", "latency (ms)", data, PlotOrientation.VERTICAL,
				true, false, false);
		XYPlot plot = chart.getXYPlot();
		LogAxis axis = new LogAxis("1 / (1 - percentile): 2 = p50, 10 = p90, 100 = p99, 1000 = p99.9");
		axis.setBase(10);
		axis.setSmallestValue(1);
		// One tick per power of ten, labelled 1, 10, 100, ...
		axis.setTickUnit(new NumberTickUnit(1));
		axis.setNumberFormatOverride(new DecimalFormat("0"));
		plot.setDomainAxis(axis);
		styleLines(plot, data.getSeriesCount(), false);
		save(chart, file);
	}

	static XYSeries percentileSeries(String name, Histogram histogram) {
		XYSeries series = new XYSeries(name);
		if (histogram.getTotalCount() == 0) {
			return series;
		}
		for (HistogramIterationValue value : histogram.percentiles(5)) {
			double percentile = value.getPercentileLevelIteratedTo();
			if (percentile >= 100.0) {
				break;
			}
			series.add(1 / (1 - percentile / 100.0),
					histogram.highestEquivalentValue(value.getValueIteratedTo()) / 1000.0);
		}
		return series;
	}

	private static void styleLines(XYPlot plot, int series, boolean shapes) {
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
		for (int i = 0; i < series; i++) {
			renderer.setSeriesStroke(i, new BasicStroke(2f));
		}
		plot.setRenderer(renderer);
		plot.setBackgroundPaint(Color.WHITE);
		plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
		plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
	}

	private static void save(JFreeChart chart, Path file) {
		try {
			ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write chart " + file, ex);
		}
	}

}
