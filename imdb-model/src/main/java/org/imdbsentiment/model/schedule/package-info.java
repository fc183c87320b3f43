/**
 * Learning-rate schedules that ND4J does not ship in the release this project uses: ND4J's
 * {@link org.nd4j.linalg.schedule.ISchedule}s, stored in the model's configuration like its own.
 */
package org.imdbsentiment.model.schedule;
