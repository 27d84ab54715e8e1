package dev.checkout.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** When starting Redis is tried again: only for a busy binary, which clears by itself. */
class RedisServerProcessTest {

    @Test
    void aBinaryBusyBeingWrittenIsRecognisedDeepInTheCauses() {
        // The chain a fresh clone's ChaosIT reported: the library's wrapper, ProcessBuilder's, then the exec's errno.
        IOException failure = new IOException("Failed to start Redis service",
                new IOException("Cannot run program \"/tmp/redis-1/redis-server-6.2.6-v5-linux-amd64\": Exec failed, error: 26 (Text file busy) ",
                        new IOException("Exec failed, error: 26 (Text file busy) ")));

        assertThat(RedisServerProcess.isTextFileBusy(failure)).isTrue();
    }

    @Test
    void anyOtherFailureToStartIsNotTriedAgain() {
        IOException failure = new IOException("Failed to start Redis service",
                new IOException("Cannot run program \"/tmp/redis-1/redis-server\": error=13, Permission denied"));

        assertThat(RedisServerProcess.isTextFileBusy(failure)).isFalse();
        assertThat(RedisServerProcess.isTextFileBusy(new IOException((String) null))).isFalse();
    }
}
