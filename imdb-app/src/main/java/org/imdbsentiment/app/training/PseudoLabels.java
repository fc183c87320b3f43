package org.imdbsentiment.app.training;

import org.imdbsentiment.app.runs.FileDigest;
import org.imdbsentiment.app.runs.RunBundle;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.app.runs.TeacherLabels;
import org.imdbsentiment.app.vectors.UnlabelledReviews;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.data.Progress;
import org.imdbsentiment.data.Review;
import org.imdbsentiment.data.Sentiment;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.imdbsentiment.model.config.ConfigException;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.config.Settings;
import org.imdbsentiment.model.lstm.LstmThreads;
import org.imdbsentiment.model.pipeline.Prediction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Self-training: a trained model, the teacher, labels IMDB's unlabelled reviews, and a run trains on its
 * labelled training reviews plus those, with the teacher's labels (positive where its P(positive) is
 * above 0.5), or towards its P(positive) itself ({@code teacher-targets=probabilities}). The labels are made once, when the run starts, and kept in the run's
 * {@value RunDirectory#PSEUDO_LABELS} (one line a review: its name, the teacher's probability and label) with the teacher's
 * sha256 in {@value RunDirectory#TEACHER} ({@link TeacherLabels}); {@code --resume} reads them back instead of asking the teacher again.
 *
 * <p>A teacher that trained on a validated run's validation reviews would carry their labels into its
 * training set; {@link #checkTeacher} refuses it. Test reviews are never read here.
 */
public final class PseudoLabels {
    /** The id prefix of a pseudo-labelled review ({@code unsup/<number>_0.txt}). */
    public static final String ID_PREFIX = "unsup/";
    private static final String HEADER = "review,probability_positive,label";
    /** Reviews scored at a time, so that progress can be shown. */
    private static final int CHUNK = 2_000;

    private PseudoLabels() {
    }

    /**
     * Refuses, before any data is read or a run directory made, a teacher that does not exist or that trained on
     * this run's validation reviews ({@link #checkTeacher}), from its recorded settings alone.
     */
    static void checkBeforeStart(ExperimentConfig config) {
        config.get(Settings.TEACHER).ifPresent(t -> {
            if (!Files.exists(t)) {
                throw new DataException("teacher not found: " + t + " (version " + config.version() + "; give a model.zip "
                        + "bundle or a run directory, e.g. `imdb-sentiment bundle --run runs/<run> --output " + t
                        + "` after training the teacher; --teacher '' trains without one)");
            }
            checkTeacher(config, RunBundle.configOf(t), t.toString());
        });
    }

    /**
     * Refuses a teacher that trained on reviews this run validates on: a validated run ({@code validation-size > 0})
     * needs a teacher validated on the same split (the same validation-size and seed, so the same held-out reviews);
     * a final fit, which validates on nothing, takes any teacher.
     */
    public static void checkTeacher(ExperimentConfig student, ExperimentConfig teacher, String teacherName) {
        int held = student.get(Settings.VALIDATION_SIZE);
        if (held == 0) {
            return;
        }
        int teacherHeld = teacher.get(Settings.VALIDATION_SIZE);
        long seed = student.get(Settings.SEED);
        long teacherSeed = teacher.get(Settings.SEED);
        if (teacherHeld != held || teacherSeed != seed) {
            throw new ConfigException("teacher " + teacherName + " trained on this run's validation reviews (its split: "
                    + "validation-size " + teacherHeld + ", seed " + teacherSeed + "; this run's: validation-size " + held
                    + ", seed " + seed + "): give a teacher validated with the same split, or train a final fit "
                    + "(validation-size 0)");
        }
    }

    /**
     * Unlabelled reviews with a teacher's labels, and its P(positive) of each as saved (six decimals, the same for a
     * run that starts and one that resumes).
     */
    record Taught(List<Review> reviews, double[] probabilities) {
    }

    /**
     * The unlabelled reviews with the teacher's labels and probabilities, for a run: made by the teacher and saved
     * in the run directory when it starts, read back from there when it resumes.
     */
    static Taught forRun(ExperimentConfig config, RunDirectory run, Path data, boolean resuming,
                               Progress.Factory progress) throws IOException {
        Path teacherPath = config.get(Settings.TEACHER).orElseThrow();
        Path source = config.get(Settings.UNSUP).orElse(data);
        List<UnlabelledReviews.Named> unlabelled = UnlabelledReviews.readNamed(source);
        if (unlabelled.isEmpty()) {
            throw new DataException("teacher " + teacherPath + " has nothing to label: no unlabelled reviews "
                    + "(train/unsup) in " + source + " (give --unsup aclImdb_v1-unsup.tar.gz)");
        }
        Path saved = run.resolve(RunDirectory.PSEUDO_LABELS);
        if (!resuming || !Files.isRegularFile(saved)) {
            // checkBeforeStart has refused a teacher that trained on this run's validation reviews
            ModelBundle teacher = RunBundle.read(teacherPath);
            LstmThreads.apply(teacher.graph(), config.get(Settings.LSTM_THREADS));
            List<Prediction> predictions = label(teacher, unlabelled, progress);
            StringBuilder csv = new StringBuilder(HEADER).append('\n');
            int positive = 0;
            for (int i = 0; i < unlabelled.size(); i++) {
                Prediction p = predictions.get(i);
                positive += p.label() == Sentiment.POSITIVE ? 1 : 0;
                csv.append(ID_PREFIX).append(unlabelled.get(i).name()).append(',')
                        .append(String.format(Locale.ROOT, "%.6f", p.probabilityPositive())).append(',')
                        .append(p.label().folder()).append('\n');
            }
            run.writeText(RunDirectory.PSEUDO_LABELS, csv.toString());
            Path file = bundleFile(teacherPath);
            run.writeTeacherLabels(new TeacherLabels(teacherPath.toString(), file.toString(), FileDigest.sha256(file),
                    teacher.id(), teacher.config().get(Settings.VALIDATION_SIZE), teacher.config().get(Settings.SEED),
                    source.toString(), unlabelled.size(), positive));
        }
        return read(saved, unlabelled);
    }

    /** The file a teacher's weights were read from, whose sha256 is recorded. */
    private static Path bundleFile(Path teacher) {
        if (!Files.isDirectory(teacher)) {
            return teacher;
        }
        Path bundle = teacher.resolve(RunDirectory.MODEL_BUNDLE);
        return Files.isRegularFile(bundle) ? bundle : teacher.resolve(RunDirectory.BEST_MODEL);
    }

    /** The teacher's predictions for {@code reviews}, in their order (an empty review is read as one unknown word). */
    static List<Prediction> label(ModelBundle teacher, List<UnlabelledReviews.Named> reviews, Progress.Factory progress) {
        List<Prediction> out = new ArrayList<>(reviews.size());
        try (Progress p = progress.start("labelling unlabelled reviews with teacher " + teacher.id(), reviews.size(),
                "reviews")) {
            for (int from = 0; from < reviews.size(); from += CHUNK) {
                List<String> texts = reviews.subList(from, Math.min(reviews.size(), from + CHUNK)).stream()
                        .map(r -> r.text().isBlank() ? "." : r.text()).toList();
                out.addAll(teacher.pipeline().predict(teacher.graph(), texts));
                p.advance(texts.size());
            }
        }
        return out;
    }

    /** The labels and probabilities saved in {@code file}, which must name exactly {@code reviews}, in order. */
    private static Taught read(Path file, List<UnlabelledReviews.Named> reviews) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER) || lines.size() - 1 != reviews.size()) {
            throw new DataException(file + " does not label the " + reviews.size() + " unlabelled reviews given "
                    + "(resume with the unlabelled reviews the run started with)");
        }
        List<Review> taught = new ArrayList<>(reviews.size());
        double[] probabilities = new double[reviews.size()];
        for (int i = 0; i < reviews.size(); i++) {
            String[] cells = lines.get(i + 1).split(",");
            String id = ID_PREFIX + reviews.get(i).name();
            if (cells.length != 3 || !cells[0].equals(id)) {
                throw new DataException(file + " line " + (i + 2) + " does not name " + id
                        + " (resume with the unlabelled reviews the run started with)");
            }
            try {
                probabilities[i] = Double.parseDouble(cells[1]);
            } catch (NumberFormatException e) {
                throw new DataException(file + " line " + (i + 2) + ": not a probability: " + cells[1]);
            }
            taught.add(new Review(id, reviews.get(i).text(), Sentiment.ofFolder(cells[2]), 0));
        }
        return new Taught(taught, probabilities);
    }
}
