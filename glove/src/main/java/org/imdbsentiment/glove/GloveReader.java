package org.imdbsentiment.glove;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Streams the GloVe text format ({@code word v1 ... vN} per line, separated by single spaces, no
 * header), from a {@code .txt} file or from one member of a {@code .zip} archive (read in place, the
 * other members skipped, nothing extracted). Only the words {@code wanted} accepts are kept, so the
 * 400,000-line file never sits whole in memory.
 *
 * <p>Every line is checked, kept or not: it must have exactly {@code dimension} finite numbers after
 * the word (so a file of another dimension fails on its first line). A UTF-8 byte-order mark at the
 * start of the file or member is skipped. The first
 * bad line stops reading with a {@link GloveException} naming the file, the line number and the
 * problem.
 */
public final class GloveReader {
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private GloveReader() {
    }

    /**
     * Reads vectors of {@code dimension} numbers from a {@code .txt} file, or from {@code member} when
     * {@code file} is a {@code .zip} archive.
     */
    public static GloveVectors read(Path file, String member, int dimension, Predicate<String> wanted) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, was " + dimension);
        }
        if (!Files.isRegularFile(file)) {
            throw new GloveException("GloVe file not found: " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            if (file.getFileName().toString().endsWith(".zip")) {
                ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8);
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    if (e.getName().equals(member)) {
                        return parse(zip, file + "!" + member, dimension, wanted);
                    }
                }
                throw new GloveException("GloVe archive " + file + " has no member " + member);
            }
            return parse(in, file.toString(), dimension, wanted);
        } catch (NoSuchFileException e) {
            throw new GloveException("GloVe file not found: " + file, e);
        } catch (IOException e) {
            throw new GloveException("cannot read GloVe file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a plain {@code .txt} file. */
    public static GloveVectors read(Path file, int dimension, Predicate<String> wanted) {
        return read(file, null, dimension, wanted);
    }

    static GloveVectors parse(InputStream in, String source, int dimension, Predicate<String> wanted) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        Map<String, float[]> vectors = new LinkedHashMap<>();
        long lineNumber = 0;
        String line;
        try {
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith(BYTE_ORDER_MARK)) {
                    // Some editors and Windows tools prepend a UTF-8 BOM (EF BB BF); it is not part of the first word.
                    line = line.substring(1);
                }
                int space = line.indexOf(' ');
                if (space <= 0) {
                    throw bad(source, lineNumber, "expected a word and " + dimension + " numbers");
                }
                String word = line.substring(0, space);
                float[] vector = parseVector(line, space, dimension, source, lineNumber);
                if (wanted.test(word)) {
                    vectors.put(word, vector);
                }
            }
        } catch (CharacterCodingException e) {
            throw bad(source, lineNumber + 1, "not valid UTF-8");
        }
        if (lineNumber == 0) {
            throw new GloveException("GloVe file " + source + " is empty");
        }
        return new GloveVectors(dimension, vectors, lineNumber);
    }

    private static float[] parseVector(String line, int space, int dimension, String source, long lineNumber) {
        String[] parts = line.substring(space + 1).trim().split(" +");
        if (parts.length != dimension) {
            throw bad(source, lineNumber, parts.length + " numbers, expected " + dimension);
        }
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            try {
                v[i] = Float.parseFloat(parts[i]);
            } catch (NumberFormatException e) {
                throw bad(source, lineNumber, "value " + (i + 1) + " '" + parts[i] + "' is not a number");
            }
            if (!Float.isFinite(v[i])) {
                throw bad(source, lineNumber, "value " + (i + 1) + " is not finite");
            }
        }
        return v;
    }

    private static GloveException bad(String source, long lineNumber, String problem) {
        return new GloveException("malformed GloVe file " + source + " line " + lineNumber + ": " + problem);
    }
}
