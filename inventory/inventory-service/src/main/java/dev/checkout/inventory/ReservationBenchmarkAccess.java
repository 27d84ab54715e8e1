package dev.checkout.inventory;

import java.time.Instant;
import java.util.List;

import dev.checkout.inventory.api.ReserveStock;
import dev.checkout.inventory.api.StockLine;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one public way into the inventory service's internals, for {@code ./checkout bench reserve} alone: it stocks a
 * product and reserves for an owner in-process, exactly as the command channel does once it has a command in hand,
 * so the bench measures the reservation path (the Redis gate, then PostgreSQL) without Kafka around it. Other services
 * never use it: they send {@code ReserveStock} on {@code inventory-commands}.
 */
public final class ReservationBenchmarkAccess {

    private final StockAdministration administration;
    private final StockReservations reservations;
    private final StockGate gate;
    private final TransactionTemplate transaction;

    private ReservationBenchmarkAccess(ApplicationContext context) {
        this.administration = context.getBean(StockAdministration.class);
        this.reservations = context.getBean(StockReservations.class);
        this.gate = context.getBean(StockGate.class);
        this.transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    }

    /** The inventory service running in {@code context}. */
    public static ReservationBenchmarkAccess of(ApplicationContext context) {
        return new ReservationBenchmarkAccess(context);
    }

    /** Sets a product's physical stock in a warehouse, as an admin would (without asking the catalog). */
    public void stock(String productId, String warehouseId, int units) {
        transaction.executeWithoutResult(status -> administration.setTotalOfKnownProduct(productId, null, warehouseId, units));
    }

    /** Reserves {@code units} of the product for the owner until {@code expiresAt}; true when reserved, false when refused. */
    public boolean reserve(String ownerId, String productId, int units, Instant expiresAt) {
        Reservation reservation = reservations.reserve(new ReserveStock(ownerId, List.of(new StockLine(productId, null, units)), expiresAt, null));
        return reservation.status() == Reservation.Status.PENDING;
    }

    /** Whether the Redis gate decides now (connected, counters reconciled). */
    public boolean gateTrusted() {
        return gate.isTrusted();
    }
}
