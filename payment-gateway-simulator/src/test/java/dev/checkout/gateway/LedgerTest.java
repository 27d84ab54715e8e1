package dev.checkout.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.checkout.gateway.LedgerEntry.ChargeRecorded;
import dev.checkout.gateway.LedgerEntry.RefundRecorded;
import dev.checkout.gateway.LedgerEntry.StoredResponse;
import dev.checkout.gateway.LedgerState.ChargeView;
import dev.checkout.gateway.RefundRejectedException.Reason;

import tools.jackson.databind.json.JsonMapper;

class LedgerTest {

    static final JsonMapper MAPPER = SimulatorApplication.jsonMapper();

    @TempDir
    Path dataDirectory;

    final List<Ledger> opened = new ArrayList<>();

    @AfterEach
    void closeLedgers() {
        opened.forEach(Ledger::close);
    }

    Ledger open() {
        Ledger ledger = new Ledger(dataDirectory, MAPPER);
        opened.add(ledger);
        return ledger;
    }

    Ledger reopen(Ledger ledger) {
        ledger.close();
        opened.remove(ledger);
        return open();
    }

    static Charge succeeded(long amount, String key) {
        return new Charge(Ids.charge(), amount, "usd", "tok_visa", "4242", Charge.SUCCEEDED, null, null, null,
                Map.of("order", "o1"), 1_700_000_000L, key);
    }

    static Charge declined(long amount) {
        return new Charge(Ids.charge(), amount, "usd", "tok_chargeDeclined", "0002", Charge.FAILED, "card_declined",
                "Your card was declined.", null, Map.of(), 1_700_000_000L, null);
    }

    static ChargeRecorded recorded(Charge charge) {
        StoredResponse response = charge.idempotencyKey() == null ? null
                : new StoredResponse(charge.idempotencyKey(), "fingerprint-" + charge.idempotencyKey(), 200,
                        MAPPER.valueToTree(Map.of("id", charge.id())));
        return new ChargeRecorded(charge, response);
    }

    static RefundRecorded refund(Charge charge, long amount) {
        return new RefundRecorded(new Refund(Ids.refund(), charge.id(), amount, charge.currency(), 1_700_000_100L,
                null), null);
    }

    @Test
    void chargesAreListedNewestFirstAPageAtATimeWithinTheCreatedRange() {
        Ledger ledger = open();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Charge charge = new Charge(Ids.charge(), 100 + i, "usd", "tok_visa", "4242", Charge.SUCCEEDED, null, null, null,
                    Map.of(), 1_700_000_000L + i, "key-page-" + i);
            ledger.record(recorded(charge));
            ids.add(charge.id());
        }

        LedgerState.Page first = ledger.chargesCreated(1_700_000_001L, 1_700_000_004L, null, 2);
        LedgerState.Page second = ledger.chargesCreated(1_700_000_001L, 1_700_000_004L, first.charges().getLast().charge().id(), 2);

        assertThat(first.charges()).extracting(view -> view.charge().id()).containsExactly(ids.get(4), ids.get(3));
        assertThat(first.hasMore()).isTrue();
        assertThat(second.charges()).extracting(view -> view.charge().id()).containsExactly(ids.get(2), ids.get(1));
        assertThat(second.hasMore()).as("the oldest charge is before the range").isFalse();
    }

    @Test
    void chargesRefundsAndRecordedAnswersAreReadBackWhenTheLedgerIsOpenedAgain() {
        Ledger ledger = open();
        Charge charge = succeeded(1000, "key-1");
        Charge decline = declined(500);
        ledger.record(recorded(charge));
        ledger.record(recorded(decline));
        ledger.record(refund(charge, 300));

        Ledger reopened = reopen(ledger);

        assertThat(reopened.snapshot().charges()).extracting(ChargeView::charge).containsExactly(charge, decline);
        assertThat(reopened.snapshot().refunds()).hasSize(1);
        assertThat(reopened.charge(charge.id())).hasValueSatisfying(view -> {
            assertThat(view.amountRefunded()).isEqualTo(300);
            assertThat(view.refunded()).isFalse();
        });
        assertThat(reopened.entryFor("key-1")).hasValueSatisfying(entry -> {
            assertThat(entry.response().status()).isEqualTo(200);
            assertThat(entry.response().requestFingerprint()).isEqualTo("fingerprint-key-1");
            assertThat(entry.response().body().path("id").asString()).isEqualTo(charge.id());
        });
        assertThat(reopened.chargesWithKey("key-1")).extracting(ChargeView::charge).containsExactly(charge);
    }

    @Test
    void aTornLastLineIsIgnoredAndTheNextRecordFollowsTheLastCompleteOne() throws Exception {
        Ledger ledger = open();
        Charge kept = succeeded(1000, "kept");
        ledger.record(recorded(kept));
        ledger.close();
        opened.remove(ledger);
        Path file = dataDirectory.resolve(LedgerFile.NAME);
        String whole = Files.readString(file);
        // A crash halfway through writing the next record.
        Files.writeString(file, whole.substring(0, whole.length() / 2), StandardOpenOption.APPEND);

        Ledger recovered = open();
        Charge next = succeeded(2000, "next");
        recovered.record(recorded(next));
        Ledger reopened = reopen(recovered);

        assertThat(reopened.snapshot().charges()).extracting(ChargeView::charge).containsExactly(kept, next);
        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    void aCompleteLastRecordWithoutItsNewlineCountsAsTorn() throws Exception {
        Path file = dataDirectory.resolve(LedgerFile.NAME);
        Files.createDirectories(dataDirectory);
        Files.write(file, MAPPER.writeValueAsBytes(recorded(succeeded(1000, null))));

        assertThat(open().snapshot().charges()).isEmpty();
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void anUnreadableLineFollowedByReadableOnesIsDamageAndRefusesToLoad() throws Exception {
        Path file = dataDirectory.resolve(LedgerFile.NAME);
        Files.createDirectories(dataDirectory);
        String good = new String(MAPPER.writeValueAsBytes(recorded(succeeded(1000, null))), StandardCharsets.UTF_8);
        Files.writeString(file, "{\"type\":\"charge\",\"cha\n" + good + "\n");

        assertThatThrownBy(this::open).isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged");
    }

    @Test
    void refundsNeverExceedTheCharge() {
        Ledger ledger = open();
        Charge charge = succeeded(1000, null);
        ledger.record(recorded(charge));

        ledger.record(refund(charge, 600));

        assertThatThrownBy(() -> ledger.record(refund(charge, 401)))
                .isInstanceOfSatisfying(RefundRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.AMOUNT_TOO_LARGE));
        ledger.record(refund(charge, 400));
        assertThatThrownBy(() -> ledger.record(refund(charge, 1)))
                .isInstanceOfSatisfying(RefundRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_REFUNDED));
        assertThat(ledger.charge(charge.id())).hasValueSatisfying(view -> {
            assertThat(view.amountRefunded()).isEqualTo(1000);
            assertThat(view.refunded()).isTrue();
        });
        assertThat(reopen(ledger).snapshot().refunds()).hasSize(2);
    }

    @Test
    void concurrentRefundsOfOneChargeNeverTogetherExceedIt() throws Exception {
        Ledger ledger = open();
        Charge charge = succeeded(1000, null);
        ledger.record(recorded(charge));
        List<Callable<Boolean>> refunds = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            refunds.add(() -> {
                try {
                    ledger.record(refund(charge, 100));
                    return true;
                } catch (RefundRejectedException e) {
                    return false;
                }
            });
        }

        long accepted;
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            accepted = 0;
            for (Future<Boolean> result : threads.invokeAll(refunds)) {
                accepted += result.get() ? 1 : 0;
            }
        }

        assertThat(accepted).isEqualTo(10);
        assertThat(ledger.charge(charge.id()).orElseThrow().amountRefunded()).isEqualTo(1000);
        assertThat(reopen(ledger).charge(charge.id()).orElseThrow().amountRefunded()).isEqualTo(1000);
    }

    @Test
    void aDeclinedChargeCannotBeRefunded() {
        Ledger ledger = open();
        Charge decline = declined(500);
        ledger.record(recorded(decline));

        assertThatThrownBy(() -> ledger.record(refund(decline, 500)))
                .isInstanceOfSatisfying(RefundRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CHARGE_NOT_SUCCEEDED));
        assertThat(ledger.snapshot().refunds()).isEmpty();
    }

    @Test
    void aRefundOfAnUnknownChargeIsRejected() {
        Ledger ledger = open();

        assertThatThrownBy(() -> ledger.record(refund(succeeded(100, null), 100)))
                .isInstanceOfSatisfying(RefundRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_CHARGE));
    }

    @Test
    void anIdempotencyKeyIsRecordedOnlyOnce() {
        Ledger ledger = open();
        ledger.record(recorded(succeeded(1000, "once")));

        assertThatThrownBy(() -> ledger.record(recorded(succeeded(1000, "once"))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(ledger.snapshot().charges()).hasSize(1);
    }

    @Test
    void aSecondLedgerCannotOpenTheSameDirectory() {
        open();

        assertThatThrownBy(this::open).isInstanceOf(IllegalStateException.class).hasMessageContaining("in use");
    }
}
