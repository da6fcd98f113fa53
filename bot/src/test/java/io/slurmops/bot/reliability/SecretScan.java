package io.slurmops.bot.reliability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * Everything a run let out (log events with their stack traces, chat replies, HTTP answers, CLI
 * output, store contents), labelled by where it came from, and a count of the secrets found in it.
 */
final class SecretScan implements AutoCloseable {

    /** A secret found somewhere: which one (by name, never its value), where, how often. */
    record Hit(String secretName, String source, int count) {
    }

    private final Map<String, StringBuilder> captured = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<String> logLines = new ConcurrentLinkedQueue<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent e) {
            String line = e.getLevel() + " " + e.getLoggerName() + " [" + e.getThreadName() + "] "
                    + e.getFormattedMessage() + " " + e.getMDCPropertyMap();
            if (e.getThrowableProxy() != null) {
                line += "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy());
            }
            logLines.add(line);
        }
    };
    private final Logger ours;
    private final Level oursBefore;

    /** Captures every log event from now on; our own loggers at TRACE ("never logged at any level"). */
    SecretScan() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender.setContext(ctx);
        appender.setName("secret-scan");
        appender.start();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        ours = ctx.getLogger("io.slurmops");
        oursBefore = ours.getLevel();
        ours.setLevel(Level.TRACE);
    }

    synchronized void add(String source, String text) {
        captured.computeIfAbsent(source, s -> new StringBuilder()).append(text == null ? "" : text).append('\n');
    }

    synchronized void remove(String source) {
        captured.remove(source);
    }

    void add(String source, Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        add(source, w.toString());
    }

    /** Every file under {@code dir}, raw bytes read as ISO-8859-1 so that any byte sequence is kept. */
    void addFiles(String source, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                add(source + ":" + dir.relativize(f), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
    }

    synchronized Map<String, String> sources() {
        Map<String, String> all = new LinkedHashMap<>();
        captured.forEach((k, v) -> all.put(k, v.toString()));
        all.put("logs", String.join("\n", logLines));
        return all;
    }

    /** Occurrences of each secret (name → value) in every source. */
    List<Hit> hits(Map<String, String> secrets) {
        List<Hit> hits = new ArrayList<>();
        sources().forEach((source, text) -> secrets.forEach((name, value) -> {
            int n = 0;
            for (int i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + 1)) {
                n++;
            }
            if (n > 0) {
                hits.add(new Hit(name, source, n));
            }
        }));
        return hits;
    }

    long bytes() {
        return sources().values().stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
    }

    long lines() {
        return sources().values().stream().mapToLong(s -> s.lines().count()).sum();
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
        ours.setLevel(oursBefore);
    }
}
