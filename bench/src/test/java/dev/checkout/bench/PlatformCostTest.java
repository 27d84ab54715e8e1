package dev.checkout.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformCostTest {

    @Test
    void eachServersTimeIsToldApartAndTakenPerOrder() {
        var before = new PlatformCost.ServersCpu(10_000_000, 5_000_000, 1_000_000);
        var after = new PlatformCost.ServersCpu(40_000_000, 25_000_000, 2_000_000);

        PlatformCost.ServersCpu spent = after.minus(before);

        assertThat(spent.total()).isEqualTo(51_000_000);
        assertThat(spent.describe(10, "ms")).isEqualTo("PostgreSQL 3.0 ms, Kafka 2.0 ms, Redis 0.1 ms");
    }

    @Test
    void aJavaProcessIsNotTakenForRedis() {
        assertThat(PlatformCost.isRedis(ProcessHandle.current())).isFalse();
    }

    @Test
    void requestsToTemplatedPathsAreCountedWithEveryOther() {
        String scrape = """
                # HELP http_server_requests_seconds
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_bucket{error="none",method="GET",outcome="SUCCESS",status="200",uri="/api/v1/orders/{orderId}/status",le="0.001"} 3
                http_server_requests_seconds_count{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/api/v1/orders/{orderId}/status"} 7
                http_server_requests_seconds_sum{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/api/v1/orders/{orderId}/status"} 0.25
                http_server_requests_seconds_count{error="none",exception="none",method="POST",outcome="SUCCESS",status="202",uri="/api/v1/orders"} 2
                http_server_requests_seconds_count{error="none",exception="none",method="POST",outcome="SUCCESS",status="200",uri="/api/v1/pricing/quotes"} 2.0
                http_server_requests_active_seconds_count{method="GET",uri="UNKNOWN"} 1
                """;

        assertThat(PlatformCost.requestsIn(scrape)).isEqualTo(11);
    }

    @Test
    void theJvmsCompilationTimeIsReadFromItsCounterAndNotFromItsHelpText() {
        String scrape = """
                # HELP jvm_compilation_time_ms_total The approximate accumulated elapsed time spent in compilation
                # TYPE jvm_compilation_time_ms_total counter
                jvm_compilation_time_ms_total{compiler="HotSpot 64-Bit Tiered Compilers"} 25704.0
                process_cpu_time_ns_total 3.564E10
                """;

        assertThat(PlatformCost.compilationMillisIn(scrape)).isEqualTo(25_704);
    }

    @Test
    void aStatLineIsReadAfterTheLastParenthesisOfItsCommandName() {
        String line = "4242 (postgres: checkout (idle) x) S 1 4242 4242 0 -1 4194560 120 0 0 0 731 215 1900 640 20 0 1 0 900 1 2 3";

        PlatformCost.ProcStat stat = PlatformCost.ProcStat.parse(line);

        assertThat(stat).isEqualTo(new PlatformCost.ProcStat(731, 215, 1900, 640));
        assertThat(stat.withReapedChildrenNanos()).isEqualTo((731 + 215 + 1900 + 640) * 10_000_000L);
    }

    @Test
    void whatAnExitedDescendantUsedStillCountsThroughTheParentThatReapedIt() throws Exception {
        // A subshell burns CPU and exits; its parent reaps it and then becomes a sleep: the live processes alone show
        // almost nothing, the parent's reaped-children time shows the subshell's work.
        Process shell = new ProcessBuilder("bash", "-c", "( i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done ); exec sleep 60").start();
        try {
            await("the subshell exited and its parent became a sleep").atMost(Duration.ofSeconds(60))
                    .until(() -> shell.info().command().map(command -> command.endsWith("sleep")).orElse(false));

            long liveOnly = PlatformCost.cpuNanos(shell.toHandle());
            long withReaped = PlatformCost.descendantsCpuNanos(ProcessHandle.current());

            assertThat(withReaped - liveOnly).isGreaterThan(Duration.ofMillis(100).toNanos());
        } finally {
            shell.destroyForcibly();
        }
    }

    @Test
    void aDaemonNamedByItsPidFileIsMeasuredWithWhatItsExitedChildrenUsed(@TempDir Path data) throws Exception {
        // As PostgreSQL's postmaster: not a child of anyone measured, found by the pid file's first line, and the parent
        // of backends that come and go.
        Process daemon = new ProcessBuilder("bash", "-c", "( i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done ); exec sleep 60").start();
        try {
            Path pidFile = Files.writeString(data.resolve("postmaster.pid"), daemon.pid() + "\n" + data + "\n");
            await("the child exited and the daemon became a sleep").atMost(Duration.ofSeconds(60))
                    .until(() -> daemon.info().command().map(command -> command.endsWith("sleep")).orElse(false));

            assertThat(PlatformCost.treeCpuNanos(pidFile)).isGreaterThan(Duration.ofMillis(100).toNanos());
            assertThat(PlatformCost.treeCpuNanos(data.resolve("no-such.pid"))).isZero();
        } finally {
            daemon.destroyForcibly();
        }
    }
}
