/**
 * The benchmarks' entry point and the statistics they share.
 */
package io.orderflow.benchmarks;
