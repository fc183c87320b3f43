package org.imdbsentiment.app.cli;

import org.imdbsentiment.app.runs.FileDigest;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.app.training.PseudoLabels;
import org.imdbsentiment.data.MiniImdb;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.imdbsentiment.model.bundle.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Self-training (the teacher setting) from the command line: what a taught run reads, records and refuses. */
class SelfTrainingTest {
    private final CliRunner cli = new CliRunner();

    private int run(String... args) {
        return cli.run(args).status();
    }

    private String errText() {
        return cli.err();
    }

    /** Unlabelled reviews, some worded like the mini set's positive reviews and some like its negative ones. */
    private static final List<String> UNLABELLED = List.of(
            "A wonderful, great film! Loved it. Superb.", "An awful, terrible film. Hated it.",
            "Great, wonderful, superb.", "Terrible and awful. Hated it.", "Loved it, a great film.",
            "Awful film, terrible.");

    private static Path writeUnlabelled(Path parent) throws IOException {
        Path folder = parent.resolve("aclImdb/train/unsup");
        Files.createDirectories(folder);
        for (int i = 0; i < UNLABELLED.size(); i++) {
            Files.writeString(folder.resolve(i + "_0.txt"), UNLABELLED.get(i));
        }
        return parent;
    }

    /** A small run on the mini data set (40 reviews a class), output in {@code tmp/<name>}. */
    private Path train(Path tmp, String name, String... more) throws IOException {
        Path data = tmp.resolve("data/aclImdb");
        if (Files.notExists(data)) {
            MiniImdb.writeDirectory(tmp.resolve("data"), 40);
        }
        List<String> args = new ArrayList<>(List.of("--data", data.toString(), "--output", tmp.resolve(name).toString(),
                "--batch-size", "8", "--vocab-size", "30", "--embedding-size", "8", "--hidden-size", "8",
                "--learning-rate", "0.01", "--epochs", "2", "--skip-test"));
        args.addAll(List.of(more));
        assertEquals(0, run(args.toArray(String[]::new)), errText());
        return CliTest.onlyRunDirectory(tmp.resolve(name));
    }

    @Test
    void aTaughtRunTrainsOnItsReviewsPlusTheUnlabelledOnesLabelledByTheTeacher(@TempDir Path tmp) throws IOException {
        Path teacher = train(tmp, "teachers", "--validation-size", "16");
        Path unsup = writeUnlabelled(tmp.resolve("unsup"));
        Path student = train(tmp, "students", "--validation-size", "16", "--teacher", teacher.toString(),
                "--unsup", unsup.toString());

        // the labels are the teacher's: P(positive) > 0.5 as predict computes it from the teacher's bundle
        assertEquals(0, run("predict", "--run", teacher.toString(), "--json", "--file",
                Files.write(tmp.resolve("texts.txt"), UNLABELLED).toString()), errText());
        List<String> teacherSays = cli.out().lines()
                .map(l -> l.contains("\"label\":\"positive\"") ? "pos" : "neg").toList();
        List<String> lines = Files.readAllLines(student.resolve(RunDirectory.PSEUDO_LABELS));
        assertEquals("review,probability_positive,label", lines.get(0));
        assertEquals(UNLABELLED.size() + 1, lines.size(), lines.toString());
        for (int i = 0; i < UNLABELLED.size(); i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertEquals("unsup/" + i + "_0.txt", cells[0]);
            assertEquals(teacherSays.get(i), cells[2], lines.get(i + 1));
            assertEquals(Double.parseDouble(cells[1]) > 0.5 ? "pos" : "neg", cells[2], lines.get(i + 1));
        }
        // 64 labelled training reviews (80 less 16 held out) and the 6 unlabelled ones; validation unchanged
        String summary = Files.readString(student.resolve(RunDirectory.SUMMARY));
        assertTrue(summary.contains("\"train\" : 70") && summary.contains("\"train_pseudo_labelled\" : 6")
                && summary.contains("\"validation\" : 16"), summary);
        assertTrue(Files.readAllLines(student.resolve(RunDirectory.EPOCHS)).get(1).startsWith("1,9,"),
                "an epoch is ceil(70 / 8) = 9 minibatches");
        String recorded = Files.readString(student.resolve(RunDirectory.TEACHER));
        assertTrue(recorded.contains(FileDigest.sha256(teacher.resolve(RunDirectory.MODEL_BUNDLE))), recorded);
        assertTrue(recorded.contains("\"reviews\" : 6"), recorded);
        // the bundle carries its teacher: what labelled the reviews it learned from
        Provenance provenance = ModelBundle.read(student.resolve(RunDirectory.MODEL_BUNDLE)).provenance();
        assertEquals(FileDigest.sha256(teacher.resolve(RunDirectory.MODEL_BUNDLE)), provenance.teacherSha256());
        assertEquals(teacher.resolve(RunDirectory.MODEL_BUNDLE).toString(), provenance.teacherFile());
        assertTrue(Files.readString(student.resolve(RunDirectory.CONFIG)).contains("teacher=" + teacher), "in config");
    }

    @Test
    void aTeacherThatTrainedOnTheRunsValidationReviewsIsRefusedBeforeAnythingIsMade(@TempDir Path tmp) throws IOException {
        Path finalFit = train(tmp, "teachers", "--validation-size", "0");
        Path otherSplit = train(tmp, "others", "--validation-size", "16", "--seed", "7");
        Path unsup = writeUnlabelled(tmp.resolve("unsup"));
        for (Path teacher : List.of(finalFit, otherSplit)) {
            assertEquals(Cli.USAGE, run("--data", tmp.resolve("data/aclImdb").toString(), "--output",
                    tmp.resolve("students").toString(), "--validation-size", "16", "--teacher", teacher.toString(),
                    "--unsup", unsup.toString()));
            assertTrue(errText().strip().startsWith("error: teacher " + teacher + " trained on this run's validation "
                    + "reviews"), errText());
            assertEquals(1, errText().strip().lines().count(), errText());
            assertTrue(Files.notExists(tmp.resolve("students")), "no run directory");
        }
        // a final fit validates on nothing: any teacher may label for it
        Path student = train(tmp, "students", "--validation-size", "0", "--teacher", finalFit.toString(),
                "--unsup", unsup.toString());
        assertTrue(Files.readString(student.resolve(RunDirectory.SUMMARY)).contains("\"train\" : 86"));
    }

    @Test
    void aTeacherWithNothingToLabelOrThatDoesNotExistIsAOneLineError(@TempDir Path tmp) throws IOException {
        Path teacher = train(tmp, "teachers", "--validation-size", "16");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(Cli.FAILED, run("--data", tmp.resolve("data/aclImdb").toString(), "--output",
                tmp.resolve("students").toString(), "--validation-size", "16", "--teacher", teacher.toString(),
                "--unsup", empty.toString()));
        assertTrue(errText().contains("has nothing to label: no unlabelled reviews (train/unsup) in " + empty),
                errText());
        assertEquals(Cli.FAILED, run("--data", tmp.resolve("data/aclImdb").toString(), "--output",
                tmp.resolve("students").toString(), "--teacher", tmp.resolve("nowhere").toString()));
        assertEquals("error: teacher not found: " + tmp.resolve("nowhere") + " (version v1; give a model.zip bundle or a "
                + "run directory, e.g. `imdb-sentiment bundle --run runs/<run> --output " + tmp.resolve("nowhere")
                + "` after training the teacher; --teacher '' trains without one)", errText().strip());
    }

    @Test
    void aRunCanBeFittedToItsTeachersProbabilities(@TempDir Path tmp) throws IOException {
        Path teacher = train(tmp, "teachers", "--validation-size", "0");
        Path unsup = writeUnlabelled(tmp.resolve("unsup"));
        Path labels = train(tmp, "labels", "--validation-size", "0", "--teacher", teacher.toString(),
                "--unsup", unsup.toString());
        Path probabilities = train(tmp, "probabilities", "--validation-size", "0", "--teacher", teacher.toString(),
                "--unsup", unsup.toString(), "--teacher-targets", "probabilities");
        assertTrue(Files.readString(probabilities.resolve(RunDirectory.CONFIG)).contains("teacher-targets=probabilities"));
        // the same teacher, seed and batches; only the taught reviews' targets differ, so the training losses do
        assertEquals(Files.readAllLines(labels.resolve(RunDirectory.PSEUDO_LABELS)), Files.readAllLines(probabilities.resolve(RunDirectory.PSEUDO_LABELS)));
        String lossWithLabels = Files.readAllLines(labels.resolve(RunDirectory.EPOCHS)).get(1).split(",")[2];
        String lossWithProbabilities = Files.readAllLines(probabilities.resolve(RunDirectory.EPOCHS)).get(1).split(",")[2];
        assertTrue(!lossWithLabels.equals(lossWithProbabilities), lossWithLabels + " and " + lossWithProbabilities);
    }

    @Test
    void withTeacherBranchesLstmTheTeachersReviewsTrainTheLstmSideOnly(@TempDir Path tmp) throws IOException {
        Path teacher = train(tmp, "teachers", "--validation-size", "0");
        Path unsup = writeUnlabelled(tmp.resolve("unsup"));
        String[] heads = {"--validation-size", "0", "--teacher", teacher.toString(), "--unsup", unsup.toString(),
                "--teacher-targets", "probabilities", "--architecture", "hybrid-heads", "--ngram-buckets", "64",
                "--ngram-size", "2"};
        Path all = train(tmp, "all", heads);
        List<String> lstmArgs = new ArrayList<>(List.of(heads));
        lstmArgs.addAll(List.of("--teacher-branches", "lstm"));
        Path lstm = train(tmp, "lstm", lstmArgs.toArray(String[]::new));
        assertTrue(Files.readString(lstm.resolve(RunDirectory.CONFIG)).contains("teacher-branches=lstm"));
        // the same teacher, seed and batches; the n-gram side's loss leaves the teacher's reviews out, so the losses differ
        assertEquals(Files.readAllLines(all.resolve(RunDirectory.PSEUDO_LABELS)), Files.readAllLines(lstm.resolve(RunDirectory.PSEUDO_LABELS)));
        String lossAll = Files.readAllLines(all.resolve(RunDirectory.EPOCHS)).get(1).split(",")[2];
        String lossLstm = Files.readAllLines(lstm.resolve(RunDirectory.EPOCHS)).get(1).split(",")[2];
        assertTrue(Double.parseDouble(lossLstm) < Double.parseDouble(lossAll), lossLstm + " < " + lossAll);
        // and where it cannot apply, a one-line refusal before anything is made
        assertEquals(Cli.USAGE, run("--data", tmp.resolve("data/aclImdb").toString(), "--output",
                tmp.resolve("refused").toString(), "--architecture", "bilstm-pool", "--teacher-branches", "lstm",
                "--teacher", teacher.toString(), "--unsup", unsup.toString()));
        assertTrue(errText().contains("teacher-branches lstm needs architecture hybrid-heads"), errText());
        assertTrue(Files.notExists(tmp.resolve("refused")) || Files.list(tmp.resolve("refused")).findAny().isEmpty());
    }
}
