/**
 * The demo catalogue of {@code ./checkout run}: a small store (products over a few categories and brands, with stock)
 * put into an empty catalogue once, through the public admin API as the development admin, like a shop's staff would.
 * Tests and production never see it: only the launcher's development default turns it on.
 */
package dev.checkout.app.demo;
