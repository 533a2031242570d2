/**
 * The connector kit: what every HTTP marketplace connector shares — a JDK {@code HttpClient} transport with timeouts
 * and per-call events, Jackson set up for marketplace JSON, HMAC-SHA256 with constant-time verification, timestamp
 * tolerance, {@code Retry-After} parsing, response-envelope to {@code ConnectorException} mapping, and redaction of
 * secrets from logs and messages.
 *
 * <p>Stability: experimental until the Shopee and TikTok Shop connectors are built on it; public types may still change.
 */
@NullMarked
package io.storesync.connector.kit;

import org.jspecify.annotations.NullMarked;
