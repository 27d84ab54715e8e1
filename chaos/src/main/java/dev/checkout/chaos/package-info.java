/**
 * The evidence that the platform keeps its promises under faults. A {@link dev.checkout.chaos.Cluster} runs the
 * services as four separate processes (edge, order, inventory, payment) on embedded servers this JVM can kill and
 * restart, with the gateway simulator in-process; a {@link dev.checkout.chaos.Workload} of customers places orders and
 * records every call in a {@link dev.checkout.chaos.History} (invoke, then ok, fail or unknown); a
 * {@link dev.checkout.chaos.Scenario} injects faults meanwhile; once faults stop and the system settles,
 * {@link dev.checkout.chaos.Invariants} checks I1–I8 against PostgreSQL, Redis, the Kafka topics and the gateway's
 * ledger. {@code ./checkout chaos} runs randomized scenarios; the system tests run a fixed set.
 */
package dev.checkout.chaos;
