package org.imdbsentiment.glove;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A published GloVe archive and the member inside it that holds vectors of one dimension.
 *
 * @param fileName     the archive's file name
 * @param uri          where it is published
 * @param size         its size in bytes
 * @param sha256       its sha256, lower-case hex
 * @param member       the text file inside the archive
 * @param memberSize   that member's size in bytes
 * @param memberSha256 that member's sha256
 * @param dimension    the vector size of that member
 */
public record GloveResource(String fileName, URI uri, long size, String sha256, String member, long memberSize,
                            String memberSha256, int dimension) {

    /** GloVe 6B (Wikipedia 2014 + Gigaword 5, 400,000 words, uncased), 100 dimensions. */
    public static final GloveResource GLOVE_6B_100D = new GloveResource("glove.6B.zip",
            URI.create("https://nlp.stanford.edu/data/glove.6B.zip"), 862_182_613L,
            "617afb2fe6cbd085c235baf7a465b96f4112bd7f7ccb2b2cbd649fed9cbcf2fb",
            "glove.6B.100d.txt", 347_116_733L,
            "95dde4dfd627ab26608d33e76d1195ec059734bd29089ea52cadb08d07c64544", 100);

    /** Every resource this project knows, by dimension. */
    public static final List<GloveResource> KNOWN = List.of(GLOVE_6B_100D);

    public static Optional<GloveResource> forDimension(int dimension) {
        return KNOWN.stream().filter(r -> r.dimension() == dimension).findFirst();
    }
}
