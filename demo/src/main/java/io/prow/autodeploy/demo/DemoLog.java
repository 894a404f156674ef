package io.prow.autodeploy.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * {@code make demo} prints the story only: while open, the plugin's JSON log lines (every level from INFO) go to
 * a file instead of the console, and closing puts the console appenders back. The demo prints the file's path.
 */
public final class DemoLog implements AutoCloseable {
    private final Logger root;
    private final Level level;
    private final List<Appender<ILoggingEvent>> replaced = new ArrayList<>();
    private final FileAppender<ILoggingEvent> file;

    private DemoLog(Path path) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        level = root.getLevel();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            replaced.add(it.next());
        }
        JsonEncoder encoder = new JsonEncoder(); // the same one object per line as logback.xml writes
        encoder.setContext(ctx);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.setWithMessage(false);
        encoder.start();
        file = new FileAppender<>();
        file.setContext(ctx);
        file.setName("demo-file");
        file.setFile(path.toString());
        file.setAppend(true);
        file.setEncoder(encoder);
        file.start();
        root.addAppender(file);
        replaced.forEach(a -> root.detachAppender(a));
        root.setLevel(Level.INFO);
    }

    /** Sends the plugin's log lines to {@code path} until closed. */
    public static DemoLog toFile(Path path) {
        return new DemoLog(path);
    }

    @Override
    public void close() {
        replaced.forEach(root::addAppender);
        root.detachAppender(file);
        file.stop();
        root.setLevel(level);
    }
}
