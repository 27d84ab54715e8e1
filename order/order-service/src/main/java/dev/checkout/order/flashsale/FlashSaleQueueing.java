package dev.checkout.order.flashsale;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.web.ApiException;
import org.springframework.stereotype.Service;
import dev.checkout.order.checkout.Checkout;
import dev.checkout.order.checkout.Checkouts;

/**
 * Joining a sale's waiting room and asking where a ticket stands. One ticket per customer and sale (asking again
 * returns it); once every unit is in a confirmed order, joins and polls are answered SOLD_OUT from Redis alone.
 */
@Service
class FlashSaleQueueing {

    enum TicketStatus { WAITING, ADMITTED, SOLD_OUT, EXPIRED, USED }

    /**
     * Where a ticket stands; {@code ticketId} is null for a join refused because the sale is sold out. {@code quantity}
     * is the units the ticket asks for, once admitted the units its token buys (fewer than asked when they were the
     * sale's last).
     */
    record TicketView(String ticketId, TicketStatus status, Integer quantity, Long position, Long etaSeconds, String purchaseToken,
                      Instant tokenExpiresAt) {

        static TicketView soldOut(String ticketId) {
            return new TicketView(ticketId, TicketStatus.SOLD_OUT, null, null, null, null, null);
        }
    }

    private final FlashSaleCatalog catalog;
    private final FlashSales sales;
    private final Checkouts checkouts;
    private final FlashSaleWaitingRoom room;
    private final FlashSaleProperties properties;
    private final SecureRandom random = new SecureRandom();
    /** Tickets read while they waited: what a poll needs of them never changes while they stay in the queue. */
    private final Cache<String, FlashSales.Ticket> waitingTickets = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(30)).build();
    private final Clock clock;

    FlashSaleQueueing(FlashSaleCatalog catalog, FlashSales sales, Checkouts checkouts, FlashSaleWaitingRoom room,
                      FlashSaleProperties properties, Clock clock) {
        this.catalog = catalog;
        this.sales = sales;
        this.checkouts = checkouts;
        this.room = room;
        this.properties = properties;
        this.clock = clock;
    }

    TicketView join(String userId, String flashSaleId, int quantity) {
        FlashSale sale = catalog.sale(flashSaleId);
        if (quantity > sale.perUserLimit()) {
            throw ApiException.unprocessable("quantity_limit_exceeded",
                    "At most " + sale.perUserLimit() + " unit(s) of this sale a customer").with("per_user_limit", sale.perUserLimit());
        }
        if (room.isSoldOut(flashSaleId)) {
            return TicketView.soldOut(null); // from memory: nobody, ticket or not, can buy any more
        }
        Optional<FlashSales.Ticket> existing = sales.ticketOf(flashSaleId, userId);
        if (existing.isPresent()) {
            return view(sale, existing.get());
        }
        Instant now = clock.instant();
        if (!now.isBefore(sale.endsAt())) {
            throw ApiException.conflict("flash_sale_ended", "Flash sale " + flashSaleId + " has ended");
        }
        double score = FlashSaleQueueOrder.scoreFor(now, sale.startsAt(), random);
        FlashSales.Ticket ticket = sales.addOrFind(new FlashSales.Ticket(Ids.newId(FlashSales.TICKET_ID_TYPE), flashSaleId, userId, quantity, score,
                null, null, now));
        return view(sale, ticket);
    }

    /**
     * Where the caller's ticket stands. A ticket still in the Redis queue is waiting (it leaves the queue only once its
     * admission has committed), so the crowd's polls are answered from the ticket as this process last read it and one
     * Redis call; any other ticket is read afresh.
     */
    TicketView ticket(String userId, String flashSaleId, String ticketId) {
        FlashSale sale = catalog.sale(flashSaleId);
        FlashSales.Ticket known = waitingTickets.getIfPresent(ticketId);
        if (known != null && known.flashSaleId().equals(flashSaleId) && known.userId().equals(userId)) {
            Long position = room.position(flashSaleId, ticketId);
            if (position != null) {
                return room.isSoldOut(flashSaleId) ? TicketView.soldOut(ticketId) : waiting(sale, known, position);
            }
        }
        FlashSales.Ticket ticket = sales.ticket(ticketId)
                .filter(t -> t.flashSaleId().equals(flashSaleId) && t.userId().equals(userId))
                .orElseThrow(() -> ApiException.notFound("Ticket", ticketId));
        if (ticket.checkoutId() == null) {
            waitingTickets.put(ticketId, ticket);
        }
        return view(sale, ticket);
    }

    private TicketView view(FlashSale sale, FlashSales.Ticket ticket) {
        Instant now = clock.instant();
        if (ticket.checkoutId() != null) {
            Checkout hold = checkouts.find(ticket.checkoutId()).orElseThrow();
            switch (hold.status()) {
                case PAID -> {
                    return new TicketView(ticket.ticketId(), TicketStatus.USED, ticket.quantity(), null, null, null, null);
                }
                case RESERVED -> {
                    if (hold.tokenSeen(now)) {
                        checkouts.shortenExpiry(hold); // the token's life runs from the customer's first look at it
                    }
                    return now.isBefore(hold.expiresAt())
                            ? new TicketView(ticket.ticketId(), TicketStatus.ADMITTED, ticket.quantity(), 0L, 0L, ticket.purchaseToken(),
                            hold.expiresAt())
                            : expired(ticket);
                }
                case EXPIRED -> {
                    return expired(ticket);
                }
                case RESERVING, FAILED -> {
                    // Admitted, the units being reserved (or about to be asked again): next in line, token to come.
                    return room.isSoldOut(sale.flashSaleId()) ? TicketView.soldOut(ticket.ticketId())
                            : new TicketView(ticket.ticketId(), TicketStatus.WAITING, ticket.quantity(), 1L, 1L, null, null);
                }
            }
        }
        if (room.isSoldOut(sale.flashSaleId())) {
            return TicketView.soldOut(ticket.ticketId());
        }
        Long position = room.position(sale.flashSaleId(), ticket.ticketId());
        if (position == null) {
            // Redis lost the write that follows the ticket's row (or a refused hold is being put back): it goes back in its place.
            room.enqueue(sale.flashSaleId(), ticket.ticketId(), ticket.queueScore());
            position = room.position(sale.flashSaleId(), ticket.ticketId());
        }
        return waiting(sale, ticket, position == null ? 1 : position);
    }

    /**
     * A waiting ticket's view. Its wait counts at the fastest pace the queue can go now, not at the pace it went: a
     * client polls by the wait (ours at half of it), and one told a wait the queue then beat sleeps through its
     * admission while the units stay held for it. Measured over the last rounds, the pace swung from 11 to 49 tickets a
     * second within one sale as the checkout's door adapted; customers told 100 s at the slow pace were admitted
     * half a minute later and looked up to 54 s after that, and those unseen holds set the sale's last 40 s (bench
     * flash-sale, 10,000 customers, 2,000 units). A wait too short costs only a poll more.
     */
    private TicketView waiting(FlashSale sale, FlashSales.Ticket ticket, long position) {
        Instant now = clock.instant();
        // Until admission's first round has written the pace its door allows, the batch and inventory bounds alone.
        long eta = now.isBefore(sale.startsAt()) ? Duration.between(now, sale.startsAt()).toSeconds()
                : FlashSaleQueueOrder.etaSeconds(position, sale.quantity(),
                room.pace(sale.flashSaleId()).orElse(properties.mostTicketsPerSecond(Integer.MAX_VALUE)), properties.tokenTtl());
        return new TicketView(ticket.ticketId(), TicketStatus.WAITING, ticket.quantity(), position, eta, null, null);
    }

    private static TicketView expired(FlashSales.Ticket ticket) {
        return new TicketView(ticket.ticketId(), TicketStatus.EXPIRED, ticket.quantity(), null, null, null, null);
    }
}
