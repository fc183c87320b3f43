package org.imdbsentiment.model.lstm;

/**
 * One pass of a layer (forward or backward) split so that two passes can compute at the same time on
 * two threads. The layer's {@code prepare...} method, which returns this, runs on the calling thread:
 * it allocates every array the pass needs in that thread's workspaces and draws any dropout mask
 * there (DL4J's workspaces and random streams belong to one thread). {@link #compute} then only
 * reads and writes those arrays and the layer's own Java buffers, so it may run on any thread, and
 * {@link #finish} runs on the calling thread again. Running {@code compute} then {@code finish} on
 * one thread is the plain pass, with the same result bit for bit.
 *
 * @param <T> what the pass returns
 */
public interface StagedPass<T> {
    /** The arithmetic of the pass: no allocation in a workspace, no random numbers. */
    void compute();

    /** The pass's result, on the thread that prepared it, after {@link #compute} has returned. */
    T finish();

    /** Computes and finishes on this thread. */
    default T runHere() {
        compute();
        return finish();
    }
}
