package org.imdbsentiment.data;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WordTokenizerTest {
    private final Tokenizer tokenizer = new WordTokenizer();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("", List.of()),
                Arguments.of("   ", List.of()),
                Arguments.of("<br /><br />", List.of()),
                Arguments.of("Great movie", List.of("great", "movie")),
                Arguments.of("don't", List.of("don't")),
                Arguments.of("I DON'T like it", List.of("i", "don't", "like", "it")),
                Arguments.of("the director's cut", List.of("the", "director's", "cut")),
                Arguments.of("great!", List.of("great", "!")),
                Arguments.of("Bad, bad, bad.", List.of("bad", ",", "bad", ",", "bad", ".")),
                Arguments.of("line one.<br /><br />Line two", List.of("line", "one", ".", "line", "two")),
                Arguments.of("a<br/>b<BR>c", List.of("a", "b", "c")),
                Arguments.of("'quoted'", List.of("quoted")),
                Arguments.of("rock 'n' roll", List.of("rock", "n", "roll")),
                Arguments.of("it’s curly", List.of("it's", "curly")),
                Arguments.of("(10/10)", List.of("(", "10", "/", "10", ")")),
                Arguments.of("well...ok", List.of("well", ".", ".", ".", "ok")),
                Arguments.of("Café crème", List.of("café", "crème")),
                Arguments.of("1950s-style", List.of("1950s", "-", "style")));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("cases")
    void tokenizes(String text, List<String> expected) {
        assertEquals(expected, tokenizer.tokenize(text));
    }
}
