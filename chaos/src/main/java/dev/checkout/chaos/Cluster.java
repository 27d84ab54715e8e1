package dev.checkout.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.gateway.GatewaySimulator;
import dev.checkout.gateway.RunningGatewaySimulator;
import dev.checkout.platform.infra.EmbeddedServers;
import dev.checkout.platform.infra.FreePorts;
import dev.checkout.platform.infra.ServerAddresses;
import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ServiceProcess;

/**
 * The platform as four processes on servers this JVM owns: {@code edge} (identity, catalog, pricing, cart,
 * fulfillment, notification), {@code order}, {@code inventory} and {@code payment}, each on a fixed port so a restarted
 * process keeps its address. Timeouts are short (the chaos profile) so a run settles within seconds of its faults.
 */
final class Cluster implements AutoCloseable {

    static final String ADMIN_EMAIL = "chaos-admin@localhost";
    static final String ADMIN_PASSWORD = "chaos-admin-password";
    private static final String SERVICE_CREDENTIAL = "credential-" + java.util.UUID.randomUUID();

    enum Role {
        EDGE("identity,catalog,pricing,cart,fulfillment,notification"), ORDER("order"), INVENTORY("inventory"), PAYMENT("payment");

        final String services;

        Role(String services) {
            this.services = services;
        }
    }

    /** Settings that make a run settle fast: the production defaults are minutes. */
    static final List<String> CHAOS_PROFILE = List.of(
            "--checkout.orders.step-timeout=PT4S",
            "--checkout.orders.step-retries=5",
            "--checkout.orders.payment-timeout=PT25S",
            "--checkout.orders.recovery-interval=PT1S",
            "--checkout.orders.reservation-ttl=PT40S",
            "--checkout.orders.expiry-interval=PT1S",
            "--checkout.orders.reservation-wait=PT8S",
            "--checkout.inventory.expiry-interval=PT2S",
            "--checkout.payment.resolve-interval=500ms",
            "--checkout.payment.first-retry-after=1s",
            "--checkout.payment.max-retry-after=4s",
            "--checkout.payment.reconciliation.interval=3s",
            "--checkout.payment.reconciliation.grace=5s",
            "--checkout.inventory.reconciliation.interval=3s",
            "--checkout.inventory.reconciliation.grace=5s",
            "--checkout.inventory.gate.reconciliation-interval=3s",
            "--checkout.inventory.gate.orphan-grace=5s",
            "--checkout.orders.idempotency-lease=PT5S",
            "--resilience4j.timelimiter.instances.payment-gateway.timeout-duration=4s",
            "--resilience4j.retry.instances.payment-gateway.wait-duration=200ms",
            "--resilience4j.circuitbreaker.instances.payment-gateway.wait-duration-in-open-state=5s",
            "--checkout.messaging.retry-backoffs=200ms,400ms,800ms",
            "--checkout.messaging.relay-retention=P1D",
            "--checkout.flash-sale.token-ttl=PT8S");

    private final Path directory;
    private final EmbeddedServers servers;
    private final ServerAddresses addresses;
    private final RunningGatewaySimulator gateway;
    private final Map<Role, Integer> ports = new LinkedHashMap<>();
    private final Map<Role, ServiceProcess> processes = new LinkedHashMap<>();

    private Cluster(Path directory, EmbeddedServers servers, RunningGatewaySimulator gateway) {
        this.directory = directory;
        this.servers = servers;
        this.addresses = ServerAddresses.of(servers);
        this.gateway = gateway;
        for (Role role : Role.values()) {
            ports.put(role, FreePorts.next());
        }
    }

    static Cluster start() {
        try {
            Path directory = Files.createTempDirectory("checkout-chaos-");
            EmbeddedServers servers = EmbeddedServers.start(directory.resolve("servers"));
            RunningGatewaySimulator gateway = GatewaySimulator.start(0, directory.resolve("gateway"), Duration.ofSeconds(6));
            Cluster cluster = new Cluster(directory, servers, gateway);
            // Edge first: the others' first calls (catalog prices, schemas) go to it.
            cluster.startRole(Role.EDGE, null);
            List<Thread> starting = new ArrayList<>();
            for (Role role : List.of(Role.INVENTORY, Role.PAYMENT, Role.ORDER)) {
                starting.add(Thread.ofPlatform().start(() -> cluster.startRole(role, null)));
            }
            for (Thread thread : starting) {
                thread.join();
            }
            for (Role role : Role.values()) {
                if (!cluster.isRunning(role)) {
                    throw new IllegalStateException(role + " did not start");
                }
            }
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts (or restarts) a role's process, optionally armed with a crash point. */
    synchronized void startRole(Role role, String crashPoint) {
        List<String> arguments = new ArrayList<>(List.of("--gateway-url", gateway.baseUrl()));
        arguments.addAll(CHAOS_PROFILE);
        for (Role other : Role.values()) {
            for (String service : other.services.split(",")) {
                arguments.add("--checkout.services." + service + ".url=http://127.0.0.1:" + ports.get(other));
            }
        }
        if (crashPoint != null) {
            arguments.add("--checkout.crash-points=" + crashPoint);
        }
        try {
            processes.put(role, ServiceProcess.start(role.services, addresses, Map.of(
                    "CHECKOUT_ADMIN_EMAIL", ADMIN_EMAIL,
                    "CHECKOUT_ADMIN_PASSWORD", ADMIN_PASSWORD,
                    // One identity key for the run (kept across restarts of the edge) and one credential for the services.
                    "CHECKOUT_SECURITY_SIGNING_KEY_FILE", directory.resolve("identity-signing-key.json").toString(),
                    "CHECKOUT_SECURITY_SERVICE_CREDENTIAL", SERVICE_CREDENTIAL,
                    "SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", "8"), arguments, ports.get(role)));
        } catch (IllegalStateException e) {
            if (crashPoint == null || !String.valueOf(e.getMessage()).contains("exited with 137")) {
                throw e;
            }
            // Work left over from earlier runs reached the crash point while the process was starting: it halted.
            processes.remove(role);
        }
    }

    /**
     * Starts every role that is not running: one whose start timed out or that died outside a scenario's fault would
     * otherwise stay down through the runs after it, and they would report its absence as their violations.
     */
    synchronized void startStopped() {
        for (Role role : Role.values()) {
            if (!isRunning(role)) {
                startRole(role, null);
            }
        }
    }

    synchronized boolean isRunning(Role role) {
        ServiceProcess process = processes.get(role);
        return process != null && process.isAlive();
    }

    /** SIGKILL. */
    synchronized void kill(Role role) {
        ServiceProcess process = processes.get(role);
        if (process != null && process.isAlive()) {
            process.kill();
        }
    }

    /** Waits for a process armed with a crash point to halt, up to {@code timeout}; returns whether it did. */
    boolean awaitHalt(Role role, Duration timeout) {
        ServiceProcess process;
        synchronized (this) {
            process = processes.get(role);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process == null || !process.isAlive()) {
                return true;
            }
            sleep(Duration.ofMillis(100));
        }
        return false;
    }

    ApiClient api(Role role) {
        return ApiClient.atPort(ports.get(role));
    }

    EmbeddedServers servers() {
        return servers;
    }

    ServerAddresses addresses() {
        return addresses;
    }

    RunningGatewaySimulator gateway() {
        return gateway;
    }

    ApiClient gatewayApi() {
        return ApiClient.at(gateway.baseUrl());
    }

    String logTail(Role role) {
        ServiceProcess process = processes.get(role);
        return process == null ? "" : process.logTail();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean closed;

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        processes.values().forEach(ServiceProcess::close);
        gateway.close();
        servers.close();
    }
}
