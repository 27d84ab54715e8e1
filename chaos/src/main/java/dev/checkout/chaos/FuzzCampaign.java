package dev.checkout.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.checkout.gateway.GatewaySimulator;
import dev.checkout.gateway.RunningGatewaySimulator;
import dev.checkout.gateway.SimulatorClient;
import dev.checkout.platform.infra.EmbeddedServers;
import dev.checkout.platform.infra.ServerAddresses;
import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import dev.checkout.platform.testing.HostileInputCampaign;
import dev.checkout.platform.testing.PlatformState;
import dev.checkout.platform.testing.ServiceProcess;

/**
 * {@code ./checkout chaos fuzz [--requests 10000] [--seed S]}: the hostile-input campaign at full size against the
 * platform as {@code ./checkout run} starts it (every service in one process, its own servers and gateway, rate limits
 * off so every request reaches its endpoint). Prints {@code N requests, M 5xx, K state changes}; exits 1 on any.
 */
final class FuzzCampaign {

    private static final String ADMIN_EMAIL = "fuzz-admin@localhost";
    private static final String ADMIN_PASSWORD = "fuzz-admin-password";

    private FuzzCampaign() {
    }

    static int main(String[] args) {
        int requests = 10_000;
        long seed = System.currentTimeMillis();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i] + "; use fuzz [--requests N] [--seed S]");
                    return 2;
                }
            }
        }
        ServiceProcess.applicationJar();
        java.util.logging.Logger.getLogger("org.apache").setLevel(java.util.logging.Level.WARNING);
        Path directory = temporaryDirectory();
        try (EmbeddedServers servers = EmbeddedServers.start(directory.resolve("servers"));
             RunningGatewaySimulator gateway = GatewaySimulator.start(0, directory.resolve("gateway"));
             ServiceProcess platform = ServiceProcess.start("all", ServerAddresses.of(servers),
                     Map.of("CHECKOUT_ADMIN_EMAIL", ADMIN_EMAIL, "CHECKOUT_ADMIN_PASSWORD", ADMIN_PASSWORD),
                     List.of("--gateway-url", gateway.baseUrl()));
             PlatformState state = new PlatformState(ServerAddresses.of(servers), ledgerSize(new SimulatorClient(gateway.baseUrl())))) {
            ApiClient api = platform.api();
            ApiClient admin = loggedIn(api, ADMIN_EMAIL, ADMIN_PASSWORD);
            String email = "fuzz-" + UUID.randomUUID() + "@example.com";
            api.post("/api/v1/auth/register", Map.of("email", email, "password", "a good password"));
            ApiClient customer = loggedIn(api, email, "a good password");
            String productId = admin.post("/api/v1/admin/products", Map.of("sku", "FUZZ-" + UUID.randomUUID(), "name", "Fuzz widget",
                    "brand", "Acme", "category_path", "tools", "base_price", 4)).text("/product_id");
            admin.put("/api/v1/admin/inventory/" + productId, Map.of("warehouse_id", "wh_main", "quantity_total", 20));
            String cartId = customer.post("/api/v1/carts", null).text("/cart_id");
            customer.post("/api/v1/carts/" + cartId + "/items", Map.of("product_id", productId, "quantity", 1));
            Map<String, String> tokens = new LinkedHashMap<>();
            tokens.put("customer", customer.headers().get("Authorization").substring(7));
            tokens.put("admin", admin.headers().get("Authorization").substring(7));
            tokens.put("service", api.post("/api/v1/internal/service-tokens",
                    Map.of("service", "fuzz", "credential", ServiceProcess.serviceCredential())).text("/access_token"));

            List<HostileInputCampaign.Endpoint> endpoints = HostileInputCampaign.endpoints(admin);
            System.out.printf("fuzz: %d requests over %d endpoints, seed %d%n", requests, endpoints.size(), seed);
            long started = System.nanoTime();
            HostileInputCampaign.Result result = new HostileInputCampaign(api, tokens,
                    Map.of("productId", productId, "cartId", cartId), state::counts, seed).run(endpoints, requests);
            result.failures().forEach(failure -> System.out.println("  " + failure));
            System.out.printf("(%.0f s)%n", (System.nanoTime() - started) / 1e9);
            System.out.println(result.summary());
            return result.clean() ? 0 : 1;
        }
    }

    private static java.util.function.LongSupplier ledgerSize(SimulatorClient gateway) {
        return () -> {
            SimulatorClient.Ledger ledger = gateway.ledger();
            return ledger.charges().size() + ledger.refunds().size();
        };
    }

    private static ApiClient loggedIn(ApiClient api, String email, String password) {
        ApiResponse login = api.post("/api/v1/auth/login", Map.of("email", email, "password", password));
        if (login.status() != 200) {
            throw new IllegalStateException("cannot log in as " + email + ": " + login);
        }
        return api.withToken(login.text("/access_token"));
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("checkout-fuzz-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
