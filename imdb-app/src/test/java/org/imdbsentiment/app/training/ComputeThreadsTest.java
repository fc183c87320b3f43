package org.imdbsentiment.app.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ComputeThreadsTest {
    @Test
    void openBlasKeepsOneThreadWhenTheFastLstmComputesOnThreadsOfItsOwn() {
        assertEquals(1, ComputeThreads.blasThreads(2, 2), "two LSTM threads: OpenBLAS on one inside each");
        assertEquals(1, ComputeThreads.blasThreads(4, 3));
        assertEquals(2, ComputeThreads.blasThreads(2, 1), "one LSTM thread: OpenBLAS gets the ND4J count");
        assertEquals(1, ComputeThreads.blasThreads(1, 1));
        int perCore = Runtime.getRuntime().availableProcessors() > 1 ? 1 : 3;
        assertEquals(perCore, ComputeThreads.blasThreads(3, 0), "0: one LSTM thread per core");
    }
}
