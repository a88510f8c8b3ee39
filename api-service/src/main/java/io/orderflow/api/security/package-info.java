/**
 * Authentication of callers: OAuth2 JWTs and static API keys.
 */
package io.orderflow.api.security;
