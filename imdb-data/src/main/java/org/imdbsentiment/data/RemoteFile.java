package org.imdbsentiment.data;

import java.net.URI;
import java.util.Objects;

/**
 * A file users download once and keep in the cache: where it lives, how big it is, and its sha256.
 *
 * @param fileName name of the file in the cache directory
 * @param uri      where to download it from
 * @param size     exact size in bytes
 * @param sha256   lower-case hex digest
 */
public record RemoteFile(String fileName, URI uri, long size, String sha256) {

    /** The official Large Movie Review Dataset v1.0 (Maas et al., 2011). */
    public static final RemoteFile ACL_IMDB = new RemoteFile("aclImdb_v1.tar.gz",
            URI.create("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"),
            84_125_825L, "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe");

    public RemoteFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(uri, "uri");
        if (size <= 0 || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("bad size or sha256 for " + fileName);
        }
    }
}
