package dev.checkout.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bad values are named as the client wrote them. */
class FieldPathsTest {

    @Test
    void javaPropertyNamesBecomeTheSnakeCaseNamesOfTheContract() {
        assertThat(FieldPaths.snakeCase("items[0].productId")).isEqualTo("items[0].product_id");
        assertThat(FieldPaths.snakeCase("shippingAddress.postalCode")).isEqualTo("shipping_address.postal_code");
    }

    @Test
    void aValidatedParameterPathLosesItsMethodAndParameterNames() {
        assertThat(FieldPaths.withoutMethodAndParameter("create.request.items[0].quantity")).isEqualTo("items[0].quantity");
        assertThat(FieldPaths.withoutMethodAndParameter("quantity")).isEqualTo("quantity");
    }
}
