/**
 * The dead-letter operator tool {@code ./orderflow dlt list|show|replay}: reads the dead-letter
 * topic without a consumer group and re-publishes selected records to the orders topic.
 */
package io.orderflow.dlt;
