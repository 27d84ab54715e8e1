/**
 * The catalog's published language: topic names and the records it publishes. Plain Java, no framework: consumers
 * map these into their own types at their edge and read them tolerantly (fields may be added).
 */
package dev.checkout.catalog.api;
