package dev.checkout.order.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.List;

import dev.checkout.platform.web.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import dev.checkout.order.OrderProperties;

/** The door of checkout work, without a database: permits taken, held by placed orders, given back when sagas end. */
class CheckoutAdmissionTest {

    final CheckoutAdmission admission = new CheckoutAdmission(propertiesWithLimit(2), mock(JdbcClient.class), new SimpleMeterRegistry());

    @AfterEach
    void noTransactionLeftOpen() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void workBeyondTheLimitIsRefusedAsOverloadedWithWhenToComeBack() {
        placeOrder("order_1");
        placeOrder("order_2");

        assertThatThrownBy(admission::admit).isInstanceOfSatisfying(ApiException.class, refused -> {
            assertThat(refused.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(refused.code()).isEqualTo("overloaded");
            assertThat(refused.retryAfter()).contains(Duration.ofSeconds(1));
        });
    }

    @Test
    void theDoorTellsItsLimitWhateverIsInFlight() {
        placeOrder("order_1");

        assertThat(admission.limit()).isEqualTo(2);
        assertThat(admission.room()).isEqualTo(1);
    }

    @Test
    void theDoorInvitesAWholeLimitWhileWithinItAndLessTheFurtherInvitedWorkGoesPastIt() {
        assertThat(admission.invitable()).as("nothing in flight").isEqualTo(2);
        placeOrder("order_1");
        placeOrder("order_2");
        assertThat(admission.invitable()).as("at the limit, no room left").isEqualTo(2);

        placeInvitedOrder("order_invited_1");
        assertThat(admission.invitable()).isEqualTo(1);
        placeInvitedOrder("order_invited_2");
        assertThat(admission.invitable()).as("a second limit's worth in flight").isZero();

        admission.sagaEnded("order_invited_1");
        assertThat(admission.invitable()).isEqualTo(1);
    }

    @Test
    void invitedWorkIsLetInPastTheLimitAndKeepsTheRoomShutUntilItsSagaEnds() {
        placeOrder("order_1");
        placeOrder("order_2");
        assertThat(admission.room()).isZero();

        placeInvitedOrder("order_invited");
        admission.sagaEnded("order_1");

        assertThat(admission.room()).as("the invited order still counts").isZero();
        assertThatThrownBy(admission::admit).isInstanceOf(ApiException.class);
        admission.sagaEnded("order_invited");
        assertThat(admission.room()).isEqualTo(1);
        assertThat(admission.admit()).isNotNull();
    }

    @Test
    void anInvitedPermitPastTheLimitThatPlacedNothingGivesTheRoomBackAtOnce() {
        placeOrder("order_1");
        placeOrder("order_2");
        admission.sagaEnded("order_1");

        admission.admitInvited().release();
        CheckoutAdmission.Permit pastTheLimit = admission.admitInvited();
        assertThat(admission.room()).isZero();
        pastTheLimit.release();
        pastTheLimit.release();

        assertThat(admission.room()).isEqualTo(1);
    }

    @Test
    void anOrdersPermitComesBackWhenItsSagaEnds() {
        placeOrder("order_1");
        placeOrder("order_2");

        admission.sagaEnded("order_1");

        assertThat(admission.admit()).isNotNull();
    }

    @Test
    void aRequestThatPlacedNothingGivesItsPermitBackAtOnce() {
        for (int attempt = 0; attempt < 10; attempt++) {
            admission.admit().release();
        }
        assertThat(admission.admit()).isNotNull();
    }

    @Test
    void aPlacementThatRolledBackHoldsNoPermit() {
        TransactionSynchronizationManager.initSynchronization();
        CheckoutAdmission.Permit permit = admission.admit();
        permit.heldBy("order_rolled_back");
        finish(TransactionSynchronization.STATUS_ROLLED_BACK);
        permit.release();

        placeOrder("order_1");
        placeOrder("order_2");
    }

    /** An order a flash sale's token holder placed in a transaction that commits: its permit stays taken. */
    private void placeInvitedOrder(String orderId) {
        TransactionSynchronizationManager.initSynchronization();
        CheckoutAdmission.Permit permit = admission.admitInvited();
        permit.heldBy(orderId);
        finish(TransactionSynchronization.STATUS_COMMITTED);
        permit.release();
    }

    /** An order placed in a transaction that commits: its permit stays taken. */
    private void placeOrder(String orderId) {
        TransactionSynchronizationManager.initSynchronization();
        CheckoutAdmission.Permit permit = admission.admit();
        permit.heldBy(orderId);
        finish(TransactionSynchronization.STATUS_COMMITTED);
        permit.release(); // what OrderPlacement does in its finally: a no-op once the order holds the permit
    }

    private static void finish(int status) {
        List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        synchronizations.forEach(s -> s.afterCompletion(status));
    }

    private static OrderProperties propertiesWithLimit(int limit) {
        return new OrderProperties(Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofSeconds(30), 5, Duration.ofMinutes(5),
                Duration.ofSeconds(5), Duration.ofHours(24), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30),
                new OrderProperties.Admission(true, Duration.ofSeconds(1), limit, limit, limit, 0.95, Duration.ofSeconds(1),
                        Duration.ofMinutes(10)));
    }
}
