/**
 * The fulfillment service's published language: what happens to an order's shipment (created for a confirmed order,
 * shipped with a carrier and tracking number, delivered, cancelled), as plain records on {@link
 * dev.checkout.fulfillment.api.FulfillmentTopics#EVENTS}, keyed by order id. No framework; consumers read tolerantly.
 */
package dev.checkout.fulfillment.api;
