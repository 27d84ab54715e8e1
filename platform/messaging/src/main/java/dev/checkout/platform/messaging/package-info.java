/**
 * The messaging backbone every service shares. A service publishes by writing an {@link
 * dev.checkout.platform.messaging.Envelope envelope} to the outbox table of its own schema inside the transaction that
 * changes its state; one relay per schema (chosen by a PostgreSQL advisory lock) publishes those rows to Kafka in
 * order, with an idempotent producer, and keeps them for audit. Consumers receive through
 * {@link dev.checkout.platform.messaging.ServiceMessaging#receive}, which records the message as processed in the same
 * transaction as its effect, so redelivery changes nothing. Failures are retried with back-off; a message that keeps
 * failing goes to {@code <topic>.DLQ} with its error, where admins can list and replay it. An outage of the
 * database is not a poison message: it is retried until the database is back. Offsets are committed once a second and
 * only ever forward ({@link dev.checkout.platform.messaging.ForwardOnlyCommits}).
 */
package dev.checkout.platform.messaging;
