/**
 * Shared test fixtures. {@link dev.checkout.platform.testing.SharedServers} gives every integration test of a run the
 * same real PostgreSQL, Redis and Kafka (started once by {@code ./checkout test}, or once per JVM when a test runs on
 * its own), and {@link dev.checkout.platform.testing.CheckoutIntegrationTest} points a Spring test context at them.
 * Tests share the servers, so they must not assume empty tables: each creates what it needs under fresh ids.
 */
package dev.checkout.platform.testing;
