package org.imdbsentiment.app.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A run's {@code run.json}: what it is, where it came from, how far it got. Written when the run
 * starts and updated as it goes; {@link #with} makes an updated copy. Fields are null where a run has
 * not reached them (or was made before they were recorded).
 */
public record RunSummary(String version, String embedding, Long seed, String projectVersion, String gitCommit,
                         String started, String command, Machine machine, String backend, Integer threads,
                         String dataFile, String dataSha256, String status, String error, String termination,
                         Map<String, DataQuality> dataQuality, Map<String, Integer> reviews, Integer vocabularySize,
                         Long parameters, GloveSummary glove, String finished, Integer epochsRun, Integer bestEpoch,
                         Double bestValAccuracy, Double testAccuracy, Double trainSecondsPerEpoch,
                         List<Resume> resumed) {
    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";

    public RunSummary {
        resumed = resumed == null ? List.of() : List.copyOf(resumed);
    }

    /**
     * What the documented text rules did to one split; {@code skippedFiles}: review files of the split
     * not used because their name broke the dataset's rating rules (null for validation, which is
     * drawn from the training files, and in runs made before it was counted).
     */
    public record DataQuality(int reviews, long emptyReadAsUnk, long truncated, long invalidUtf8, int longestTokens,
                              Integer skippedFiles) {
    }

    /** The pretrained vectors a run read, in short. */
    public record GloveSummary(String file, long linesRead, int matched, double matchedPercent, double tokenPercent) {
    }

    /** One continuation of the run with {@code --resume}. */
    public record Resume(String at, int afterEpoch, String command, String gitCommit) {
    }

    public boolean isFinished() {
        return FINISHED.equals(status);
    }

    /** A copy with the changes {@code edit} makes to a builder holding this summary's values. */
    public RunSummary with(Consumer<Builder> edit) {
        Builder b = new Builder(this);
        edit.accept(b);
        return b.build();
    }

    /** A new summary of which only the fields {@code edit} sets are filled. */
    public static RunSummary of(Consumer<Builder> edit) {
        Builder b = new Builder();
        edit.accept(b);
        return b.build();
    }

    /** The fields of a {@link RunSummary}, to change some and build a new one. */
    public static final class Builder {
        public String version;
        public String embedding;
        public Long seed;
        public String projectVersion;
        public String gitCommit;
        public String started;
        public String command;
        public Machine machine;
        public String backend;
        public Integer threads;
        public String dataFile;
        public String dataSha256;
        public String status;
        public String error;
        public String termination;
        public Map<String, DataQuality> dataQuality;
        public Map<String, Integer> reviews;
        public Integer vocabularySize;
        public Long parameters;
        public GloveSummary glove;
        public String finished;
        public Integer epochsRun;
        public Integer bestEpoch;
        public Double bestValAccuracy;
        public Double testAccuracy;
        public Double trainSecondsPerEpoch;
        public List<Resume> resumed = new ArrayList<>();

        Builder() {
        }

        Builder(RunSummary s) {
            version = s.version;
            embedding = s.embedding;
            seed = s.seed;
            projectVersion = s.projectVersion;
            gitCommit = s.gitCommit;
            started = s.started;
            command = s.command;
            machine = s.machine;
            backend = s.backend;
            threads = s.threads;
            dataFile = s.dataFile;
            dataSha256 = s.dataSha256;
            status = s.status;
            error = s.error;
            termination = s.termination;
            dataQuality = s.dataQuality;
            reviews = s.reviews;
            vocabularySize = s.vocabularySize;
            parameters = s.parameters;
            glove = s.glove;
            finished = s.finished;
            epochsRun = s.epochsRun;
            bestEpoch = s.bestEpoch;
            bestValAccuracy = s.bestValAccuracy;
            testAccuracy = s.testAccuracy;
            trainSecondsPerEpoch = s.trainSecondsPerEpoch;
            resumed = new ArrayList<>(s.resumed);
        }

        RunSummary build() {
            return new RunSummary(version, embedding, seed, projectVersion, gitCommit, started, command, machine,
                    backend, threads, dataFile, dataSha256, status, error, termination, dataQuality, reviews,
                    vocabularySize, parameters, glove, finished, epochsRun, bestEpoch, bestValAccuracy, testAccuracy,
                    trainSecondsPerEpoch, resumed);
        }
    }
}
