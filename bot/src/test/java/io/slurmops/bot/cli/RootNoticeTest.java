package io.slurmops.bot.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** `sudo slurmops console` makes everyone console:root: the console says so once, at start. */
class RootNoticeTest {

    @Test
    void rootIsToldThatEverySudoerIsTheSameIdentity() {
        assertThat(ConsoleIdentity.rootNotice("root", "root")).hasValueSatisfying(n -> assertThat(n)
                .contains("console:root").contains("sudo"));
        assertThat(ConsoleIdentity.rootNotice("alice", "alice")).isEmpty();
    }
}
