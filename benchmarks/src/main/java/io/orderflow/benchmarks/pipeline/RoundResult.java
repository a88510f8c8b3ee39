package io.orderflow.benchmarks.pipeline;

/**
 * The figures of one round.
 *
 * @param jdbc8 one order per transaction in plain JDBC, 8 connections, orders/s
 * @param jdbc32 the same at 32 connections
 * @param pgbench8 the same transaction in pgbench, 8 clients, TPS; NaN without pgbench
 * @param pgbench32 the same at 32 clients
 * @param kafkaProduced Kafka producer anchor, records/s
 * @param kafkaConsumed Kafka consumer anchor, records/s
 * @param http8 HTTP intake, closed loop, 8 connections
 * @param http32 HTTP intake, closed loop, 32 connections
 * @param openRate the offered rate of the open loop, orders/s
 * @param open HTTP intake, open loop at {@code openRate}, latency corrected for
 * coordinated omission
 * @param endToEnd the open loop's orders from {@code created_at} to their terminal
 * {@code updated_at}, from the database
 */
record RoundResult(double jdbc8, double jdbc32, double pgbench8, double pgbench32, double kafkaProduced,
		double kafkaConsumed, LoadResult http8, LoadResult http32, double openRate, LoadResult open,
		ServerLatency endToEnd) {

}
