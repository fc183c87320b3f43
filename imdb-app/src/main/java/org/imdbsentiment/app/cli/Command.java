package org.imdbsentiment.app.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * A sub-command: run after parsing, it returns its exit status and keeps a result that tests (and
 * other callers) can assert on.
 */
interface Command {
    /** Runs the command; {@code spec} holds what was parsed, {@code args} the raw command line. */
    int run(CommandSpec spec, String[] args) throws Exception;

    /** What the last {@link #run} produced (null before, or for a command without one). */
    Object result();
}
