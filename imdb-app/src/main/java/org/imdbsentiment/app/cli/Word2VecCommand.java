package org.imdbsentiment.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.imdbsentiment.app.vectors.UnlabelledReviews;
import org.imdbsentiment.app.vectors.WordVectorTraining;
import org.imdbsentiment.data.AtomicFiles;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.data.ImdbCorpus;
import org.imdbsentiment.data.ImdbData;
import org.imdbsentiment.data.TrainValidationSplit;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.data.WordTokenizer;
import org.imdbsentiment.model.config.ConfigException;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@CommandLine.Command(name = "word2vec", description = "Trains word vectors on IMDB's own text with DL4J's Word2Vec: the "
        + "training split (the validation reviews the same seed holds out are left out) plus the unlabelled reviews "
        + "(train/unsup of the official archive, or --unsup), never test text; the classifier's tokenizer; seeded. "
        + "Writes them in GloVe's text format (use them with --glove) and a report beside them (<output>.json: "
        + "sha256, sources, coverage of the classifier's vocabulary).")
final class Word2VecCommand implements Command {
    private final CliContext context;
    private WordVectorTraining.Result result;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = "--data", paramLabel = "<path>", description = "IMDB data (default: cache, else download)")
    Path data;

    @Option(names = "--unsup", paramLabel = "<path>", description = "the unlabelled reviews, when --data lacks train/unsup "
            + "(e.g. aclImdb_v1-unsup.tar.gz)")
    Path unsup;

    @Option(names = "--output", paramLabel = "<file>", description = "where to write (default: imdb-word2vec.<dimension>d.txt); "
            + "an existing file is not overwritten")
    Path output;

    @Option(names = "--dimension", paramLabel = "<n>", description = "vector size (default: 100)")
    int dimension = 100;

    @Option(names = "--epochs", paramLabel = "<n>", description = "passes over the corpus (default: 5)")
    int epochs = 5;

    @Option(names = "--min-count", paramLabel = "<n>", description = "words seen fewer times get no vector (default: 5)")
    int minCount = 5;

    @Option(names = "--window", paramLabel = "<n>", description = "context words on each side (default: 5)")
    int window = 5;

    @Option(names = "--seed", paramLabel = "<n>", description = "seed of the split and of training (default: 42)")
    long seed = 42;

    @Option(names = "--validation-size", paramLabel = "<n>", description = "training reviews held out, as the classifier "
            + "holds them out (default: 5000)")
    int validationSize = 5000;

    Word2VecCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public int run(CommandSpec spec, String[] args) throws Exception {
        if (dimension < 1 || dimension > 1024 || epochs < 1 || epochs > 100 || minCount < 1 || window < 1 || window > 50) {
            throw new ConfigException("word2vec needs --dimension 1..1024, --epochs 1..100, --min-count >= 1, --window 1..50");
        }
        ExperimentConfig config = ExperimentConfig.defaults().with(Map.of("validation-size", Integer.toString(validationSize),
                "seed", Long.toString(seed)));
        Path target = output != null ? output : Path.of("imdb-word2vec." + dimension + "d.txt");
        Path report = target.resolveSibling(target.getFileName() + ".json");
        if (Files.exists(target) || Files.exists(report)) {
            throw new DataException(target + " (or its report) already exists; not overwritten (give another --output)");
        }
        Path located = ImdbData.locate(Optional.ofNullable(data), config.cacheDir(), context.progress());
        ImdbCorpus corpus = ImdbData.load(Optional.of(located), config.cacheDir(), context.progress());
        TrainValidationSplit split = TrainValidationSplit.of(corpus.train(), config.get(Settings.VALIDATION_SIZE),
                config.get(Settings.SEED));
        List<String> unlabelled = UnlabelledReviews.read(unsup != null ? unsup : located);
        if (unlabelled.isEmpty()) {
            context.err().println("warning: no unlabelled reviews (train/unsup) in " + (unsup != null ? unsup : located)
                    + "; training on the training split only (give --unsup aclImdb_v1-unsup.tar.gz)");
        }
        WordTokenizer tokenizer = new WordTokenizer();
        result = WordVectorTraining.train(split.train(), unlabelled, tokenizer,
                new WordVectorTraining.Options(dimension, epochs, minCount, window, seed), target, context.progress());

        Vocabulary vocabulary = Vocabulary.build(split.train().stream().map(r -> tokenizer.tokenize(r.text())).toList(),
                config.get(Settings.VOCAB_SIZE));
        java.util.Set<String> words = new HashSet<>();
        for (String line : Files.readAllLines(target)) {
            words.add(line.substring(0, line.indexOf(' ')));
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", target.toString());
        r.put("sha256", result.sha256());
        r.put("words", result.words());
        r.put("dimension", dimension);
        r.put("tokenizer", Map.of("name", tokenizer.name(), "rules_version", tokenizer.rulesVersion()));
        r.put("sources", Map.of("data", located.toString(), "training_reviews", result.trainingTexts(),
                "unlabelled_reviews", result.unlabelledTexts(), "validation_and_test_reviews_used", 0));
        r.put("options", Map.of("epochs", epochs, "min_count", minCount, "window", window, "seed", seed,
                "validation_size", validationSize, "algorithm", "skip-gram, negative sampling 5, one worker"));
        r.put("coverage_of_the_classifier_vocabulary", WordVectorTraining.coverage(vocabulary, words));
        AtomicFiles.writeString(report, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r) + "\n");
        context.out().println("Wrote " + target + " (" + result.words() + " words, sha256 " + result.sha256() + ") and " + report);
        return Cli.OK;
    }

    @Override
    public WordVectorTraining.Result result() {
        return result;
    }
}
