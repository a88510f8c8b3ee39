/**
 * Scheduling and the ShedLock lock provider shared by the fleet-wide jobs.
 */
package io.orderflow.worker.scheduling;
