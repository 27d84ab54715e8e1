package dev.checkout.order.checkout;

import dev.checkout.order.saga.CheckoutSide;
import org.springframework.stereotype.Component;

/** The checkout's side of the sagas' replies: its ids, and its admission's permits given back when a saga ends. */
@Component
class CheckoutSagaHooks implements CheckoutSide {

    private final CheckoutAdmission admission;

    CheckoutSagaHooks(CheckoutAdmission admission) {
        this.admission = admission;
    }

    @Override
    public boolean isCheckoutId(String ownerId) {
        return ownerId != null && ownerId.startsWith(Checkout.ID_PREFIX);
    }

    @Override
    public void sagaEnded(String orderId) {
        admission.sagaEnded(orderId);
    }
}
