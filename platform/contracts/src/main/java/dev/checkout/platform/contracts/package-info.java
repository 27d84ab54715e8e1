/**
 * The vocabulary the services' {@code *-api} modules describe their messages with ({@link
 * dev.checkout.platform.contracts.MessageType}). It depends on nothing but Jackson's annotations (with which an HTTP
 * answer record declares itself a tolerant reader), so an {@code *-api} module stays free of any framework.
 */
package dev.checkout.platform.contracts;
