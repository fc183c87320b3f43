package org.imdbsentiment.app.runs;

/**
 * A self-trained run's {@value RunDirectory#TEACHER}: which model labelled the unlabelled reviews it trained on.
 *
 * @param teacher        the teacher as given (a bundle or a run directory)
 * @param teacherFile    the file its weights were read from (the bundle, or the run's model)
 * @param teacherSha256  that file's sha256
 * @param teacherRun     the teacher's id (its run's name)
 * @param validationSize the teacher's validation-size
 * @param seed           the teacher's seed (with validation-size, its split)
 * @param unsup          where the unlabelled reviews were read
 * @param reviews        how many were labelled
 * @param positive       of them, labelled positive
 */
public record TeacherLabels(String teacher, String teacherFile, String teacherSha256, String teacherRun,
                            int validationSize, long seed, String unsup, int reviews, int positive) {
}
