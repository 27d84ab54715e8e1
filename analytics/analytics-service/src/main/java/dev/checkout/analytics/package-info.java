/**
 * Analytics: sales figures, the conversion funnel, failure reasons and top products for the back office, served at
 * {@code /api/v1/analytics/*} (ADMIN). It owns the {@code analytics} schema and builds it only from the events other
 * services publish (orders, payments, carts, catalog), never from their tables; it reads them tolerantly and records
 * each event once, so a redelivery changes no figure. A plain service: it publishes nothing.
 */
package dev.checkout.analytics;
