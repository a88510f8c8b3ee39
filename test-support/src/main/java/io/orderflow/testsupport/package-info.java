/**
 * Helpers for integration tests only; every module takes this in test scope.
 */
package io.orderflow.testsupport;
