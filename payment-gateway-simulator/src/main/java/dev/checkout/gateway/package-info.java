/**
 * The payment gateway simulator: the outside world the checkout platform charges cards through, shaped like Stripe's
 * charges and refunds API and reached only over HTTP, either as its own process or started in-process with
 * {@link dev.checkout.gateway.GatewaySimulator#start}. Its append-only ledger ({@code ledger.jsonl} in its data
 * directory) is the source of truth for money moved: a charge is answered only once it is durably written there, and
 * tests compare the platform's view against {@code GET /v1/ledger}. Idempotency keys replay the recorded answer, so a
 * retried request never charges twice. Its fault switches ({@code /sim/faults}) make the network misbehave on purpose
 * (errors, latency, resets, answers lost after the money moved, garbled bodies) so tests can prove the platform copes,
 * and {@code GET /sim/requests} counts the charge and refund requests that reached it (a 503 leaves no trace in the
 * ledger); {@link dev.checkout.gateway.SimulatorClient} reads all of it for tests;
 * it owns nothing of the platform and must never depend on the platform's infrastructure.
 */
package dev.checkout.gateway;
