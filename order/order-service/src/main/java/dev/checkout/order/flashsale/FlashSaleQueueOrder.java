package dev.checkout.order.flashsale;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import dev.checkout.platform.core.DomainModel;

/**
 * The waiting room's order, as scores of a Redis sorted set (lowest first). Customers who join before the start get a
 * uniformly random score below 1, which puts them in a random order among themselves (a fair shuffle drawn as they
 * arrive, so nothing has to be rewritten at the start and no early joiner can tell their place from their join time);
 * later ones get 1 + the milliseconds since the start, so they queue behind, first come first served.
 */
@DomainModel
final class FlashSaleQueueOrder {

    private FlashSaleQueueOrder() {
    }

    static double scoreFor(Instant joinedAt, Instant startsAt, RandomGenerator random) {
        if (joinedAt.isBefore(startsAt)) {
            return random.nextDouble();
        }
        return 1 + Duration.between(startsAt, joinedAt).toMillis();
    }

    /** A waiting ticket and how many units it asks for, in queue order. */
    record Waiting(String ticketId, int quantity) {
    }

    /**
     * The tickets to admit now, from the head of the queue: as many as the free units cover, at most {@code maxBatch}.
     * Strictly in order: a ticket asking for more than is left stops the batch rather than be overtaken, so nobody
     * behind jumps ahead of a customer who asked for two. Unless {@code nothingHeld}: with no unit held, none can come
     * back from a lapsing token, and the ticket that stops the batch is let in for the units left (the sale's last
     * ones would otherwise wait for it forever); its {@link Waiting#quantity()} is then what it is let in for.
     */
    static List<Waiting> admissionBatch(List<Waiting> inQueueOrder, int freeUnits, int maxBatch, boolean nothingHeld) {
        List<Waiting> admitted = new ArrayList<>();
        int left = freeUnits;
        for (Waiting ticket : inQueueOrder) {
            if (admitted.size() >= maxBatch || left == 0) {
                break;
            }
            if (ticket.quantity() > left) {
                if (nothingHeld) {
                    admitted.add(new Waiting(ticket.ticketId(), left));
                }
                break;
            }
            admitted.add(ticket);
            left -= ticket.quantity();
        }
        return admitted;
    }

    /**
     * How many tickets a round may let in: no more than the free units cover (each ticket asks for one at least),
     * {@code maxBatch}, what keeps the holds waiting for inventory's reservation within {@code maxReserving}, and
     * {@code checkoutInvites}, the orders the checkout's door invites now (each admitted customer will order).
     * Never negative.
     */
    static int admissible(int freeUnits, int reserving, int maxReserving, int maxBatch, int checkoutInvites) {
        return Math.max(0, Math.min(Math.min(freeUnits, maxBatch), Math.min(maxReserving - reserving, checkoutInvites)));
    }

    /**
     * A rough wait for a ticket at {@code position} (1 = next), for the client to poll by: the time admission takes to
     * reach it at {@code ticketsPerSecond} (a second at least), and, behind the sale's first {@code saleQuantity}
     * units, one token life for every further round of units ahead of it, the slowest pace at which held units come
     * back.
     */
    static long etaSeconds(long position, int saleQuantity, double ticketsPerSecond, Duration tokenTtl) {
        long admission = Math.max(1, (long) Math.ceil(position / ticketsPerSecond));
        return admission + (position - 1) / saleQuantity * tokenTtl.toSeconds();
    }
}
