package dev.checkout.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * What the platform did, read from the servers' own counters: PostgreSQL's committed transactions
 * ({@code pg_stat_database}), the records on every topic (the brokers' end offsets), and the HTTP requests the
 * platform served ({@code http_server_requests_seconds_count} on {@code /actuator/prometheus}), and the CPU time the
 * operating system charged to the platform's JVM and to the servers it started (Redis and the Kafka broker, its
 * descendant processes; the embedded PostgreSQL, which runs as a daemon). Two readings taken around a measured run give
 * what that run cost. CPU time per order is the figure that load on the machine from elsewhere (the load generator
 * included) does not change.
 */
final class PlatformCost implements AutoCloseable {

    /**
     * One request counter of a Prometheus scrape. The labels run to the line's last brace: a templated path
     * ({@code uri="/api/v1/orders/{orderId}/status"}) has braces of its own, which a pattern stopping at the first one
     * missed, so every request to such a path went uncounted.
     */
    private static final Pattern REQUESTS = Pattern.compile("^http_server_requests_seconds_count\\{.*}\\s+([0-9.eE+]+)\\s*$", Pattern.MULTILINE);
    /** The platform JVM's time compiling (Micrometer's {@code jvm.compilation.time}), one line per compiler. */
    private static final Pattern COMPILATION = Pattern.compile("^jvm_compilation_time_ms_total(?:\\{.*})?\\s+([0-9.eE+]+)\\s*$", Pattern.MULTILINE);

    private final String jdbcUrl;
    private final Admin kafka;
    private final ApiCalls api;
    private final ProcessHandle platform;
    private final Path postmasterPidFile;

    /**
     * @param platform          the platform's JVM, whose descendants are Redis and the Kafka broker
     * @param postmasterPidFile the embedded PostgreSQL's {@code postmaster.pid} (null when there is none to measure)
     */
    PlatformCost(String jdbcUrl, String kafkaBootstrap, ApiCalls api, ProcessHandle platform, Path postmasterPidFile) {
        this.jdbcUrl = jdbcUrl;
        this.platform = platform;
        this.postmasterPidFile = postmasterPidFile;
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        this.kafka = Admin.create(properties);
        this.api = api;
    }

    /** The counters at one moment. */
    /**
     * @param commits transactions committed, read-only ones included ({@code pg_stat_database.xact_commit})
     * @param writes  transactions that wrote (each took a transaction id: the next id to be given out moved by one),
     *                the durable commits an order costs
     */
    record Reading(long commits, long writes, Map<String, Long> recordsByTopic, long requests, long platformCpuNanos, ServersCpu servers) {
        long records() {
            return recordsByTopic.values().stream().mapToLong(Long::longValue).sum();
        }

        long serversCpuNanos() {
            return servers.total();
        }

        Reading minus(Reading earlier) {
            Map<String, Long> records = new TreeMap<>(recordsByTopic);
            earlier.recordsByTopic.forEach((topic, count) -> records.merge(topic, -count, Long::sum));
            return new Reading(commits - earlier.commits, writes - earlier.writes, records, requests - earlier.requests,
                    platformCpuNanos - earlier.platformCpuNanos, servers.minus(earlier.servers));
        }
    }

    /** The CPU time of each server the platform runs on: where an order's time goes outside our own JVM. */
    record ServersCpu(long postgresNanos, long kafkaNanos, long redisNanos) {

        long total() {
            return postgresNanos + kafkaNanos + redisNanos;
        }

        ServersCpu minus(ServersCpu earlier) {
            return new ServersCpu(postgresNanos - earlier.postgresNanos, kafkaNanos - earlier.kafkaNanos, redisNanos - earlier.redisNanos);
        }

        /** {@code PostgreSQL a ms, Kafka b ms, Redis c ms}, each divided by {@code per}. */
        String describe(double per, String unit) {
            return String.format("PostgreSQL %.1f %s, Kafka %.1f %s, Redis %.1f %s", postgresNanos / 1e6 / per, unit,
                    kafkaNanos / 1e6 / per, unit, redisNanos / 1e6 / per, unit);
        }
    }

    Reading read() throws Exception {
        long[] database = database();
        long redis = 0;
        long kafka = 0; // the platform's other descendant is the Kafka broker (the gateway simulator runs in its JVM)
        for (ProcessHandle descendant : (Iterable<ProcessHandle>) platform.descendants()::iterator) {
            if (isRedis(descendant)) {
                redis += ownCpuNanos(descendant);
            } else {
                kafka += ownCpuNanos(descendant);
            }
        }
        return new Reading(database[0], database[1], recordsByTopic(), requests(), cpuNanos(platform),
                new ServersCpu(postgresCpuNanos(), kafka, redis));
    }

    /** Whether a process is the embedded Redis (its binary is {@code redis-server-<version>}). */
    static boolean isRedis(ProcessHandle process) {
        return process.info().command().map(command -> Path.of(command).getFileName().toString().startsWith("redis")).orElse(false);
    }

    /**
     * The embedded PostgreSQL's CPU time: its postmaster and every backend, those that exited included. It is not among
     * the platform's descendants: {@code pg_ctl} starts the postmaster as a daemon, which init adopts, so the servers'
     * figure left PostgreSQL out entirely until it was found by the pid file in its data directory.
     */
    private long postgresCpuNanos() {
        return treeCpuNanos(postmasterPidFile);
    }

    /** The CPU time of the process a pid file names (its first line), with its descendants' and reaped children's; 0 without one. */
    static long treeCpuNanos(Path pidFile) {
        if (pidFile == null || !Files.exists(pidFile)) {
            return 0;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
            return ProcessHandle.of(pid).map(postmaster -> ownCpuNanos(postmaster) + descendantsCpuNanos(postmaster)).orElse(0L);
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /**
     * The CPU time of the process's descendants (Redis, the Kafka broker): what the live ones used, plus what their
     * children that have exited used. Summing the live processes alone loses a process that exits between two readings:
     * it is in the first sum and missing from the second, so the difference takes back what it had used. Its parent, if
     * also measured, has reaped it and counts its time among its children's ({@code cutime} and {@code cstime} in
     * {@code /proc/<pid>/stat}). Without {@code /proc} (not Linux), the live processes' time is all there is.
     */
    static long descendantsCpuNanos(ProcessHandle process) {
        return process.descendants().mapToLong(PlatformCost::ownCpuNanos).sum();
    }

    /** The process's CPU time with that of its children that exited and were reaped. */
    private static long ownCpuNanos(ProcessHandle process) {
        try {
            return ProcStat.parse(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"))).withReapedChildrenNanos();
        } catch (IOException | RuntimeException gone) {
            return cpuNanos(process);
        }
    }

    /**
     * The CPU fields of one {@code /proc/<pid>/stat} line, in clock ticks (USER_HZ, 100 a second on Linux whatever the
     * kernel's own tick).
     */
    record ProcStat(long userTicks, long systemTicks, long reapedChildrenUserTicks, long reapedChildrenSystemTicks) {

        private static final long NANOS_PER_TICK = 10_000_000L;

        /** The command name is in parentheses and may hold spaces and parentheses: the fields start after the last one. */
        static ProcStat parse(String line) {
            String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
            // fields[0] is the state (field 3 of proc(5)); utime, stime, cutime and cstime are fields 14 to 17.
            return new ProcStat(Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]), Long.parseLong(fields[14]));
        }

        long withReapedChildrenNanos() {
            return (userTicks + systemTicks + reapedChildrenUserTicks + reapedChildrenSystemTicks) * NANOS_PER_TICK;
        }
    }

    /** Commits so far, and the next transaction id (read without taking one). */
    private long[] database() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select (select sum(xact_commit) from pg_stat_database),"
                     + " pg_snapshot_xmax(pg_current_snapshot())::text::bigint")) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }

    /** Every record ever written to each of the platform's topics (dead-letter topics included), from the end offsets. */
    private Map<String, Long> recordsByTopic() throws Exception {
        Set<String> topics = kafka.listTopics().names().get(30, TimeUnit.SECONDS);
        Map<String, TopicDescription> described = kafka.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.values().forEach(topic -> topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()),
                OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = kafka.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        Map<String, Long> records = new TreeMap<>();
        offsets.forEach((partition, info) -> {
            if (!partition.topic().startsWith("__")) {
                records.merge(partition.topic(), info.offset(), Long::sum);
            }
        });
        return records;
    }

    private long requests() {
        return requestsIn(api.text("/actuator/prometheus"));
    }

    /** The HTTP requests a Prometheus scrape says the platform served, over every path, method and status. */
    static long requestsIn(String metrics) {
        return sumOf(REQUESTS, metrics);
    }

    /** The milliseconds the platform JVM's JIT compilers have spent so far (elapsed time, as the JVM reports it). */
    long compilationMillis() {
        return compilationMillisIn(api.text("/actuator/prometheus"));
    }

    static long compilationMillisIn(String metrics) {
        return sumOf(COMPILATION, metrics);
    }

    private static long sumOf(Pattern counter, String metrics) {
        Matcher matcher = counter.matcher(metrics);
        double total = 0;
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return Math.round(total);
    }

    /** {@code per confirmed order: N commits, M Kafka records, K HTTP calls} for what a run cost. */
    static String perOrder(Reading cost, long confirmed, long clientRequests) {
        double orders = Math.max(1, confirmed);
        return String.format("per confirmed order: %.1f writing transactions (%.1f commits with read-only ones), %.1f Kafka records,"
                        + " %.1f HTTP calls (%.1f from the clients, %.1f between services); CPU %.1f ms (platform JVM %.1f ms, %s)",
                cost.writes() / orders, cost.commits() / orders, cost.records() / orders, cost.requests() / orders, clientRequests / orders,
                Math.max(0, cost.requests() - clientRequests) / orders, (cost.platformCpuNanos() + cost.serversCpuNanos()) / 1e6 / orders,
                cost.platformCpuNanos() / 1e6 / orders, cost.servers().describe(orders, "ms"));
    }

    /** Where an order's Kafka records went: {@code topic N.N} for each topic that took any, most first. */
    static String recordsByTopic(Reading cost, long confirmed) {
        double orders = Math.max(1, confirmed);
        return cost.recordsByTopic().entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / orders))
                .collect(Collectors.joining(", ", "Kafka records per confirmed order by topic: ", ""));
    }

    @Override
    public void close() {
        kafka.close();
    }

    /** Whatever the bench uses to ask the platform's API. */
    interface ApiCalls {
        String text(String path);
    }
}
