/** Notification's published language: commands on {@code notification-commands} and replies on {@code notification-replies}. */
package dev.checkout.notification.api;
