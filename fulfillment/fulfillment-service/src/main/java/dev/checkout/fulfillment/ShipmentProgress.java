package dev.checkout.fulfillment;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.checkout.fulfillment.FulfillmentServiceConfiguration.FulfillmentMessaging;
import dev.checkout.fulfillment.api.FulfillmentTopics;
import dev.checkout.fulfillment.api.ShipmentCancelled;
import dev.checkout.fulfillment.api.ShipmentCreated;
import dev.checkout.fulfillment.api.ShipmentDelivered;
import dev.checkout.fulfillment.api.ShipmentShipped;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.messaging.OutgoingMessage;
import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.PageQuery;
import dev.checkout.platform.web.Pagination;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A shipment's life: created with a confirmed order's pick list, shipped (with carrier and tracking number) and
 * delivered by an admin, or cancelled with its order before it ships. Every step is announced on the fulfillment
 * events in the same transaction, so the order (and the customer's e-mails) follow. Steps the order's own status
 * changes ask for are taken only when the shipment is behind, so the two never chase each other.
 */
@Service
class ShipmentProgress {

    private final Shipments shipments;
    private final FulfillmentMessaging messaging;
    private final Clock clock;

    ShipmentProgress(Shipments shipments, FulfillmentMessaging messaging, Clock clock) {
        this.shipments = shipments;
        this.messaging = messaging;
        this.clock = clock;
    }

    /** In the caller's transaction: the order's shipment, once. */
    void create(String orderId, String userId, String pickListId) {
        String shipmentId = Ids.newId("shp");
        if (shipments.add(shipmentId, orderId, userId, pickListId)) {
            publish(orderId, new ShipmentCreated(shipmentId, orderId, userId, clock.instant()));
        }
    }

    @Transactional
    Shipment ship(String shipmentId, String carrier, String trackingNumber) {
        Shipment shipment = shipments.lock(shipmentId).orElseThrow(() -> ApiException.notFound("Shipment", shipmentId));
        if (shipment.status() != Shipment.Status.PENDING) {
            throw invalidTransition(shipment, Shipment.Status.SHIPPED);
        }
        markShipped(shipment, carrier, trackingNumber);
        return shipments.find(shipmentId).orElseThrow();
    }

    @Transactional
    Shipment deliver(String shipmentId) {
        Shipment shipment = shipments.lock(shipmentId).orElseThrow(() -> ApiException.notFound("Shipment", shipmentId));
        if (shipment.status() != Shipment.Status.SHIPPED) {
            throw invalidTransition(shipment, Shipment.Status.DELIVERED);
        }
        markDelivered(shipment);
        return shipments.find(shipmentId).orElseThrow();
    }

    /** In the caller's transaction: the order was cancelled; a shipment not yet gone is cancelled with it. */
    void orderCancelled(String orderId) {
        shipments.lockOfOrder(orderId).filter(s -> s.status() == Shipment.Status.PENDING).ifPresent(shipment -> {
            Instant now = clock.instant();
            shipments.cancelled(shipment.shipmentId(), now);
            publish(orderId, new ShipmentCancelled(shipment.shipmentId(), orderId, shipment.userId(), now));
        });
    }

    /** In the caller's transaction: an admin moved the order itself (its status endpoint); the shipment catches up. */
    void orderMoved(String orderId, String to) {
        shipments.lockOfOrder(orderId).ifPresent(shipment -> {
            if ("SHIPPED".equals(to) && shipment.status() == Shipment.Status.PENDING) {
                markShipped(shipment, null, null);
            } else if ("DELIVERED".equals(to) && shipment.status() != Shipment.Status.DELIVERED
                    && shipment.status() != Shipment.Status.CANCELLED) {
                if (shipment.status() == Shipment.Status.PENDING) {
                    markShipped(shipment, null, null);
                }
                markDelivered(shipment);
            }
        });
    }

    private void markShipped(Shipment shipment, String carrier, String trackingNumber) {
        Instant now = clock.instant();
        shipments.shipped(shipment.shipmentId(), carrier, trackingNumber, now);
        publish(shipment.orderId(), new ShipmentShipped(shipment.shipmentId(), shipment.orderId(), shipment.userId(), carrier, trackingNumber, now));
    }

    private void markDelivered(Shipment shipment) {
        Instant now = clock.instant();
        shipments.delivered(shipment.shipmentId(), now);
        publish(shipment.orderId(), new ShipmentDelivered(shipment.shipmentId(), shipment.orderId(), shipment.userId(), now));
    }

    private void publish(String orderId, Object event) {
        messaging.publish(OutgoingMessage.of(FulfillmentTopics.EVENTS, orderId, event));
    }

    private static ApiException invalidTransition(Shipment shipment, Shipment.Status to) {
        return ApiException.conflict("invalid_transition", "A shipment cannot go from " + shipment.status() + " to " + to)
                .with("from", shipment.status().name()).with("to", to.name());
    }

    /** A page of shipments, newest first, of a status and an order when given. */
    Map<String, Object> list(String status, String orderId, PageQuery query) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("shipments", shipments.page(status, orderId, query.limit(), query.offset()).stream().map(ShipmentProgress::view).toList());
        body.put("pagination", Pagination.of(query, shipments.count(status, orderId)));
        return body;
    }

    static Map<String, Object> view(Shipment shipment) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("shipment_id", shipment.shipmentId());
        view.put("order_id", shipment.orderId());
        view.put("status", shipment.status().name());
        view.put("carrier", shipment.carrier());
        view.put("tracking_number", shipment.trackingNumber());
        view.put("shipped_at", shipment.shippedAt());
        view.put("delivered_at", shipment.deliveredAt());
        return view;
    }
}
