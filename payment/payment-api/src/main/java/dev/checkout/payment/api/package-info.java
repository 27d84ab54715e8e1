/**
 * Payment's published language: commands on {@link dev.checkout.payment.api.PaymentTopics#COMMANDS} and the outcome
 * events on {@link dev.checkout.payment.api.PaymentTopics#EVENTS}, all keyed by order id. The events answer the
 * commands and tell everyone else what happened to the money. Plain records, no framework. A charge for an order is
 * made at most once, whatever is resent.
 */
package dev.checkout.payment.api;
