package org.imdbsentiment.app.runs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What this code was built from, recorded at build time (Maven writes {@value #RESOURCE} with the
 * project's version and git-commit-id-maven-plugin's commit and dirty flag), so a jar run on another
 * machine still knows its commit. {@code unknown} where the build had no git checkout.
 *
 * @param projectVersion the Maven project version
 * @param gitCommit      the full commit id, with {@code -dirty} when the tree had uncommitted changes
 */
public record BuildInfo(String projectVersion, String gitCommit) {
    static final String RESOURCE = "org/imdbsentiment/app/runs/build.properties";
    static final String GIT_RESOURCE = "org/imdbsentiment/app/runs/git.properties";

    /** This build's. */
    public static BuildInfo current() {
        Properties build = load(RESOURCE);
        Properties git = load(GIT_RESOURCE);
        String commit = git.getProperty("git.commit.id.full", "");
        if (commit.isBlank() || commit.startsWith("${")) {
            commit = "unknown";
        } else if ("true".equals(git.getProperty("git.dirty"))) {
            commit += "-dirty";
        }
        String version = build.getProperty("project.version", "unknown");
        return new BuildInfo(version.startsWith("${") ? "unknown" : version, commit);
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource is the same as none: "unknown"
        }
        return p;
    }
}
