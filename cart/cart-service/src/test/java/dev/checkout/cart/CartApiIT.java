package dev.checkout.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.checkout.platform.testing.ApiResponse;
import org.junit.jupiter.api.Test;

/** Every cart endpoint through HTTP: what it answers when all is well, and each way it refuses. */
class CartApiIT extends CartIntegrationTest {

    @Test
    void aGuestGetsANewEmptyCartWithAnUnguessableId() {
        ApiResponse first = api().post("/api/v1/carts", null);
        ApiResponse second = api().post("/api/v1/carts", null);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.text("/cart_id")).matches("cart_[0-9a-f]{32}").isNotEqualTo(second.text("/cart_id"));
        assertThat(first.header("Location")).isEqualTo("/api/v1/carts/" + first.text("/cart_id"));
        assertThat(first.text("/status")).isEqualTo("ACTIVE");
        assertThat(first.text("/user_id")).isNull();
        assertThat(first.json().path("items")).isEmpty();
        assertThat(amount(first, "/subtotal")).isEqualByComparingTo("0.00");
        assertThat(first.json().path("item_count").asInt()).isZero();
        assertThat(first.text("/currency")).isEqualTo("USD");
        assertThat(first.json().path("warnings")).isEmpty();
    }

    @Test
    void aUserHasOneCurrentCartAndGetsItBackEveryTime() {
        Shopper user = newUser();
        ApiResponse first = user.api().post("/api/v1/carts", null);
        ApiResponse again = user.api().post("/api/v1/carts", null);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.text("/cart_id")).isEqualTo(first.text("/cart_id"));
        assertThat(first.text("/user_id")).isEqualTo(user.userId());
        assertThat(user.view(first.text("/cart_id")).status()).isEqualTo(200);
    }

    @Test
    void addingAProductTwiceSumsTheQuantitiesAndTheTotalsFollow() {
        String widget = upstream.productInStock("12.50", 20);
        String gadget = upstream.productInStock("3.99", 20);
        Shopper guest = guest();
        String cart = guest.cart();

        guest.added(cart, widget, 2);
        guest.added(cart, widget, 1);
        ApiResponse answer = guest.added(cart, gadget, 4);

        assertThat(answer.json().path("items")).hasSize(2);
        assertThat(answer.text("/items/0/product_id")).isEqualTo(widget);
        assertThat(answer.json().at("/items/0/quantity").asInt()).isEqualTo(3);
        assertThat(answer.text("/items/0/cart_item_id")).startsWith("item_");
        assertThat(amount(answer, "/items/0/unit_price")).isEqualByComparingTo("12.50");
        assertThat(amount(answer, "/items/0/price_at_addition")).isEqualByComparingTo("12.50");
        assertThat(amount(answer, "/items/0/line_total")).isEqualByComparingTo("37.50");
        assertThat(answer.json().at("/items/0/in_stock").asBoolean()).isTrue();
        assertThat(amount(answer, "/items/1/line_total")).isEqualByComparingTo("15.96");
        assertThat(amount(answer, "/subtotal")).isEqualByComparingTo("53.46");
        assertThat(answer.json().path("item_count").asInt()).isEqualTo(7);
        assertThat(answer.json().path("warnings")).isEmpty();
        assertThat(guest.view(cart).json()).isEqualTo(answer.json());
        assertThat(answer.body()).as("money as numbers with two decimals")
                .contains("\"unit_price\":12.50").contains("\"subtotal\":53.46").contains("\"line_total\":15.96");
    }

    @Test
    void aVariantIsAddedAtItsOwnPriceAndUnderItsOwnName() {
        String[] shirt = upstream.productWithVariant("20.00", 5);
        Shopper guest = guest();
        String cart = guest.cart();

        ApiResponse added = guest.addVariant(cart, shirt[0], shirt[1], 1);

        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.text("/items/0/variant_id")).isEqualTo(shirt[1]);
        assertThat(added.text("/items/0/name")).isEqualTo("Shirt (Large)");
        assertThat(amount(added, "/items/0/unit_price")).isEqualByComparingTo("22.00");
        assertThat(guest.addVariant(cart, shirt[0], "var_00000000000000000000000000000000", 1).code()).isEqualTo("product_not_found");
    }

    @Test
    void aQuantityBelowOneOrAMalformedBodyIsABadRequestThatChangesNothing() {
        String widget = upstream.productInStock("1.00", 20);
        Shopper guest = guest();
        String cart = guest.cart();
        guest.added(cart, widget, 1);
        String path = "/api/v1/carts/" + cart + "/items";

        for (int quantity : new int[] {0, -2}) {
            ApiResponse refused = guest.add(cart, widget, quantity);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation_failed");
            assertThat(refused.text("/errors/0/field")).isEqualTo("quantity");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(api().send("POST", path, "{\"product_id\": \"" + widget + "\", \"quantity\": \"2\"}").text("/errors/0/field"))
                .isEqualTo("quantity");
        assertThat(api().send("POST", path, "{\"product_id\": \"" + widget + "\", \"quantity\": 1.5}").status()).isEqualTo(400);
        assertThat(api().send("POST", path, "{\"product_id\": \"" + widget + "\"}").text("/errors/0/field")).isEqualTo("quantity");
        assertThat(api().send("POST", path, "{\"quantity\": 1}").text("/errors/0/field")).isEqualTo("product_id");
        assertThat(api().send("POST", path, "{\"product_id\": ").status()).isEqualTo(400);
        assertThat(api().send("POST", path, "[1, 2]").status()).isEqualTo(400);

        ApiResponse after = guest.view(cart);
        assertThat(after.json().at("/items/0/quantity").asInt()).isEqualTo(1);
        assertThat(after.json().path("items")).hasSize(1);
    }

    @Test
    void aProductThatDoesNotExistIsUnprocessable() {
        Shopper guest = guest();
        String cart = guest.cart();

        for (String product : new String[] {"prod_00000000000000000000000000000000", "nonsense", "prod_x/../../admin"}) {
            ApiResponse refused = guest.add(cart, product, 1);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("product_not_found");
        }
        String retired = upstream.productInStock("5.00", 5);
        upstream.productChanged(retired, "Retired", "5.00", "INACTIVE", 2, java.util.List.of());
        assertThat(guest.add(cart, retired, 1).code()).isEqualTo("product_not_found");
        assertThat(guest.view(cart).json().path("items")).isEmpty();
    }

    @Test
    void moreThanThePerItemLimitIsRefusedWhetherAddedAtOnceOrBitByBit() {
        String widget = upstream.productInStock("2.00", 100);
        Shopper guest = guest();
        String cart = guest.cart();

        ApiResponse atOnce = guest.add(cart, widget, 11);
        assertThat(atOnce.status()).isEqualTo(422);
        assertThat(atOnce.code()).isEqualTo("quantity_limit_exceeded");
        assertThat(atOnce.json().path("max_quantity").asInt()).isEqualTo(10);

        guest.added(cart, widget, 6);
        assertThat(guest.add(cart, widget, 5).code()).isEqualTo("quantity_limit_exceeded");
        String item = guest.view(cart).text("/items/0/cart_item_id");
        assertThat(guest.api().put("/api/v1/carts/" + cart + "/items/" + item, Map.of("quantity", 11)).code())
                .isEqualTo("quantity_limit_exceeded");
        assertThat(guest.view(cart).json().at("/items/0/quantity").asInt()).isEqualTo(6);
        assertThat(guest.add(cart, widget, 4).status()).isEqualTo(201);
    }

    @Test
    void nothingAvailableIsRefusedButMoreThanAvailableIsAcceptedWithAWarning() {
        String soldOut = upstream.productInStock("9.00", 0);
        String scarce = upstream.productInStock("9.00", 2);
        Shopper guest = guest();
        String cart = guest.cart();

        ApiResponse refused = guest.add(cart, soldOut, 1);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("out_of_stock");

        ApiResponse accepted = guest.add(cart, scarce, 3);
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.json().at("/items/0/quantity").asInt()).isEqualTo(3);
        assertThat(accepted.text("/warnings/0/code")).isEqualTo("limited_stock");
        assertThat(accepted.text("/warnings/0/product_id")).isEqualTo(scarce);
        assertThat(accepted.text("/warnings/0/message")).contains("2");
    }

    @Test
    void anItemsQuantityCanBeChangedAndTheItemRemoved() {
        String widget = upstream.productInStock("4.00", 20);
        Shopper guest = guest();
        String cart = guest.cart();
        String item = guest.added(cart, widget, 1).text("/items/0/cart_item_id");
        String itemPath = "/api/v1/carts/" + cart + "/items/" + item;

        ApiResponse changed = guest.api().put(itemPath, Map.of("quantity", 5));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(amount(changed, "/subtotal")).isEqualByComparingTo("20.00");
        assertThat(guest.api().put(itemPath, Map.of("quantity", 0)).status()).isEqualTo(400);
        assertThat(guest.api().send("PUT", itemPath, "{}").text("/errors/0/field")).isEqualTo("quantity");
        assertThat(guest.api().put("/api/v1/carts/" + cart + "/items/item_nope", Map.of("quantity", 1)).status()).isEqualTo(404);

        assertThat(guest.api().delete(itemPath).status()).isEqualTo(204);
        assertThat(guest.api().delete(itemPath).status()).isEqualTo(404);
        ApiResponse empty = guest.view(cart);
        assertThat(empty.json().path("items")).isEmpty();
        assertThat(amount(empty, "/subtotal")).isEqualByComparingTo("0.00");
    }

    @Test
    void someoneElsesCartIsNotFoundWhateverIsAskedOfIt() {
        String widget = upstream.productInStock("4.00", 20);
        Shopper owner = newUser();
        String cart = owner.cart();
        String item = owner.added(cart, widget, 1).text("/items/0/cart_item_id");
        Shopper stranger = newUser();
        String itemPath = "/api/v1/carts/" + cart + "/items/" + item;

        assertThat(stranger.view(cart).status()).isEqualTo(404);
        assertThat(guest().view(cart).status()).isEqualTo(404);
        assertThat(stranger.add(cart, widget, 1).status()).isEqualTo(404);
        assertThat(stranger.api().send("POST", "/api/v1/carts/" + cart + "/items", "{\"quantity\": ").status()).isEqualTo(404);
        assertThat(stranger.api().put(itemPath, Map.of("quantity", 2)).status()).isEqualTo(404);
        assertThat(stranger.api().delete(itemPath).status()).isEqualTo(404);
        assertThat(stranger.checkout(cart, "chk_x").status()).isEqualTo(404);
        assertThat(stranger.view(cart).code()).isEqualTo("not_found");
        assertThat(owner.view(cart).json().at("/items/0/quantity").asInt()).isEqualTo(1);

        for (String unknown : new String[] {"cart_00000000000000000000000000000000", "nope", "cart_%20"}) {
            assertThat(owner.view(unknown).status()).isEqualTo(404);
        }
    }

    @Test
    void aGuestCartIsReachableByAnyoneWhoHoldsItsId() {
        String widget = upstream.productInStock("4.00", 20);
        String cart = guest().cart();
        guest().added(cart, widget, 1);

        assertThat(newUser().view(cart).json().at("/items/0/quantity").asInt()).isEqualTo(1);
    }
}
