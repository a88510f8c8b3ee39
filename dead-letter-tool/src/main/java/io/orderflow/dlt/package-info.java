/**
 * The dead-letter operator tool {@code ./orderflow dlt list|show|replay}: reads the
 * dead-letter topic without a consumer group and re-publishes selected records to the
 * orders topic. Also the command-line conventions that every {@code ./orderflow} command
 * shares ({@link io.orderflow.dlt.CommandLines}).
 */
package io.orderflow.dlt;
