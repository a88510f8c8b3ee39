/**
 * How far behind the workers' consumer group is on the orders topic: per partition and in
 * total, as gauges for dashboards and alerts.
 */
package io.orderflow.worker.lag;
