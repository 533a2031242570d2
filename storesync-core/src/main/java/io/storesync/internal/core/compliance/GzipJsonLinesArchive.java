package io.storesync.internal.core.compliance;

import io.storesync.api.organization.OrganizationId;
import io.storesync.spi.archive.OrderArchive;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/** {@link OrderArchive#gzipJsonLines}: one gzip'd JSON Lines file per batch, forced to disk, then renamed into place. */
public final class GzipJsonLinesArchive implements OrderArchive {
    private final Path directory;

    public GzipJsonLinesArchive(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public void archive(OrganizationId organization, List<String> orders) throws IOException {
        if (orders.isEmpty()) return;
        Path dir = Files.createDirectories(directory.resolve(organization.value().toString()));
        String name = "orders-" + Instant.now().toString().replace(':', '-') + "-" + UUID.randomUUID() + ".jsonl.gz";
        Path tmp = dir.resolve(name + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream raw = Channels.newOutputStream(ch);
            GZIPOutputStream gz = new GZIPOutputStream(raw);
            Writer w = new OutputStreamWriter(gz, StandardCharsets.UTF_8);
            for (String order : orders) {
                if (order.indexOf('\n') >= 0) throw new IOException("an archived order is not one line of JSON");
                w.write(order);
                w.write('\n');
            }
            w.flush();
            gz.finish();
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String toString() {
        return "GzipJsonLinesArchive[" + directory + "]";
    }
}
