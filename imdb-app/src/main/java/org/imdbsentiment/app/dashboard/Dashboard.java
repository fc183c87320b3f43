package org.imdbsentiment.app.dashboard;

import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.imdbsentiment.data.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The DL4J training dashboard (a Vert.x web server, {@link UIServer}) showing a run's statistics,
 * which a {@link StatsListener} records every iteration into {@code ui-stats.dl4j} in the run
 * directory, so they outlive the process and {@code imdb-sentiment ui --run <dir>} can show them
 * again. The port is DL4J's {@code org.deeplearning4j.ui.port} system property (default 9000); the
 * server listens on all network interfaces.
 */
public final class Dashboard implements AutoCloseable {
    public static final String STATS_FILE = "ui-stats.dl4j";
    private static final Logger log = LoggerFactory.getLogger(Dashboard.class);

    private final StatsStorage storage;
    private final boolean keep;
    private final Thread stopOnExit = new Thread(Dashboard::stopServer, "dashboard-stop");

    private Dashboard(StatsStorage storage, boolean keep) {
        this.storage = storage;
        this.keep = keep;
    }

    /** Starts the dashboard on a new run's statistics and attaches the listener that records them. */
    public static Dashboard forTraining(Path runDir, ComputationGraph graph, boolean keep) {
        Dashboard d = open(runDir.resolve(STATS_FILE), keep);
        graph.addListeners(new StatsListener(d.storage, 1));
        return d;
    }

    /** Shows the stored statistics of a finished run. */
    public static Dashboard forFinishedRun(Path runDir) {
        Path stats = runDir.resolve(STATS_FILE);
        if (!Files.isRegularFile(stats)) {
            throw new DataException("run " + runDir + " has no " + STATS_FILE + " (train it with --ui to record one)");
        }
        return open(stats, true);
    }

    private static Dashboard open(Path stats, boolean keep) {
        StatsStorage storage = new FileStatsStorage(stats.toFile());
        UIServer server = UIServer.getInstance();
        server.attach(storage);
        Dashboard d = new Dashboard(storage, keep);
        Runtime.getRuntime().addShutdownHook(d.stopOnExit);
        log.info("Dashboard: http://localhost:{}/train/overview (DL4J's server listens on all interfaces; "
                + "port from -Dorg.deeplearning4j.ui.port)", server.getPort());
        return d;
    }

    /** Stops the server unless the user asked to keep it; then it runs until Ctrl-C. */
    @Override
    public void close() {
        if (keep) {
            log.info("Dashboard kept running at http://localhost:{}/train/overview: press Ctrl-C to stop it",
                    UIServer.getInstance().getPort());
            return;
        }
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        stopServer();
    }

    private static void stopServer() {
        try {
            UIServer.stopInstance();
        } catch (Exception e) {
            log.warn("Could not stop the dashboard cleanly: {}", e.toString());
        }
    }
}
