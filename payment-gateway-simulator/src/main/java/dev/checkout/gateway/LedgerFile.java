package dev.checkout.gateway;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only {@code ledger.jsonl}: one JSON entry a line, each batch forced to the disk before anyone is told it
 * happened. A record counts only once its line is complete; a crash in the middle of a write leaves a torn last line,
 * which opening the file drops (and cuts off, so the next append does not glue onto it). An unreadable line followed
 * by readable ones is not a torn write but damage, and opening refuses it rather than silently losing money.
 */
final class LedgerFile implements Closeable {

    static final String NAME = "ledger.jsonl";

    private static final Logger log = LoggerFactory.getLogger(LedgerFile.class);
    private static final int READ_CHUNK = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private long size;

    private LedgerFile(Path path, FileChannel channel, FileLock lock, long size) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.size = size;
    }

    /**
     * Opens (creating when needed) the ledger in {@code directory}, locks it against a second simulator, and hands
     * every complete entry to {@code onEntry}, oldest first.
     */
    static LedgerFile open(Path directory, JsonMapper mapper, Consumer<LedgerEntry> onEntry) throws IOException {
        Files.createDirectories(directory);
        Path path = directory.resolve(NAME);
        boolean created = !Files.exists(path);
        FileChannel channel = FileChannel.open(path,
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = lock(channel, path);
            if (created) {
                forceDirectory(directory);
            }
            long validLength = read(channel, path, mapper, onEntry);
            if (validLength < channel.size()) {
                log.warn("Dropping a torn last record of {} bytes from {} (a write the simulator never acknowledged)",
                        channel.size() - validLength, path);
                channel.truncate(validLength);
                channel.force(true);
            }
            return new LedgerFile(path, channel, lock, validLength);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static FileLock lock(FileChannel channel, Path path) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IllegalStateException("The ledger " + path + " is in use by another gateway simulator");
        }
        return lock;
    }

    /** Makes the new file's directory entry durable too, or a crash could lose the whole file. */
    private static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the file's own data is still forced on every write.
            log.debug("Cannot force directory {}", directory, e);
        }
    }

    /** Reads every complete entry and returns the length of the file up to the end of the last one. */
    private static long read(FileChannel channel, Path path, JsonMapper mapper, Consumer<LedgerEntry> onEntry)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(READ_CHUNK);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long position = 0;
        long lineStart = 0;
        long unreadableFrom = -1;
        channel.position(0);
        while (channel.read(buffer) > 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                position++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                LedgerEntry entry = parse(mapper, line.toByteArray());
                if (entry == null) {
                    unreadableFrom = unreadableFrom < 0 ? lineStart : unreadableFrom;
                } else if (unreadableFrom >= 0) {
                    throw new IllegalStateException("The ledger " + path + " is damaged: the record at byte "
                            + unreadableFrom + " cannot be read but later ones can");
                } else {
                    onEntry.accept(entry);
                }
                line.reset();
                lineStart = position;
            }
            buffer.clear();
        }
        // A last line without its newline was never completely written, whatever it holds.
        return unreadableFrom >= 0 ? unreadableFrom : lineStart;
    }

    private static LedgerEntry parse(JsonMapper mapper, byte[] line) {
        try {
            return mapper.readValue(line, LedgerEntry.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Appends the lines (each ending in a newline) and forces them to the disk before returning. */
    void append(List<byte[]> lines) throws IOException {
        int length = 0;
        for (byte[] line : lines) {
            length += line.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        lines.forEach(buffer::put);
        buffer.flip();
        long position = size;
        try {
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(true);
        } catch (IOException e) {
            // Cut off whatever part did reach the file: those requests fail, so their records must not appear later.
            try {
                channel.truncate(size);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        size = position;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
