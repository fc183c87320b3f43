package org.imdbsentiment.app.cli;

import org.imdbsentiment.data.MiniImdb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random text through the whole path (tokenizer, encoder, batches, model, predict's output): random
 * Unicode from every plane, control characters, NUL, right-to-left marks, emoji, huge tokens, blank
 * lines. Nothing may escape, and every input line gets exactly one output line.
 */
class TextPathFuzzTest {

    private static String randomLine(Random r) {
        StringBuilder sb = new StringBuilder();
        int kind = r.nextInt(6);
        int n = kind == 0 ? 0 : 1 + r.nextInt(kind == 5 ? 20_000 : 200);
        for (int i = 0; i < n; i++) {
            int cp = switch (kind) {
                case 1 -> r.nextInt(0x20);                                     // control characters, NUL
                case 2 -> 0x1F300 + r.nextInt(0x300);                          // emoji
                case 3 -> new int[] {0x200F, 0x202E, 0x061C, 0xFEFF, 0x0301}[r.nextInt(5)]; // RTL marks, BOM, combining
                case 5 -> 'a' + r.nextInt(3);                                  // one huge token
                default -> r.nextInt(0x10FFFF);                                // anything
            };
            if (cp >= 0xD800 && cp <= 0xDFFF || cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
                cp = ' ';
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    @Test
    void randomTextNeverBreaksPredictAndEveryLineGetsOneAnswer(@TempDir Path tmp) throws Exception {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 20);
        Path run = CliRunner.trainMini(data, tmp.resolve("runs"), "--validation-size", "8", "--epochs", "1",
                "--max-length", "50");

        Random random = new Random(2026);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            lines.add(randomLine(random));
        }
        lines.add("");
        lines.add("   \t ");
        String input = String.join("\n", lines) + "\n";
        CliRunner cli = new CliRunner();
        assertEquals(0, cli.runWithInput(input, "predict", "--model", run.resolve("model.zip").toString(), "--json").status(),
                cli.err());
        List<String> answers = cli.out().lines().toList();
        assertEquals(lines.size(), answers.size());
        for (int i = 0; i < answers.size(); i++) {
            assertTrue(answers.get(i).startsWith("{\"line\":" + (i + 1) + ","), answers.get(i));
            assertTrue(answers.get(i).contains(lines.get(i).isBlank() ? "\"error\":\"empty review\"" : "\"probability_positive\":"),
                    answers.get(i));
        }
    }
}
