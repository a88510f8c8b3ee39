/**
 * The {@code ./orderflow} commands that run the whole system on this machine: {@code up}
 * with its supervisor, {@code demo}, {@code chaos}, and {@code dlt} from the dead-letter
 * tool.
 */
package io.orderflow.localrun;
