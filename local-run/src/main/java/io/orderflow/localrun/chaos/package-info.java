/**
 * {@code ./orderflow chaos}: load, planned faults and the reconciliation of what clients
 * were told with what the system stored.
 */
package io.orderflow.localrun.chaos;
