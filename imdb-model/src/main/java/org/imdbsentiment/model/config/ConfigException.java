package org.imdbsentiment.model.config;

/** A setting that is unknown or out of range; the message names the valid choices. */
public class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }
}
