package dev.checkout.order.checkout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.ReserveStock;
import dev.checkout.inventory.api.StockLine;
import dev.checkout.order.OrderServiceConfiguration.OrderMessaging;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.messaging.OutgoingMessage;
import dev.checkout.platform.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import dev.checkout.order.OrderProperties;
import dev.checkout.order.clients.CartHolds;
import dev.checkout.order.clients.CustomerAddresses;
import dev.checkout.order.clients.PricingQuotes;
import dev.checkout.order.orders.Address;

/**
 * Opening a checkout for a cart ({@code POST /checkouts}): the cart is held, its lines priced and quoted, and their
 * stock reserved under the checkout's id before the answer goes back. One open checkout per cart: asking again returns
 * it, so a retried request reserves nothing twice.
 */
@Service
class CheckoutOpening {

    private final Checkouts checkouts;
    private final CartHolds carts;
    private final CustomerAddresses addresses;
    private final PricingQuotes pricing;
    private final OrderMessaging messaging;
    private final TransactionTemplate transactions;
    private final OrderProperties properties;
    private final CheckoutAdmission admission;
    private final CheckoutSettlements settlements;
    private final Clock clock;

    CheckoutOpening(Checkouts checkouts, CartHolds carts, CustomerAddresses addresses, PricingQuotes pricing, OrderMessaging messaging,
                    PlatformTransactionManager transactionManager, OrderProperties properties, CheckoutAdmission admission,
                    CheckoutSettlements settlements, Clock clock) {
        this.checkouts = checkouts;
        this.carts = carts;
        this.addresses = addresses;
        this.pricing = pricing;
        this.messaging = messaging;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.admission = admission;
        this.settlements = settlements;
        this.clock = clock;
    }

    /** An opened (or found) checkout, and whether this request created it. */
    record Opened(Checkout checkout, boolean created) {
    }

    Opened open(String userId, String bearerToken, String cartId, Address shippingAddress, String shippingAddressId,
                String couponCode) {
        Optional<Checkout> open = openCheckoutOf(cartId, userId);
        if (open.isPresent()) {
            return new Opened(settled(open.get().checkoutId()), false);
        }
        CheckoutAdmission.Permit permit = admission.admit();
        try {
            Opened opened = openNew(userId, bearerToken, cartId, shippingAddress, shippingAddressId, couponCode);
            permit.done();
            return opened;
        } finally {
            permit.release();
        }
    }

    private Opened openNew(String userId, String bearerToken, String cartId, Address shippingAddress, String shippingAddressId,
                           String couponCode) {
        Address address = shippingAddress != null ? shippingAddress : addresses.address(shippingAddressId, bearerToken);
        String checkoutId = Ids.newId(Checkout.ID_TYPE);
        CartHolds.Held held;
        try {
            held = carts.hold(cartId, checkoutId, bearerToken);
        } catch (CartHolds.Refused refused) {
            // Another request for this cart may have won the race: its checkout is the answer.
            Optional<Checkout> winner = openCheckoutOf(cartId, userId);
            if (winner.isPresent()) {
                return new Opened(settled(winner.get().checkoutId()), false);
            }
            throw refused;
        } catch (RuntimeException unknown) {
            carts.letGo(cartId, checkoutId, userId); // the cart may be held although no answer came
            throw unknown;
        }
        try {
            PricingQuotes.Quote quote = pricing.quote(held.lines(), held.currency(), address, couponCode, checkoutId, userId);
            List<Checkout.Warning> warnings = new java.util.ArrayList<>(held.warnings());
            warnings.addAll(quote.warnings());
            Checkout checkout = Checkout.open(checkoutId, userId, cartId, held.lines(), quote.totals(), address, held.priceChanges(),
                    warnings, clock.instant(), properties.reservationTtl());
            boolean added = Boolean.TRUE.equals(transactions.execute(status -> {
                if (!checkouts.addUnlessCartHasOneOpen(checkout)) {
                    return false;
                }
                messaging.publish(OutgoingMessage.of(InventoryTopics.COMMANDS, checkoutId, new ReserveStock(checkoutId,
                        checkout.lines().stream().map(l -> new StockLine(l.productId(), l.variantId(), l.quantity())).toList(),
                        checkout.expiresAt(), null)));
                return true;
            }));
            if (!added) {
                carts.letGo(cartId, checkoutId, userId);
                return new Opened(settled(openCheckoutOf(cartId, userId).orElseThrow(() ->
                        ApiException.conflict("cart_not_active", "The cart is held by another checkout")).checkoutId()), false);
            }
            return new Opened(settled(checkoutId), true);
        } catch (RuntimeException failed) {
            if (checkouts.find(checkoutId).isEmpty()) {
                carts.letGo(cartId, checkoutId, userId);
            }
            throw failed;
        }
    }

    private Optional<Checkout> openCheckoutOf(String cartId, String userId) {
        return checkouts.openForCart(cartId).filter(c -> c.userId().equals(userId) && c.isOpenAt(clock.instant()));
    }

    /**
     * Waits for inventory's answer to the checkout's reservation, told by {@link CheckoutSettlements} whichever
     * instance consumes it; a 503 if it does not come in time.
     */
    private Checkout settled(String checkoutId) {
        Instant deadline = clock.instant().plus(properties.reservationWait());
        try (CheckoutSettlements.Wait wait = settlements.expect(checkoutId)) {
            while (true) {
                Checkout checkout = checkouts.find(checkoutId).orElseThrow();
                Duration left = Duration.between(clock.instant(), deadline);
                if (checkout.status() != Checkout.Status.RESERVING) {
                    return checkout;
                }
                if (left.isNegative() || !wait.heardWithin(left)) {
                    checkout = checkouts.find(checkoutId).orElseThrow();
                    if (checkout.status() != Checkout.Status.RESERVING) {
                        return checkout;
                    }
                    throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                            "Stock is still being reserved for checkout " + checkoutId + "; ask again shortly (the same request finds it)")
                            .with("checkout_id", checkoutId);
                }
            }
        }
    }
}
