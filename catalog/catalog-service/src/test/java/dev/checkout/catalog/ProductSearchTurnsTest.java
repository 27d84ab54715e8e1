package dev.checkout.catalog;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.PageQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Searches take turns: as many at once as configured, the others wait, and one that waits too long is refused. */
class ProductSearchTurnsTest {

    private static final ProductSearch.Query ANY_QUERY = new ProductSearch.Query("kettle", null, null, null, null, null, null, null);
    private static final PageQuery FIRST_PAGE = PageQuery.of(1, 20);

    private final SearchIndex index = mock(SearchIndex.class);
    private final ProductSearch.Results found = new ProductSearch.Results(List.of(), null, Map.of());
    private final ExecutorService otherShopper = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        otherShopper.shutdownNow();
    }

    @Test
    void aSearchThatGetsNoTurnWithinItsWaitIsRefusedAsOverloadedABadOneStillGetsItsFourHundredAndTheNextIsServedOnceATurnIsFree() throws Exception {
        CountDownLatch searching = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        when(index.withSearcher(any())).thenAnswer(call -> {
            searching.countDown();
            assertThat(finish.await(10, SECONDS)).isTrue();
            return found;
        }).thenReturn(found);
        ProductSearch search = new ProductSearch(index, null, new SearchProperties(null, Duration.ofSeconds(5), 1, Duration.ofMillis(50)));

        Future<ProductSearch.Results> holdingTheTurn = otherShopper.submit(() -> search.find(ANY_QUERY, FIRST_PAGE));
        assertThat(searching.await(10, SECONDS)).isTrue();

        assertThatThrownBy(() -> search.find(ANY_QUERY, FIRST_PAGE)).isInstanceOfSatisfying(ApiException.class, refused -> {
            assertThat(refused.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(refused.code()).isEqualTo("overloaded");
            assertThat(refused.retryAfter()).isPresent();
        });
        assertThatThrownBy(() -> search.find(new ProductSearch.Query(null, null, null, null, null, null, null, "cheapest"), FIRST_PAGE))
                .as("a bad request gets its 400 whatever the load")
                .isInstanceOfSatisfying(ApiException.class, refused -> assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST));
        finish.countDown();
        assertThat(holdingTheTurn.get(10, SECONDS)).isSameAs(found);
        assertThat(search.find(ANY_QUERY, FIRST_PAGE)).isSameAs(found);
    }
}
