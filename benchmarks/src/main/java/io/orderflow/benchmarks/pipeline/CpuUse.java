package io.orderflow.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a phase: the CPU time of each part of the stack
 * (its processes) over the phase, in cores, and the machine's busy time from
 * {@code /proc/stat}. On 2 cores this is the profile that shows whether a figure is
 * limited by the CPU, and by whose.
 */
final class CpuUse {

	private static final Path PROC_STAT = Path.of("/proc/stat");

	private final Map<String, Supplier<Stream<ProcessHandle>>> parts;

	/**
	 * @param parts each part's processes, found again at each snapshot (a restarted
	 * service has a new pid, a database a new backend per connection)
	 */
	CpuUse(Map<String, Supplier<Stream<ProcessHandle>>> parts) {
		this.parts = new LinkedHashMap<>(parts);
	}

	/** CPU seconds so far of each part, and of the machine. */
	Snapshot snapshot() {
		Map<String, Double> seconds = new LinkedHashMap<>();
		this.parts.forEach((name, processes) -> seconds.put(name,
				processes.get().distinct().mapToDouble(CpuUse::cpuSeconds).sum()));
		return new Snapshot(System.nanoTime(), seconds, machineBusySeconds());
	}

	/**
	 * CPU seconds so far of one part; NaN when none of its processes tells.
	 */
	double seconds(String part) {
		double[] known = this.parts.get(part)
			.get()
			.distinct()
			.flatMap((process) -> process.info().totalCpuDuration().stream())
			.mapToDouble((cpu) -> cpu.toNanos() / 1e9)
			.toArray();
		return (known.length == 0) ? Double.NaN : Arrays.stream(known).sum();
	}

	/**
	 * CPU seconds of the parts and of the machine at one moment.
	 *
	 * @param nanos when, on {@link System#nanoTime()}
	 * @param seconds CPU seconds of each part
	 * @param machineBusy the machine's busy CPU seconds since boot; NaN where
	 * {@code /proc/stat} is not
	 */
	record Snapshot(long nanos, Map<String, Double> seconds, double machineBusy) {

		/**
		 * Cores used by each part between {@code earlier} and this, then by the machine.
		 */
		Map<String, Double> coresSince(Snapshot earlier) {
			double wall = (this.nanos - earlier.nanos) / 1e9;
			Map<String, Double> cores = new LinkedHashMap<>();
			this.seconds.forEach((name, now) -> cores.put(name, (now - earlier.seconds.get(name)) / wall));
			cores.put(MACHINE, (this.machineBusy - earlier.machineBusy) / wall);
			return cores;
		}

	}

	static final String MACHINE = "whole machine";

	/** One line: each part's cores, then the machine's out of its cores. */
	static String line(Map<String, Double> cores, int available) {
		StringBuilder text = new StringBuilder();
		cores.forEach((name, used) -> {
			if (!name.equals(MACHINE)) {
				text.append((text.length() > 0) ? ", " : "").append(String.format(Locale.ROOT, "%s %.2f", name, used));
			}
		});
		double machine = cores.getOrDefault(MACHINE, Double.NaN);
		text.append(Double.isNaN(machine) ? ""
				: String.format(Locale.ROOT, "; %s %.2f of %d cores", MACHINE, machine, available));
		return text.toString();
	}

	/** Processes whose command line names {@code text}, such as a data directory. */
	static Stream<ProcessHandle> commandLineContaining(String text) {
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info()
				.arguments()
				.map((arguments) -> Arrays.stream(arguments).anyMatch((argument) -> argument.contains(text)))
				.orElse(false));
	}

	private static double cpuSeconds(ProcessHandle process) {
		return process.info().totalCpuDuration().map((cpu) -> cpu.toNanos() / 1e9).orElse(0.0);
	}

	/** Busy time of all cores since boot (user, nice, system, irq, softirq, steal). */
	static double machineBusySeconds() {
		try {
			return busySeconds(Files.readAllLines(PROC_STAT).get(0));
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	/** The busy seconds of {@code /proc/stat}'s first line (in USER_HZ, 100 a second). */
	static double busySeconds(String cpuLine) {
		String[] fields = cpuLine.trim().split("\\s+");
		if (!fields[0].equals("cpu")) {
			return Double.NaN;
		}
		long busy = 0;
		for (int i : new int[] { 1, 2, 3, 6, 7, 8 }) {
			busy += (i < fields.length) ? Long.parseLong(fields[i]) : 0;
		}
		return busy / 100.0;
	}

}
