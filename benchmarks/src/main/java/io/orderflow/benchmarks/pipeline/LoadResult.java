package io.orderflow.benchmarks.pipeline;

/**
 * The figures of one load phase.
 *
 * @param throughput successful requests or transactions per second
 * @param p50Ms median latency, ms
 * @param p99Ms 99th percentile latency, ms
 * @param maxMs highest latency, ms
 * @param errors refused or failed requests
 */
record LoadResult(double throughput, double p50Ms, double p99Ms, double maxMs, long errors) {

}
