/**
 * Catalog: products, their variants and categories, and what shoppers see of them, availability included (a copy
 * kept up to date from inventory's stock events). It owns the {@code catalog} schema and announces every product
 * change on {@code catalog-events} so carts and the search index can follow. A plain service: its rules are
 * validation, not invariants across aggregates.
 */
package dev.checkout.catalog;
