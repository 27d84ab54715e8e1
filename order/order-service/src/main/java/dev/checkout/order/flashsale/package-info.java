/**
 * Flash sales. A purchase token's hold is a checkout keyed by a ticket and is bought through the paid checkout's path:
 * a waiting room in Redis over tickets of record in PostgreSQL, admission in batches of the units neither sold nor held
 * ({@link dev.checkout.order.flashsale.FlashSaleAdmission}).
 */
package dev.checkout.order.flashsale;
