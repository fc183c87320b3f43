package org.imdbsentiment.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's one tokenizer, used for training and prediction alike.
 *
 * <ol>
 *   <li>HTML line breaks ({@code <br />}, {@code <br/>}, {@code <br>}, any case) become spaces.</li>
 *   <li>The text is lower-cased ({@link Locale#ROOT}).</li>
 *   <li>A word is a run of letters and digits, possibly joined by inner apostrophes, so
 *       {@code don't} and {@code director's} stay one token; an apostrophe at either end is not part
 *       of the word ({@code 'quoted'} gives {@code quoted}).</li>
 *   <li>Every other visible character (punctuation, symbols) is a token of its own, never glued to a
 *       word: {@code great!} gives {@code great}, {@code !}. Whitespace separates and is dropped.</li>
 * </ol>
 *
 * <p>Lone apostrophes are dropped, since they carry no meaning once they are not inside a word.
 */
public final class WordTokenizer implements Tokenizer {
    /** The name models record for this tokenizer. */
    public static final String NAME = "word";
    /** The rules above; raise it with any change that can give other tokens for some text. */
    public static final int RULES_VERSION = 1;

    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern TOKEN =
            Pattern.compile("[\\p{L}\\p{N}]+(?:['\u2019][\\p{L}\\p{N}]+)*|[^\\s\\p{L}\\p{N}'\u2019]");

    @Override
    public List<String> tokenize(String text) {
        String clean = LINE_BREAK.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(clean);
        while (m.find()) {
            tokens.add(m.group().replace('\u2019', '\''));
        }
        return tokens;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rulesVersion() {
        return RULES_VERSION;
    }

    @Override
    public String toString() {
        return "WordTokenizer(lowercase, <br /> removed, inner apostrophes kept, punctuation split)";
    }
}
