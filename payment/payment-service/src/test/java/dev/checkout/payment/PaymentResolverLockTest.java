package dev.checkout.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Test;

/**
 * The resolver runs every second; a process killed while holding its lock blocks every other instance's resolver
 * until the lock lapses, so it holds it briefly, as the other frequent jobs do.
 */
class PaymentResolverLockTest {

    @Test
    void aCrashedResolverBlocksTheOthersForAtMostTwentySeconds() throws NoSuchMethodException {
        SchedulerLock lock = PaymentResolver.class.getDeclaredMethod("resolveDue").getAnnotation(SchedulerLock.class);

        assertThat(Duration.parse(lock.lockAtMostFor())).isLessThanOrEqualTo(Duration.ofSeconds(20));
    }
}
