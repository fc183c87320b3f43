package org.imdbsentiment.app.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.data.Review;
import org.imdbsentiment.data.Sentiment;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A user's own labelled reviews, to check a model on their domain: a TSV or CSV file with a header
 * naming a {@code text} and a {@code label} column, or JSON Lines with {@code text} and {@code label}
 * fields. Labels: positive/negative, pos/neg or 1/0 (any case). Every row must be usable: a bad one
 * is a {@link DataException} naming its line.
 */
public final class LabelledFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelledFile() {
    }

    public static List<Review> read(Path file) {
        if (Files.isDirectory(file)) {
            throw new DataException(file + " is a directory; give a .tsv, .csv or .jsonl file");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataException("labelled file not found: " + file);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Review> reviews;
        try {
            if (name.endsWith(".jsonl") || name.endsWith(".json")) {
                reviews = jsonLines(file);
            } else if (name.endsWith(".tsv") || name.endsWith(".tab")) {
                reviews = delimited(file, CSVFormat.TDF);
            } else if (name.endsWith(".csv")) {
                reviews = delimited(file, CSVFormat.RFC4180);
            } else {
                throw new DataException(file + ": unknown format; name it .tsv, .csv or .jsonl");
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (reviews.isEmpty()) {
            throw new DataException(file + " has no reviews");
        }
        return reviews;
    }

    private static List<Review> delimited(Path file, CSVFormat format) throws IOException {
        List<Review> out = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var parser = format.builder().setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true).setTrim(false)
                    .get().parse(in);
            Map<String, Integer> header = parser.getHeaderMap();
            if (!header.keySet().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList().containsAll(List.of("text", "label"))) {
                throw new DataException(file + ": the header must name a 'text' and a 'label' column, was " + header.keySet());
            }
            for (CSVRecord r : parser) {
                long line = parser.getCurrentLineNumber();
                if (!r.isConsistent()) {
                    throw new DataException(file + " line " + line + ": " + r.size() + " columns, the header has " + header.size());
                }
                out.add(review(file, line, r.get("text"), r.get("label")));
            }
        }
        return out;
    }

    private static List<Review> jsonLines(Path file) throws IOException {
        List<Review> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                throw new DataException(file + " line " + (i + 1) + " is not JSON");
            }
            JsonNode text = n.get("text");
            JsonNode label = n.get("label");
            if (text == null || !text.isTextual() || label == null || label.isNull() || label.isContainerNode()) {
                throw new DataException(file + " line " + (i + 1) + ": needs a string \"text\" and a \"label\"");
            }
            out.add(review(file, i + 1, text.asText(), label.asText()));
        }
        return out;
    }

    private static Review review(Path file, long line, String text, String label) {
        Sentiment s = switch (label.strip().toLowerCase(Locale.ROOT)) {
            case "positive", "pos", "1" -> Sentiment.POSITIVE;
            case "negative", "neg", "0" -> Sentiment.NEGATIVE;
            default -> throw new DataException(file + " line " + line + ": label '" + label
                    + "' is not positive/negative, pos/neg or 1/0");
        };
        if (text.isBlank()) {
            throw new DataException(file + " line " + line + ": the text is empty");
        }
        return new Review("line-" + line, text, s, 0);
    }
}
