/**
 * Self-contained model files: graph, vocabulary, tokenizer name and rules version, settings,
 * provenance and test metrics in one zip that is also a plain DL4J model file.
 */
package org.imdbsentiment.model.bundle;
