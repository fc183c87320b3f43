package org.imdbsentiment.data;

import com.google.common.hash.Hashing;
import com.google.common.hash.HashingInputStream;
import com.google.common.io.ByteStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Puts a {@link RemoteFile} into a cache directory: downloads it to a temporary name, checks its
 * size and sha256, and only then renames it into place, so a partial or corrupt download is never
 * taken for the real file. A cached file is verified before it is used; one that fails is replaced.
 */
public final class Downloader {
    private static final Logger log = LoggerFactory.getLogger(Downloader.class);
    private final Path cacheDir;
    private final HttpClient http;
    private final Progress.Factory progress;

    public Downloader(Path cacheDir) {
        this(cacheDir, Progress.Factory.NONE);
    }

    /** A downloader that shows each download's progress in megabytes. */
    public Downloader(Path cacheDir, Progress.Factory progress) {
        this.cacheDir = cacheDir;
        this.progress = progress;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** The cached, verified file, downloading it first if it is missing or does not verify. */
    public Path fetch(RemoteFile file) throws IOException {
        Path target = cacheDir.resolve(file.fileName());
        if (Files.isRegularFile(target)) {
            String problem = verify(target, file);
            if (problem == null) {
                return target;
            }
            log.warn("Cached {} is not the expected file ({}); downloading it again", target, problem);
        }
        if (Files.isSymbolicLink(cacheDir) && !Files.exists(cacheDir)) {
            throw new DataException("cannot create cache directory " + cacheDir + ": " + MissingPath.describe(cacheDir));
        }
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new DataException("cannot create cache directory " + cacheDir + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(target, partial -> {
            download(file, partial);
            String problem = verify(partial, file);
            if (problem != null) {
                throw new DataException("download of " + file.uri() + " is corrupt (" + problem + "); try again");
            }
        });
        return target;
    }

    /** {@code null} when {@code path} has the expected size and sha256, else what is wrong. */
    public static String verify(Path path, RemoteFile file) throws IOException {
        long size = Files.size(path);
        if (size != file.size()) {
            return "size " + size + " bytes, expected " + file.size();
        }
        String sha;
        try (HashingInputStream in = new HashingInputStream(Hashing.sha256(), Files.newInputStream(path))) {
            ByteStreams.exhaust(in);
            sha = in.hash().toString();
        }
        return sha.equals(file.sha256()) ? null : "sha256 " + sha + ", expected " + file.sha256();
    }

    private void download(RemoteFile file, Path to) throws IOException {
        log.info("Downloading {} ({} MB) to {}", file.uri(), file.size() >> 20, cacheDir);
        HttpRequest request = HttpRequest.newBuilder(file.uri()).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download interrupted", e);
        } catch (IOException e) {
            throw new DataException("cannot download " + file.uri() + ": " + e
                    + " (no network? pass a local copy with --data)", e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new DataException("cannot download " + file.uri() + ": HTTP " + response.statusCode());
        }
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(to);
             Progress shown = progress.start("download " + file.fileName(), file.size() >> 20, "MB")) {
            byte[] buf = new byte[1 << 16];
            long done = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                long before = done >> 20;
                done += n;
                shown.advance((done >> 20) - before);
            }
        }
    }
}
