package dev.checkout.order.saga;

import dev.checkout.order.saga.engine.SagaEngine;

/** A saga the order service runs. Each is registered once, by its type, in {@link SagaRegistry}. */
public interface OrchestratedSaga {

    SagaEngine<?> engine();
}
