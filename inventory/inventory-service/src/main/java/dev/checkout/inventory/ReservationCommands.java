package dev.checkout.inventory;

import java.util.ArrayList;
import java.util.List;

import dev.checkout.inventory.InventoryServiceConfiguration.InventoryMessaging;
import dev.checkout.inventory.api.ConfirmStock;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.ItemsRestocked;
import dev.checkout.inventory.api.OrderRestocked;
import dev.checkout.inventory.api.ReleaseStock;
import dev.checkout.inventory.api.ReserveStock;
import dev.checkout.inventory.api.RestockItems;
import dev.checkout.inventory.api.RestockOrder;
import dev.checkout.inventory.api.StockConfirmationFailed;
import dev.checkout.inventory.api.StockConfirmed;
import dev.checkout.inventory.api.StockLine;
import dev.checkout.inventory.api.StockReleased;
import dev.checkout.inventory.api.StockReservationFailed;
import dev.checkout.inventory.api.StockReserved;
import dev.checkout.platform.messaging.InboundMessage;
import dev.checkout.platform.messaging.MessageRoutes;
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

    private final MessageRoutes routes = MessageRoutes.builder()
            .on(ReserveStock.class, this::reserve)
            .on(ConfirmStock.class, this::confirm)
            .on(ReleaseStock.class, this::release)
            .on(RestockOrder.class, this::restock)
            .on(RestockItems.class, this::restockItems)
            .beforeEachBatch(this::lockStockInOneOrder)
            .build();

    /** The listener's id; {@link GateRecovery} starts it once the gate has had its first reconciliation. */
    static final String LISTENER = "inventory-commands";

    @KafkaListener(id = LISTENER, groupId = "inventory-service", topics = InventoryTopics.COMMANDS, autoStartup = "false",
            concurrency = "${checkout.inventory.command-concurrency:4}")
    void on(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "inventory-commands", routes);
    }

    /**
     * A batch's commands lock the stock rows of many products, each command in its turn; two batches handled at once
     * (one per consumer) could each hold a row the other then waits for, a deadlock PostgreSQL breaks only after its
     * {@code deadlock_timeout} (1 s) by failing one batch, whose commands are then handled again one by one. So the
     * batch first locks every stock row its commands may touch (those of the products it reserves, those its owners'
     * reservations hold), in {@link Stock#LOCK_ORDER}, the one order every path takes them in. A command whose payload
     * cannot be read is left to its handler, which fails on it.
     */
    private void lockStockInOneOrder(List<InboundMessage> batch) {
        if (batch.size() < 2) {
            return;
        }
        List<String> owners = new ArrayList<>();
        List<StockLine> wanted = new ArrayList<>();
        for (InboundMessage message : batch) {
            try {
                if (message.is(ReserveStock.class)) {
                    ReserveStock command = message.payload(ReserveStock.class);
                    if (command.lines() != null) {
                        wanted.addAll(command.lines());
                    }
                    if (command.adoptReservationOf() != null) {
                        owners.add(command.adoptReservationOf());
                    }
                } else if (message.is(ConfirmStock.class)) {
                    owners.add(message.payload(ConfirmStock.class).ownerId());
                } else if (message.is(ReleaseStock.class)) {
                    owners.add(message.payload(ReleaseStock.class).ownerId());
                } else if (message.is(RestockOrder.class)) {
                    owners.add(message.payload(RestockOrder.class).ownerId());
                } else if (message.is(RestockItems.class)) {
                    owners.add(message.payload(RestockItems.class).ownerId());
                }
            } catch (RuntimeException unreadable) {
                log.debug("{} is left to its handler: {}", message, unreadable.toString());
            }
        }
        reservations.lockStockOf(owners, wanted);
    }

    private void confirm(ConfirmStock command, InboundMessage message) {
        var confirmation = reservations.confirm(command.ownerId());
        reply(message, command.ownerId(), confirmation.done()
                ? new StockConfirmed(command.ownerId(), confirmation.reservationId())
                : new StockConfirmationFailed(command.ownerId(), confirmation.refusal()));
    }

    private void release(ReleaseStock command, InboundMessage message) {
        reservations.release(command.ownerId(), command.reason());
        reply(message, command.ownerId(), new StockReleased(command.ownerId()));
    }

    private void restock(RestockOrder command, InboundMessage message) {
        reservations.restock(command.ownerId());
        reply(message, command.ownerId(), new OrderRestocked(command.ownerId()));
    }

    private void restockItems(RestockItems command, InboundMessage message) {
        int units = StockReservations.isValid(command.lines()) && command.restockId() != null
                ? reservations.restockItems(command.ownerId(), command.restockId(), command.lines()) : 0;
        reply(message, command.ownerId(), new ItemsRestocked(command.ownerId(), command.restockId(), units));
    }

    private void reserve(ReserveStock command, InboundMessage message) {
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
