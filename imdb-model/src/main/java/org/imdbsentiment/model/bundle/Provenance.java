package org.imdbsentiment.model.bundle;

/**
 * Where a trained model came from.
 *
 * @param projectVersion the project's version that trained it
 * @param gitCommit      the commit the training code was built from (recorded at build time), or
 *                       {@code unknown}
 * @param run            the run directory's name (the model's id)
 * @param created        when the bundle was written (ISO-8601)
 * @param seed           the run's seed
 * @param dataFile       the IMDB data the run read
 * @param dataSha256     that file's sha256 (null for a directory or when not recorded)
 * @param gloveFile      the pretrained vectors read (null: none)
 * @param gloveSha256    their sha256 (null: none or not recorded)
 * @param teacherFile    self-training: the model whose labels of the unlabelled reviews it trained on (null: none)
 * @param teacherSha256  that model file's sha256 (null: none)
 */
public record Provenance(String projectVersion, String gitCommit, String run, String created, long seed,
                         String dataFile, String dataSha256, String gloveFile, String gloveSha256, String teacherFile,
                         String teacherSha256) {
    /** Provenance of a model trained without a teacher. */
    public Provenance(String projectVersion, String gitCommit, String run, String created, long seed,
                      String dataFile, String dataSha256, String gloveFile, String gloveSha256) {
        this(projectVersion, gitCommit, run, created, seed, dataFile, dataSha256, gloveFile, gloveSha256, null, null);
    }
}
