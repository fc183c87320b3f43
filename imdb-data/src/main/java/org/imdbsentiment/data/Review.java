package org.imdbsentiment.data;

import java.util.Objects;

/**
 * One labelled IMDB review.
 *
 * @param id     stable identifier, {@code <split>/<pos|neg>/<number>_<rating>}, e.g. {@code train/pos/10_9}
 * @param text   the raw review text as stored in the archive (HTML line breaks included)
 * @param label  the sentiment
 * @param rating the star rating from the file name (1-4 negative, 7-10 positive)
 */
public record Review(String id, String text, Sentiment label, int rating) {
    public Review {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
    }
}
