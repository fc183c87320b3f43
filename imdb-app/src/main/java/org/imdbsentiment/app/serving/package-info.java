/**
 * Serving a model bundle over HTTP: the Javalin server and its API, batching of concurrent requests
 * through the model's pipeline with a bounded queue, Prometheus metrics, the web page and OpenAPI
 * document (resources beside this package), and the load test. Reads models only as bundles; knows
 * nothing of training.
 */
package org.imdbsentiment.app.serving;
