package dev.checkout.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.checkout.gateway.LedgerEntry.ChargeRecorded;
import dev.checkout.gateway.LedgerEntry.RefundRecorded;
import dev.checkout.gateway.RefundRejectedException.Reason;

/**
 * What the ledger file says, held in memory: every charge and refund in the order they were written, what each charge
 * has had refunded, and the entry each idempotency key produced. It only ever changes by {@link #apply} of an entry
 * that is already durable, so a reader never sees money that a crash could take back.
 */
final class LedgerState {

    private final Map<String, Charge> charges = new LinkedHashMap<>();
    private final Map<String, Long> refundedByCharge = new HashMap<>();
    private final Map<String, Refund> refunds = new LinkedHashMap<>();
    private final Map<String, LedgerEntry> entriesByKey = new HashMap<>();

    /** A charge with what has been refunded of it so far. */
    record ChargeView(Charge charge, long amountRefunded) {

        boolean refunded() {
            return charge.succeeded() && amountRefunded >= charge.amount();
        }
    }

    record Snapshot(List<ChargeView> charges, List<Refund> refunds) {
    }

    /**
     * Entries accepted for the group commit in progress but not yet durable, so that two refunds of one charge in the
     * same batch are checked against each other too.
     */
    static final class Batch {
        private final Map<String, Charge> charges = new HashMap<>();
        private final Map<String, Long> refundedByCharge = new HashMap<>();
        private final Set<String> ids = new HashSet<>();
        private final Set<String> keys = new HashSet<>();
    }

    /**
     * Checks that {@code entry} may be written after everything already written and everything in {@code batch}, and
     * adds it to the batch.
     *
     * @throws RefundRejectedException when a refund would exceed what remains of its charge
     * @throws IllegalStateException   when an id or an idempotency key is used twice, which the callers rule out
     */
    synchronized void admit(LedgerEntry entry, Batch batch) {
        String key = entry.response() == null ? null : entry.response().idempotencyKey();
        if (key != null && (entriesByKey.containsKey(key) || batch.keys.contains(key))) {
            throw new IllegalStateException("idempotency key already recorded: " + key);
        }
        switch (entry) {
            case ChargeRecorded recorded -> {
                Charge charge = recorded.charge();
                requireNewId(charge.id(), batch);
                batch.charges.put(charge.id(), charge);
                batch.ids.add(charge.id());
            }
            case RefundRecorded recorded -> {
                Refund refund = recorded.refund();
                requireNewId(refund.id(), batch);
                long alreadyRefunded = refundable(refund, batch);
                batch.refundedByCharge.put(refund.charge(), alreadyRefunded + refund.amount());
                batch.ids.add(refund.id());
            }
        }
        if (key != null) {
            batch.keys.add(key);
        }
    }

    /** Returns what the refund's charge already had refunded, when this refund may follow it. */
    private long refundable(Refund refund, Batch batch) {
        Charge charge = charges.getOrDefault(refund.charge(), batch.charges.get(refund.charge()));
        if (charge == null) {
            throw new RefundRejectedException(Reason.NO_SUCH_CHARGE, "No such charge: '" + refund.charge() + "'");
        }
        if (!charge.succeeded()) {
            throw new RefundRejectedException(Reason.CHARGE_NOT_SUCCEEDED,
                    "Charge " + charge.id() + " did not succeed, so there is nothing to refund.");
        }
        long alreadyRefunded = batch.refundedByCharge.getOrDefault(refund.charge(),
                refundedByCharge.getOrDefault(refund.charge(), 0L));
        long remaining = charge.amount() - alreadyRefunded;
        if (remaining <= 0) {
            throw new RefundRejectedException(Reason.ALREADY_REFUNDED,
                    "Charge " + charge.id() + " has already been refunded.");
        }
        if (refund.amount() <= 0) {
            throw new IllegalArgumentException("a refund moves a positive amount, not " + refund.amount());
        }
        if (refund.amount() > remaining) {
            throw new RefundRejectedException(Reason.AMOUNT_TOO_LARGE, "Refund amount (" + refund.amount()
                    + ") is greater than the unrefunded amount on the charge (" + remaining + ").");
        }
        return alreadyRefunded;
    }

    private void requireNewId(String id, Batch batch) {
        if (charges.containsKey(id) || refunds.containsKey(id) || batch.ids.contains(id)) {
            throw new IllegalStateException("id already recorded: " + id);
        }
    }

    /** Adds an entry that is durable in the file (or was read back from it). */
    synchronized void apply(LedgerEntry entry) {
        switch (entry) {
            case ChargeRecorded recorded -> charges.put(recorded.charge().id(), recorded.charge());
            case RefundRecorded recorded -> {
                Refund refund = recorded.refund();
                refunds.put(refund.id(), refund);
                refundedByCharge.merge(refund.charge(), refund.amount(), Long::sum);
            }
        }
        if (entry.response() != null) {
            entriesByKey.put(entry.response().idempotencyKey(), entry);
        }
    }

    synchronized Optional<ChargeView> charge(String id) {
        return Optional.ofNullable(charges.get(id)).map(this::view);
    }

    /**
     * A page of the charges created in {@code [createdFrom, createdTo]} (epoch seconds), newest first as Stripe lists
     * them: the {@code limit} charges written before {@code startingAfter} (a charge id from the previous page), or the
     * newest when it is null; one more is looked at to tell whether another page follows.
     */
    synchronized Page chargesCreated(long createdFrom, long createdTo, String startingAfter, int limit) {
        List<Charge> written = new ArrayList<>(charges.values());
        List<ChargeView> page = new ArrayList<>(limit);
        boolean started = startingAfter == null;
        for (int i = written.size() - 1; i >= 0; i--) {
            Charge charge = written.get(i);
            if (!started) {
                started = charge.id().equals(startingAfter);
                continue;
            }
            if (charge.created() < createdFrom || charge.created() > createdTo) {
                continue;
            }
            if (page.size() == limit) {
                return new Page(page, true);
            }
            page.add(view(charge));
        }
        return new Page(page, false);
    }

    record Page(List<ChargeView> charges, boolean hasMore) {
    }

    synchronized Optional<LedgerEntry> entryFor(String idempotencyKey) {
        return Optional.ofNullable(entriesByKey.get(idempotencyKey));
    }

    synchronized Snapshot snapshot() {
        List<ChargeView> chargeViews = new ArrayList<>(charges.size());
        charges.values().forEach(charge -> chargeViews.add(view(charge)));
        return new Snapshot(chargeViews, List.copyOf(refunds.values()));
    }

    private ChargeView view(Charge charge) {
        return new ChargeView(charge, refundedByCharge.getOrDefault(charge.id(), 0L));
    }
}
