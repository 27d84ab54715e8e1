/**
 * Catalog: products, their variants and categories, and what shoppers see of them, availability included (a copy
 * kept up to date from inventory's stock events). It owns the {@code catalog} schema and announces every product
 * change on {@code catalog-events} so carts can follow. A plain service: its rules are validation, not invariants
 * across aggregates.
 * <p>
 * Search: each instance keeps its own Lucene index of the active products ({@code SearchIndex}) on disk, caught up
 * at start from the revision every product row carries (rebuilt from the catalog's tables when there is none, and on
 * an admin's demand), and refreshed after every commit that changes what it shows (a product written, a stock level
 * applied, a review added). {@code ProductSearch} serves {@code GET /products} from
 * it with BM25 relevance, typo tolerance, filters and facets; {@code Suggestions} completes what shoppers type, ranked
 * by the units ordered. Reviews come from verified buyers only: the catalog learns who received what from the order
 * service's events ({@code Purchases}), never from its tables.
 */
package dev.checkout.catalog;
