package dev.checkout.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.checkout.platform.web.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** A merge works on the carts as locked, never on what was read before the lock. */
class CartMergeLockingTest {

    @Test
    void anItemAddedToTheGuestCartJustBeforeTheLockIsMergedNotDroppedAsNoLongerSold() {
        Cart guestAsRead = CartTest.guestCartWith("prod_a", 1, "5.00");
        // The same guest cart as it is once locked: a concurrent request added prod_b in between.
        Cart guestAsLocked = new Cart(guestAsRead.cartId(), null, CartStatus.ACTIVE, "USD", guestAsRead.items(), null, null,
                null, null, guestAsRead.version(), guestAsRead.createdAt(), guestAsRead.updatedAt());
        guestAsLocked.add("prod_b", null, CartTest.offer("7.00", 100), 2, CartTest.LIMIT, CartTest.NOW);
        Cart userCart = Cart.open("user_1", CartTest.NOW);

        CartStore store = mock(CartStore.class);
        when(store.currentOf("user_1")).thenReturn(Optional.of(userCart));
        when(store.lock(guestAsRead.cartId())).thenReturn(Optional.of(guestAsLocked));
        when(store.lock(userCart.cartId())).thenReturn(Optional.of(userCart));
        when(store.save(any())).thenReturn(true);
        ProductCopies products = mock(ProductCopies.class);
        when(products.findAll(anyCollection())).thenAnswer(call -> copiesOf(call.getArgument(0)));
        TransactionTemplate transactions = mock(TransactionTemplate.class);
        when(transactions.execute(any())).thenAnswer(call -> call.<TransactionCallback<?>>getArgument(0).doInTransaction(null));
        CartManagement carts = new CartManagement(store, products, mock(Offers.class), new CartProperties(CartTest.LIMIT, null, null, null, null, null, null),
                transactions, JsonMapper.builder().build(), Clock.fixed(CartTest.NOW, ZoneOffset.UTC));

        carts.merge(new CartAccess(guestAsRead, new Caller("user_1", Set.of("USER"))));

        assertThat(userCart.items()).extracting(CartItem::productId).containsExactly("prod_a", "prod_b");
        assertThat(guestAsLocked.status()).isEqualTo(CartStatus.MERGED);
    }

    private static Map<String, ProductCopy> copiesOf(Collection<String> productIds) {
        Map<String, ProductCopy> copies = new LinkedHashMap<>();
        for (String id : productIds) {
            copies.put(id, new ProductCopy(id, "Widget " + id, "ACTIVE", "USD", new BigDecimal("5.00"), 1, 100, Map.of(), 1));
        }
        return copies;
    }
}
