package com.trafficmanager.console.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * What a logger and those under it log during one test, DEBUG included (for tests that check nothing
 * secret is logged). Register with {@code @RegisterExtension}; the logger's level is put back after.
 */
public final class CapturedLog implements BeforeEachCallback, AfterEachCallback {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger;
    private Level level;

    public CapturedLog(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.detachAppender(appender);
        logger.setLevel(level);
    }

    /** The events logged so far in this test. */
    public List<ILoggingEvent> events() {
        return appender.list;
    }
}
