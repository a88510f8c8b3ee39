/**
 * Cross-cutting web concerns: RFC 9457 problem details.
 */
package io.orderflow.api.system;
