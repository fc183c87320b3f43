/**
 * Word vectors trained on IMDB's own text (training split and unlabelled reviews, never validation
 * or test text) with DL4J's Word2Vec, written in GloVe's text format so the GloVe path reads them.
 */
package org.imdbsentiment.app.vectors;
