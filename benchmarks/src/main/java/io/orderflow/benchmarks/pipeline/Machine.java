package io.orderflow.benchmarks.pipeline;

/**
 * Where and under which durability settings a run measured.
 *
 * @param cores processors available to the JVM
 * @param java the JVM running the benchmark
 * @param os operating system and architecture
 * @param postgres PostgreSQL server version
 * @param database which server: embedded by this run, or the one the environment names
 * @param fsync {@code show fsync}
 * @param synchronousCommit {@code show synchronous_commit}
 * @param kafka Kafka version (clients; the broker of an own stack runs the same)
 * @param pgbench {@code pgbench --version}, or why there is no pgbench figure
 */
record Machine(int cores, String java, String os, String postgres, String database, String fsync,
		String synchronousCommit, String kafka, String pgbench) {

	String durability() {
		return "fsync=" + this.fsync + ", synchronous_commit=" + this.synchronousCommit;
	}

}
