/**
 * HTTP order submission.
 */
package io.orderflow.api;
