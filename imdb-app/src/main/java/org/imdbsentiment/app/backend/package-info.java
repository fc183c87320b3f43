/**
 * What the ND4J backend of this build can run on: the CUDA compute capabilities the released
 * {@code nd4j-cuda-11.6:1.0.0-M2.1} natives hold kernels for, and the start-up check that refuses
 * a GPU outside them in one line instead of failing inside a kernel launch (docs/gpu.md).
 */
package org.imdbsentiment.app.backend;
