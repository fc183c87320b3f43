package org.imdbsentiment.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.imdbsentiment.app.reports.ErrorAnalysis;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.imdbsentiment.model.pipeline.Explanation;
import org.imdbsentiment.model.pipeline.Prediction;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@CommandLine.Command(name = "predict", description = "Prints P(positive) and the label of each review, read from the "
        + "arguments, from --file (one review per line), or from standard input (one per line). Every input line gets "
        + "one output line; a blank line is reported as such.")
final class PredictCommand implements Command {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliContext context;
    private List<Prediction> result;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelChoice model;

    @Option(names = "--file", paramLabel = "<file>", description = "a file with one review per line")
    Path file;

    @Option(names = "--json", description = "one JSON object per input line")
    boolean json;

    @Option(names = "--explain", description = "also show each token's contribution (the change in P(positive) when it "
            + "is replaced by an unknown word), largest first")
    boolean explain;

    @Parameters(arity = "0..*", paramLabel = "<text>", description = "review texts")
    List<String> texts = new ArrayList<>();

    PredictCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public int run(CommandSpec spec, String[] args) throws Exception {
        List<String> lines = new ArrayList<>(texts);
        if (file != null) {
            if (Files.isDirectory(file)) {
                throw new DataException("--file " + file + " is a directory; give a text file with one review per line");
            }
            if (!Files.isRegularFile(file)) {
                throw new DataException("review file not found: " + file);
            }
            lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        } else if (texts.isEmpty()) {
            new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).lines().forEach(lines::add);
        }
        if (lines.stream().allMatch(String::isBlank)) {
            throw new IllegalArgumentException("no review to score: give text, --file, or lines on standard input");
        }
        ModelBundle bundle = model.load();
        List<Integer> scoredLines = new ArrayList<>();
        List<String> toScore = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                scoredLines.add(i);
                toScore.add(lines.get(i));
            }
        }
        List<Prediction> predictions = bundle.pipeline().predict(bundle.graph(), toScore);
        List<Explanation> explanations = explain ? bundle.pipeline().explain(bundle.graph(), toScore) : null;
        Prediction[] byLine = new Prediction[lines.size()];
        Explanation[] whyByLine = new Explanation[lines.size()];
        for (int k = 0; k < scoredLines.size(); k++) {
            byLine[scoredLines.get(k)] = predictions.get(k);
            whyByLine[scoredLines.get(k)] = explanations == null ? null : explanations.get(k);
        }
        for (int i = 0; i < lines.size(); i++) {
            print(i + 1, lines.get(i), byLine[i], whyByLine[i]);
        }
        result = predictions;
        return Cli.OK;
    }

    /** At most this many tokens of an explanation are printed as text (JSON has them all). */
    private static final int SHOWN_TOKENS = 8;

    private void print(int line, String text, Prediction p, Explanation why) throws Exception {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("line", line);
            if (p == null) {
                m.put("error", "empty review");
            } else {
                m.put("label", p.label().name().toLowerCase(Locale.ROOT));
                m.put("probability_positive", p.probabilityPositive());
                m.put("tokens", p.tokens());
                m.put("truncated", p.truncated());
                m.put("text", text);
                if (why != null) {
                    m.put("explanation", why.tokens().stream().map(t -> Map.of("token", t.token(), "position",
                            t.position(), "contribution", t.contribution())).toList());
                }
            }
            context.out().println(JSON.writeValueAsString(m));
        } else if (p == null) {
            context.out().printf(Locale.ROOT, "%-6s  %-8s  (line %d is empty)%n", "-", "-", line);
        } else {
            String excerpt = ErrorAnalysis.excerpt(text);
            context.out().printf(Locale.ROOT, "%.4f  %-8s  %s%n", p.probabilityPositive(),
                    p.label().name().toLowerCase(Locale.ROOT), excerpt.substring(0, Math.min(70, excerpt.length())));
            if (why != null) {
                StringBuilder sb = new StringBuilder("        ");
                why.tokens().stream().limit(SHOWN_TOKENS).forEach(t -> sb.append(String.format(Locale.ROOT, " %s %+.4f",
                        t.token(), t.contribution())));
                context.out().println(sb);
            }
        }
    }

    @Override
    public List<Prediction> result() {
        return result;
    }
}
