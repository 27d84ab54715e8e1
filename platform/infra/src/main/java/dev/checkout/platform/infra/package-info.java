/**
 * Real servers on free local ports: PostgreSQL (embedded binaries), Redis (embedded binary) and a Kafka broker in a
 * child JVM. {@code ./checkout run} starts them for the user and the tests start them once per run. Each can be
 * stopped, killed and started again on the same port and data, which is what fault-injection tests need. Nothing here
 * knows about the services.
 */
package dev.checkout.platform.infra;
