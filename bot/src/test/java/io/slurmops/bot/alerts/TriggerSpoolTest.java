package io.slurmops.bot.alerts;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.slurmops.adapters.os.ProcessUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The spool is writable by SlurmUser and read by the bot (often root): nothing placed there may make
 * the bot read a file it would not otherwise show. Real files, links and owners in a temp directory.
 */
class TriggerSpoolTest {

    private static final String SECRET = "TOP-SECRET-do-not-log";

    @TempDir
    Path dir;
    Path spool;
    Path secret;
    final List<String> polls = new CopyOnWriteArrayList<>();
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    TriggerSpool watch;

    @BeforeEach
    void setUp() throws Exception {
        spool = Files.createDirectory(dir.resolve("triggers"));
        secret = Files.writeString(dir.resolve("shadow"), SECRET + "\n");
        watch = new TriggerSpool(spool, ProcessUser.realUid(), TriggerSource.EVENTS, polls::add);
        log.start();
        ((Logger) LoggerFactory.getLogger(TriggerSpool.class)).addAppender(log);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(TriggerSpool.class)).detachAppender(log);
    }

    private String logged() {
        StringBuilder b = new StringBuilder();
        log.list.forEach(e -> b.append(e.getFormattedMessage()).append('\n'));
        return b.toString();
    }

    @Test
    void aSymlinkToASecretFileIsNeitherReadNorFollowedAndIsRemoved() throws Exception {
        Path link = Files.createSymbolicLink(spool.resolve("1.down.evt"), secret);
        Files.writeString(spool.resolve("2.drained.evt"), "node003\n");

        List<TriggerSpool.Event> events = watch.drain();

        assertThat(events).containsExactly(new TriggerSpool.Event("drained", "node003"));
        assertThat(logged()).doesNotContain(SECRET).contains("a symbolic link");
        assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).as("the link is removed").isFalse();
        assertThat(Files.readString(secret)).as("its target is untouched").contains(SECRET);
    }

    @Test
    void aHardLinkADirectoryAndAForeignOwnersFileAreRefused() throws Exception {
        Files.createLink(spool.resolve("1.down.evt"), secret);
        Files.createDirectory(spool.resolve("2.fail.evt"));

        assertThat(watch.drain()).isEmpty();
        assertThat(logged()).doesNotContain(SECRET).contains("2 hard links").contains("not a regular file");
        assertThat(Files.readString(secret)).contains(SECRET);

        assumeTrue(ProcessUser.isRoot(), "giving a file to another user needs root");
        Path foreign = Files.writeString(spool.resolve("3.down.evt"), "node001\n");
        Files.setAttribute(foreign, "unix:uid", 65534);
        assertThat(watch.drain()).isEmpty();
        assertThat(logged()).contains("owned by uid 65534");
        assertThat(Files.exists(foreign)).isFalse();
    }

    @Test
    void onlyTheExpectedOwnersFilesCountAsEvents() throws Exception {
        TriggerSpool slurmOnly = new TriggerSpool(spool, ProcessUser.realUid() + 1, TriggerSource.EVENTS, polls::add);
        Files.writeString(spool.resolve("1.down.evt"), "node001\n");
        assertThat(slurmOnly.drain()).isEmpty();
        assertThat(logged()).contains("owned by uid " + ProcessUser.realUid() + ", not " + (ProcessUser.realUid() + 1));
    }
}
