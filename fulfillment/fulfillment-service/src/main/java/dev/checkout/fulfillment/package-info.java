/**
 * Fulfillment: what the warehouse must pick, pack and ship. It owns the {@code fulfillment} schema. A confirmed order
 * becomes one pick list and one shipment, by choreography: fulfillment reacts to {@code OrderConfirmed}. Admins ship a
 * shipment (carrier and tracking number) and deliver it ({@code /api/v1/admin/shipments}); each step is published on
 * {@code fulfillment-events} (fulfillment-api) and the order follows. A cancelled order cancels a shipment not yet
 * gone; an admin moving the order by its status moves the shipment along. A plain service.
 */
package dev.checkout.fulfillment;
