package dev.checkout.platform.messaging;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Runs one {@link OutboxRelay} per service of this process, each on its own thread, and their {@link RelayWakeUps},
 * from the moment the context is ready until shutdown begins (before the Kafka producer and the connection pool close).
 */
class OutboxRelays implements SmartLifecycle {

    private final List<ServiceMessaging> services;
    private final MessagingSupport support;
    private final RelayConnections connections;
    private final KafkaTemplate<String, String> kafka;
    private final MessagingProperties properties;
    private final List<OutboxRelay> relays = new ArrayList<>();
    private RelayWakeUps wakeUps;
    private volatile boolean running;

    OutboxRelays(List<ServiceMessaging> services, MessagingSupport support, RelayConnections connections,
                 KafkaTemplate<String, String> kafka, MessagingProperties properties) {
        this.services = services;
        this.support = support;
        this.connections = connections;
        this.kafka = kafka;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        wakeUps = new RelayWakeUps(connections, support, services.stream().map(m -> m.service().schema()).toList());
        Thread.ofPlatform().name("outbox-relay-wake-ups").daemon(true).start(wakeUps);
        for (ServiceMessaging messaging : services) {
            OutboxRelay relay = new OutboxRelay(messaging.service(), support, connections, kafka, properties);
            relays.add(relay);
            Thread.ofPlatform().name("outbox-relay-" + messaging.service().schema()).daemon(true).start(relay);
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        relays.forEach(OutboxRelay::stop);
        relays.clear();
        if (wakeUps != null) {
            wakeUps.stop();
            wakeUps = null;
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Late to start and early to stop: after the listeners, before the producer. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
