/**
 * What every service stands on, and nothing service-specific: a {@link dev.checkout.platform.core.ServiceDescriptor}
 * naming the service and the one PostgreSQL schema it owns, the Flyway migrations of those schemas, prefixed opaque
 * ids, scheduled jobs that run on one instance at a time (ShedLock, on PostgreSQL advisory locks), and named crash
 * points that fault-injection tests use to halt a process at an exact step. It must never know about a particular
 * service.
 */
package dev.checkout.platform.core;
