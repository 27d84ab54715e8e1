package dev.checkout.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageQueryTest {

    @Test
    void pagesCountFromOneAndDefaultToTwentyItems() {
        assertThat(PageQuery.of(null, null)).isEqualTo(new PageQuery(1, 20));
        assertThat(PageQuery.of(3, 10).offset()).isEqualTo(20);
    }

    @Test
    void aPageBelowOneOrALimitAboveAHundredIsABadRequest() {
        assertThatThrownBy(() -> PageQuery.of(0, 10)).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("validation_failed"));
        assertThatThrownBy(() -> PageQuery.of(1, 101)).isInstanceOf(ApiException.class);
    }

    @Test
    void aPageWhoseOffsetWouldOverflowIsABadRequestNotANegativeOffset() {
        assertThatThrownBy(() -> PageQuery.of(21474838, 100))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(400));
        assertThatThrownBy(() -> PageQuery.of(Integer.MAX_VALUE, 2)).isInstanceOf(ApiException.class);
        assertThat(PageQuery.of(21474837, 100).offset()).isEqualTo(2147483600);
    }

    @Test
    void paginationCountsPartialPages() {
        assertThat(Pagination.of(new PageQuery(1, 20), 41).totalPages()).isEqualTo(3);
        assertThat(Pagination.of(new PageQuery(1, 20), 0).totalPages()).isZero();
    }

    @Test
    void clientFieldPathsAreShownInSnakeCase() {
        assertThat(FieldPaths.snakeCase("items[0].productId")).isEqualTo("items[0].product_id");
    }
}
