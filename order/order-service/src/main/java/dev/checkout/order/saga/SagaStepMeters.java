package dev.checkout.order.saga;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import dev.checkout.order.saga.engine.SagaDefinition;

/**
 * Seed 003's saga step durations: {@code checkout.saga.step.duration} by saga, step and outcome, from the moment the
 * step's command went out (the saga's row was last written) to the reply that ended the step. A retried step counts
 * from its last attempt. Each saga registers its steps when it is built, so the timers exist before the first order.
 */
@Component
public class SagaStepMeters {

    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public SagaStepMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    public void register(SagaDefinition<?> definition) {
        for (String step : definition.stepNames()) {
            timer(definition.type(), step, "completed");
            timer(definition.type(), step, "failed");
        }
    }

    void record(String saga, String step, String outcome, Duration duration) {
        if (!duration.isNegative()) {
            timer(saga, step, outcome).record(duration);
        }
    }

    private Timer timer(String saga, String step, String outcome) {
        return timers.computeIfAbsent(saga + "/" + step + "/" + outcome, key -> Timer.builder("checkout.saga.step.duration")
                .tag("saga", saga).tag("step", step).tag("outcome", outcome)
                .description("From a saga step's command to the reply that ended it")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(60))
                .register(meters));
    }
}
