package dev.checkout.order.saga;

import java.util.List;

import dev.checkout.order.saga.engine.SagaEngine;
import dev.checkout.order.saga.engine.SagaStore;
import dev.checkout.order.saga.engine.Sagas;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every {@link OrchestratedSaga} bean, each by its type: replies ({@link SagaReplies}) and recovery ({@link SagaRecovery})
 * reach a saga through {@link Sagas} without naming the sagas that exist. A new saga is a new bean, nothing else.
 */
@Configuration(proxyBeanMethods = false)
class SagaRegistry {

    @Bean
    Sagas sagas(SagaStore store, List<OrchestratedSaga> sagas) {
        return new Sagas(store, sagas.stream().<SagaEngine<?>>map(OrchestratedSaga::engine).toList());
    }
}
