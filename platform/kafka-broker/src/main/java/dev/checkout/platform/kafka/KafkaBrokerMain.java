package dev.checkout.platform.kafka;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one Kafka node in KRaft mode (broker and controller in one process) with its log in a directory of ours.
 * <p>
 * Usage: {@code java -jar kafka-broker.jar <data-dir> <client-port> <controller-port> [<parent-pid>]}.
 * The storage is formatted on first use and kept afterwards, so a restart on the same directory keeps every topic and
 * offset. The quorum is static ({@code controller.quorum.voters}), so ports may change between runs. When a parent pid
 * is given the broker exits as soon as that process is gone, so a killed launcher never leaves a broker behind.
 */
public final class KafkaBrokerMain {

    private static final String CLUSTER_ID = "Y2hlY2tvdXQtcGxhdGZvcm0";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: kafka-broker <data-dir> <client-port> <controller-port> [<parent-pid>]");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        int clientPort = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        if (args.length > 3) {
            exitWithParent(Long.parseLong(args[3]));
        }
        Path logDir = dataDir.resolve("log");
        Files.createDirectories(logDir);
        Path config = dataDir.resolve("server.properties");
        Files.write(config, serverProperties(logDir, clientPort, controllerPort));

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int exitCode = kafka.tools.StorageTool.execute(
                    new String[] {"format", "--cluster-id", CLUSTER_ID, "--config", config.toString(), "--ignore-formatted"},
                    new PrintStream(System.out, true));
            if (exitCode != 0) {
                System.err.println("formatting the Kafka log directory failed: exit code " + exitCode);
                System.exit(exitCode);
            }
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    private static List<String> serverProperties(Path logDir, int clientPort, int controllerPort) {
        return List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + clientPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "log.dirs=" + logDir,
                // A single node: every internal topic has one replica.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "offsets.topic.num.partitions=8",
                "num.partitions=8",
                "group.initial.rebalance.delay.ms=0",
                // After a crash the controller waits for the dead incarnation's session to expire before the restarted
                // broker may register; keep that wait short on a single node.
                "broker.heartbeat.interval.ms=500",
                "broker.session.timeout.ms=3000",
                // Topics are declared by the services that own them; a typo must not silently create a new topic.
                "auto.create.topics.enable=false",
                // Durable enough for a development machine without making every produce wait on fsync.
                "log.flush.interval.ms=1000",
                "log.retention.hours=168",
                "num.network.threads=2",
                "num.io.threads=4",
                "background.threads=2");
    }

    private static void exitWithParent(long parentPid) {
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)),
                () -> Runtime.getRuntime().halt(0));
    }
}
