package org.imdbsentiment.data;

import com.google.common.hash.Hashing;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Downloads from a server on the loopback interface. */
class DownloaderTest {
    private static final byte[] CONTENT = "the archive's bytes".repeat(1000).getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile byte[] served = CONTENT;
    private volatile boolean cutHalfway;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/file", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, served.length);
            if (cutHalfway) {
                exchange.getResponseBody().write(served, 0, served.length / 2);
                exchange.getResponseBody().flush();
                exchange.getHttpContext().getServer().stop(0); // the connection drops mid-transfer
                return;
            }
            exchange.getResponseBody().write(served);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private RemoteFile remote() {
        return new RemoteFile("file.bin", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/file"),
                CONTENT.length, Hashing.sha256().hashBytes(CONTENT).toString());
    }

    @Test
    void downloadsVerifiesAndThenUsesTheCachedCopy(@TempDir Path cache) throws IOException {
        Downloader d = new Downloader(cache);
        Path file = d.fetch(remote());
        assertArrayEquals(CONTENT, Files.readAllBytes(file));
        d.fetch(remote());
        assertEquals(1, requests.get());
    }

    @Test
    void aCorruptDownloadIsRefusedAndLeavesNoFile(@TempDir Path cache) throws IOException {
        served = CONTENT.clone();
        served[10] ^= 1;
        DataException e = assertThrows(DataException.class, () -> new Downloader(cache).fetch(remote()));
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void anInterruptedDownloadLeavesNothingThatLooksComplete(@TempDir Path cache) throws IOException {
        cutHalfway = true;
        assertThrows(IOException.class, () -> new Downloader(cache).fetch(remote()));
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(0, files.count(), "neither the target nor a partial file is left");
        }
    }

    @Test
    void theNextRunRestartsAnInterruptedDownload(@TempDir Path cache) throws IOException {
        RemoteFile remote = remote();
        cutHalfway = true;
        assertThrows(IOException.class, () -> new Downloader(cache).fetch(remote));
        cutHalfway = false;
        start();
        RemoteFile again = new RemoteFile(remote.fileName(),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/file"), remote.size(), remote.sha256());
        assertArrayEquals(CONTENT, Files.readAllBytes(new Downloader(cache).fetch(again)));
    }

    @Test
    void aCorruptCachedFileIsReplaced(@TempDir Path cache) throws IOException {
        Files.write(cache.resolve("file.bin"), new byte[] {1, 2, 3});
        Path file = new Downloader(cache).fetch(remote());
        assertArrayEquals(CONTENT, Files.readAllBytes(file));
        assertEquals(1, requests.get());
    }

    @Test
    void aCacheDirectoryThatIsADanglingSymbolicLinkSaysWhereItPoints(@TempDir Path tmp) throws IOException {
        Path cache = Files.createSymbolicLink(tmp.resolve("cache"), tmp.resolve("unmounted/cache"));
        DataException e = assertThrows(DataException.class, () -> new Downloader(cache).fetch(remote()));
        assertEquals("cannot create cache directory " + cache + ": " + cache + " is a symbolic link to "
                + tmp.resolve("unmounted/cache") + ", which does not exist", e.getMessage());
        assertEquals(0, requests.get());
    }

    @Test
    void verifyNamesWhatIsWrong(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("f"), CONTENT);
        assertEquals(null, Downloader.verify(f, remote()));
        Files.write(f, new byte[] {1});
        assertTrue(Downloader.verify(f, remote()).startsWith("size 1 bytes"));
        assertFalse(Files.exists(dir.resolve("f.part")));
    }
}
