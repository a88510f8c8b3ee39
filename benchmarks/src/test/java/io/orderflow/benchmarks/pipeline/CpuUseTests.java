package io.orderflow.benchmarks.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuUseTests {

	@Test
	void busySecondsAddUserNiceSystemIrqSoftirqAndStealButNotIdleOrIowait() {
		// user nice system idle iowait irq softirq steal, in hundredths of a second
		assertThat(CpuUse.busySeconds("cpu  1000 20 300 90000 400 5 6 7 0 0")).isEqualTo(13.38);
		assertThat(CpuUse.busySeconds("cpu0 1000 20 300 90000 400 5 6 7")).isNaN();
	}

	@Test
	void coresAreCpuSecondsOverTheWallTimeBetweenTwoSnapshots() {
		Map<String, Double> before = new LinkedHashMap<>(Map.of("api", 10.0));
		Map<String, Double> after = new LinkedHashMap<>(Map.of("api", 13.0));
		CpuUse.Snapshot first = new CpuUse.Snapshot(0, before, 100.0);
		CpuUse.Snapshot second = new CpuUse.Snapshot(2_000_000_000L, after, 103.8);

		Map<String, Double> cores = second.coresSince(first);

		assertThat(cores.get("api")).isEqualTo(1.5);
		assertThat(cores.get(CpuUse.MACHINE)).isCloseTo(1.9, within(1e-9));
		assertThat(CpuUse.line(cores, 2)).isEqualTo("api 1.50; whole machine 1.90 of 2 cores");
	}

	@Test
	void thisProcessUsesCpuTimeThatASnapshotSees() {
		CpuUse cpu = new CpuUse(Map.of("this", () -> Stream.of(ProcessHandle.current())));

		assertThat(cpu.snapshot().seconds().get("this")).isPositive();
	}

	@Test
	void onePartsCpuTimeIsReadAloneAndIsNotANumberWithoutProcesses() {
		CpuUse cpu = new CpuUse(
				Map.of("this", () -> Stream.of(ProcessHandle.current()), "gone", () -> Stream.<ProcessHandle>empty()));

		assertThat(cpu.seconds("this")).isPositive();
		assertThat(cpu.seconds("gone")).isNaN();
	}

}
