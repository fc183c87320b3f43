package org.imdbsentiment.data;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects the warnings (and errors) one class logs while it is open. It listens on the root logger
 * and keeps that class's events, so the logging configuration is left as it was.
 */
final class LogCapture implements AutoCloseable {
    private final LoggerContext context;
    private final LoggerConfig root;
    private final AbstractAppender appender;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private LogCapture(Class<?> source) {
        context = (LoggerContext) LogManager.getContext(false);
        root = context.getConfiguration().getRootLogger();
        appender = new AbstractAppender("capture-" + source.getName(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLoggerName().equals(source.getName())) {
                    warnings.add(event.getMessage().getFormattedMessage());
                }
            }
        };
        appender.start();
        root.addAppender(appender, Level.WARN, null);
        context.updateLoggers();
    }

    static LogCapture of(Class<?> source) {
        return new LogCapture(source);
    }

    /** The formatted messages logged at WARN or above, in order. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void close() {
        root.removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
