/**
 * Benchmarks behind {@code ./checkout bench <name> [options]}. Each is a {@link dev.checkout.bench.Bench} named
 * {@code <Name>Bench} in this package (found by that name, so adding one touches no registry). A bench measures and
 * prints figures, with how they were measured; it never asserts a target. Speed targets live here, not in tests.
 */
package dev.checkout.bench;
