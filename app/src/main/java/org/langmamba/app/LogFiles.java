package org.langmamba.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.langmamba.viewer.settings.WorkstationHome;
import org.slf4j.LoggerFactory;

/**
 * The per-user log file (the folder the About dialog names): one file a day, at most 10 MB each,
 * 14 days and 100 MB in all, so a workstation left running for months never fills the disk and last
 * week's problem can still be read. Added only when the folder can be created and written; otherwise
 * one line on stderr says why and logging stays on the console (stderr), never on stdout.
 */
final class LogFiles {
    private LogFiles() {}

    static void start() {
        Path folder = WorkstationHome.logs();
        try {
            Files.createDirectories(folder);
            if (!Files.isWritable(folder)) {
                throw new IOException("not writable");
            }
        } catch (IOException | RuntimeException e) {
            String reason = Main.oneLine(e);
            System.err.println("langmamba: no log file: cannot write " + folder + " (" + reason
                    + "); logging to the console only");
            return;
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(folder.resolve("langmamba.log").toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(
                folder.resolve("langmamba.%d{yyyy-MM-dd}.%i.log.gz").toString());
        rolling.setMaxFileSize(FileSize.valueOf("10MB"));
        rolling.setMaxHistory(14);
        rolling.setTotalSizeCap(FileSize.valueOf("100MB"));
        rolling.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n");
        encoder.start();
        file.setEncoder(encoder);
        file.setRollingPolicy(rolling);
        file.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(file);
    }
}
