package dev.checkout.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.checkout.gateway.LedgerEntry.ChargeRecorded;
import dev.checkout.gateway.LedgerState.ChargeView;
import dev.checkout.gateway.LedgerState.Snapshot;

import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's durable ledger: the truth about money moved. {@link #record} returns only once the entry is forced to
 * the disk and visible to readers; the state is rebuilt from the file when the simulator starts.
 * <p>
 * A single appender thread writes: it takes whatever entries are waiting, checks them against the state (so two
 * refunds of one charge can never together exceed it, whichever keys they came with), writes them in one go and forces
 * once for the whole batch. Under hundreds of requests a second that keeps one {@code fsync} per batch rather than
 * per request, and the file order is exactly the order the state saw.
 */
final class Ledger implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Ledger.class);
    private static final int MAX_BATCH = 256;
    private static final Write CLOSE = new Write(null, null, null);

    private final JsonMapper mapper;
    private final LedgerState state = new LedgerState();
    private final LedgerFile file;
    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final Thread appender;
    private boolean closed;

    private record Write(LedgerEntry entry, byte[] line, CompletableFuture<Void> done) {
    }

    Ledger(Path dataDirectory, JsonMapper mapper) {
        this.mapper = mapper;
        try {
            this.file = LedgerFile.open(dataDirectory, mapper, state::apply);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the gateway ledger in " + dataDirectory, e);
        }
        Snapshot loaded = state.snapshot();
        log.info("Gateway ledger {} holds {} charges and {} refunds", file.path(), loaded.charges().size(),
                loaded.refunds().size());
        this.appender = Thread.ofPlatform().name("gateway-ledger-appender").daemon().unstarted(this::appendLoop);
        appender.start();
    }

    /**
     * Writes the entry durably and applies it.
     *
     * @throws RefundRejectedException when a refund would exceed what remains of its charge (nothing is written)
     * @throws UncheckedIOException    when the disk refused the write (nothing is written)
     */
    void record(LedgerEntry entry) {
        byte[] json = mapper.writeValueAsBytes(entry);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        Write write = new Write(entry, line, new CompletableFuture<>());
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The gateway ledger is closed");
            }
            queue.add(write);
        }
        try {
            write.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    Optional<ChargeView> charge(String id) {
        return state.charge(id);
    }

    Optional<LedgerEntry> entryFor(String idempotencyKey) {
        return state.entryFor(idempotencyKey);
    }

    List<ChargeView> chargesWithKey(String idempotencyKey) {
        return state.entryFor(idempotencyKey)
                .filter(ChargeRecorded.class::isInstance)
                .flatMap(entry -> state.charge(((ChargeRecorded) entry).charge().id()))
                .map(List::of)
                .orElse(List.of());
    }

    LedgerState.Page chargesCreated(long createdFrom, long createdTo, String startingAfter, int limit) {
        return state.chargesCreated(createdFrom, createdTo, startingAfter, limit);
    }

    Snapshot snapshot() {
        return state.snapshot();
    }

    private void appendLoop() {
        List<Write> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                // Only close() stops the appender, and it does so with the CLOSE marker, never an interrupt.
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean closing = batch.remove(CLOSE);
            try {
                commit(batch);
            } catch (RuntimeException | Error e) {
                log.error("The gateway ledger failed to write a batch", e);
                batch.forEach(write -> write.done().completeExceptionally(e));
            }
            if (closing) {
                return;
            }
        }
    }

    private void commit(List<Write> batch) {
        LedgerState.Batch admitted = new LedgerState.Batch();
        List<Write> accepted = new ArrayList<>(batch.size());
        for (Write write : batch) {
            try {
                state.admit(write.entry(), admitted);
                accepted.add(write);
            } catch (RuntimeException e) {
                write.done().completeExceptionally(e);
            }
        }
        if (accepted.isEmpty()) {
            return;
        }
        try {
            file.append(accepted.stream().map(Write::line).toList());
        } catch (IOException e) {
            UncheckedIOException failure = new UncheckedIOException("Cannot write the gateway ledger", e);
            accepted.forEach(write -> write.done().completeExceptionally(failure));
            return;
        }
        for (Write write : accepted) {
            state.apply(write.entry());
            write.done().complete(null);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(CLOSE);
        }
        try {
            appender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the gateway ledger", e);
        }
    }
}
