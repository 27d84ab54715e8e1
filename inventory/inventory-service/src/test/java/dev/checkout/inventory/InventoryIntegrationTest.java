package dev.checkout.inventory;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.checkout.platform.testing.CheckoutIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The inventory service booted alone against the run's real PostgreSQL and Kafka, with the gate on a real Redis of
 * its own ({@link GateRedisServer}) that tests may flush or stop. The background jobs run fast here (reconciliation
 * every second, orphans given back after two, expiry every half second) so that tests can watch them work. Every test
 * class shares this one configuration, hence one application context.
 */
@CheckoutIntegrationTest(classes = InventoryTestApplication.class, properties = {
        "checkout.inventory.gate.reconciliation-interval=PT1S",
        "checkout.inventory.gate.recovery-interval=PT0.2S",
        "checkout.inventory.gate.orphan-grace=PT2S",
        "checkout.inventory.gate.breaker-open-for=PT0.5S",
        "checkout.inventory.expiry-interval=PT0.5S"})
abstract class InventoryIntegrationTest {

    @Autowired
    StockReservations reservations;

    @Autowired
    StockGate gate;

    @Autowired
    GateRepairs repairs;

    StockFixtures stock;

    @DynamicPropertySource
    static void gateRedis(DynamicPropertyRegistry registry) {
        registry.add("checkout.inventory.gate.redis-url", GateRedisServer::url);
    }

    @BeforeEach
    void fixtures(@Autowired StockAdministration administration, @Autowired JdbcClient jdbc,
                  @Autowired PlatformTransactionManager transactions) {
        stock = new StockFixtures(administration, jdbc, transactions);
    }

    /** A test that stopped Redis starts it again; every test begins with the gate deciding. */
    @BeforeEach
    void gateIsDeciding() {
        if (!GateRedisServer.isRunning()) {
            GateRedisServer.start();
        }
        await("the gate trusted").atMost(Duration.ofSeconds(30)).until(gate::isTrusted);
    }
}
