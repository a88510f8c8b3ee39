package io.orderflow.benchmarks.outbox;

/**
 * What one contender achieved in one round.
 *
 * @param round the round, from 1
 * @param contender which implementation
 * @param steadyP50 steady phase, commit to consumed, median (ms)
 * @param steadyP99 steady phase, 99th percentile (ms)
 * @param commitRate burst orders committed per second (by the submitting threads)
 * @param drainRate burst orders per second from the first commit to the last arrival
 * @param burstP50 burst phase, commit to consumed, median (ms)
 * @param burstP99 burst phase, 99th percentile (ms)
 * @param writeTransactionsPerOrder transactions that wrote anything, per burst order,
 * server-wide
 * @param walBytesPerOrder bytes of WAL per burst order, server-wide
 * @param duplicates records of both phases that repeated an order already delivered
 * @param lost orders of both phases not delivered within the timeout
 * @param malformed records not keyed by the order id or without the contract's value
 */
record Figures(int round, Contender.Kind contender, double steadyP50, double steadyP99, double commitRate,
		double drainRate, double burstP50, double burstP99, double writeTransactionsPerOrder, double walBytesPerOrder,
		long duplicates, long lost, long malformed) {

}
