package dev.checkout.inventory;

import java.util.List;

import dev.checkout.inventory.InventoryServiceConfiguration.InventoryMessaging;
import dev.checkout.inventory.api.ConfirmStock;
import dev.checkout.inventory.api.ExtendReservation;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.OrderRestocked;
import dev.checkout.inventory.api.ReleaseStock;
import dev.checkout.inventory.api.ReservationExtended;
import dev.checkout.inventory.api.ReservationExtensionFailed;
import dev.checkout.inventory.api.ReserveStock;
import dev.checkout.inventory.api.RestockOrder;
import dev.checkout.inventory.api.StockConfirmationFailed;
import dev.checkout.inventory.api.StockConfirmed;
import dev.checkout.inventory.api.StockReleased;
import dev.checkout.inventory.api.StockReservationFailed;
import dev.checkout.inventory.api.StockReserved;
import dev.checkout.platform.messaging.InboundMessage;
import dev.checkout.platform.messaging.OutgoingMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Inventory's command channel: maps each command to the use case and its outcome to a reply on
 * {@code inventory-replies}, in the transaction that records the command as processed.
 */
@Component
class ReservationCommands {

    private static final Logger log = LoggerFactory.getLogger(ReservationCommands.class);

    private final InventoryMessaging messaging;
    private final StockReservations reservations;

    ReservationCommands(InventoryMessaging messaging, StockReservations reservations) {
        this.messaging = messaging;
        this.reservations = reservations;
    }

    @KafkaListener(id = "inventory-commands", groupId = "inventory-service", topics = InventoryTopics.COMMANDS)
    void on(ConsumerRecord<String, String> record) {
        messaging.receive(record, "inventory-commands", this::handle);
    }

    private void handle(InboundMessage message) {
        switch (message.type()) {
            case "ReserveStock" -> reserve(message, message.payload(ReserveStock.class));
            case "ConfirmStock" -> {
                var command = message.payload(ConfirmStock.class);
                var outcome = reservations.confirm(command.ownerId());
                reply(message, command.ownerId(), outcome.done()
                        ? new StockConfirmed(command.ownerId(), reservations.find(command.ownerId()).map(Reservation::reservationId).orElse(null))
                        : new StockConfirmationFailed(command.ownerId(), outcome.refusal()));
            }
            case "ExtendReservation" -> {
                var command = message.payload(ExtendReservation.class);
                var outcome = reservations.extend(command.ownerId(), command.expiresAt());
                reply(message, command.ownerId(), outcome.done()
                        ? new ReservationExtended(command.ownerId(), reservations.find(command.ownerId()).map(Reservation::expiresAt).orElse(command.expiresAt()))
                        : new ReservationExtensionFailed(command.ownerId(), outcome.refusal()));
            }
            case "ReleaseStock" -> {
                var command = message.payload(ReleaseStock.class);
                reservations.release(command.ownerId(), command.reason());
                reply(message, command.ownerId(), new StockReleased(command.ownerId()));
            }
            case "RestockOrder" -> {
                var command = message.payload(RestockOrder.class);
                reservations.restock(command.ownerId());
                reply(message, command.ownerId(), new OrderRestocked(command.ownerId()));
            }
            default -> log.debug("ignoring {}: not a command inventory knows", message);
        }
    }

    private void reserve(InboundMessage message, ReserveStock command) {
        if (!StockReservations.isValid(command.lines()) || command.expiresAt() == null) {
            reply(message, command.ownerId(), new StockReservationFailed(command.ownerId(), "invalid_request", List.of()));
            return;
        }
        Reservation reservation = reservations.reserve(command);
        reply(message, command.ownerId(), reservation.status() == Reservation.Status.REJECTED
                ? new StockReservationFailed(command.ownerId(), "insufficient_stock", reservation.shortfalls().stream()
                        .map(s -> new StockReservationFailed.ShortLine(s.productId(), s.variantId(), s.requested(), s.available())).toList())
                : reserved(reservation));
    }

    static StockReserved reserved(Reservation reservation) {
        return new StockReserved(reservation.ownerId(), reservation.reservationId(), reservation.lines().stream()
                .map(l -> new StockReserved.ReservedLine(l.productId(), l.variantId(), l.warehouseId(), l.quantity())).toList(),
                reservation.expiresAt());
    }

    private void reply(InboundMessage cause, String ownerId, Object reply) {
        messaging.publish(OutgoingMessage.of(InventoryTopics.REPLIES, ownerId, reply).causedBy(cause));
    }
}
