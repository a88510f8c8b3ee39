/**
 * Submitting and reading orders.
 */
package io.orderflow.api.order;
