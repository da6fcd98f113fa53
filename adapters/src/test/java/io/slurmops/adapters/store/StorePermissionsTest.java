package io.slurmops.adapters.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hole 3 of issue 10: whoever can write the store can vote (a vote is a row). The embedded store's
 * directory is created 0700 and its files 0600, and a store that group or others can write is refused.
 */
class StorePermissionsTest {

    @TempDir
    Path dir;

    @Test
    void theStoreDirectoryAndFilesAreTheOwnersOnly() throws IOException {
        Path state = dir.resolve("state/sub");
        try (SlurmopsStore store = SlurmopsStore.open("jdbc:h2:file:" + state.resolve("store"), "", "")) {
            store.transaction(tx -> tx.recentAudit(1));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
        List<Path> files;
        try (Stream<Path> s = Files.list(state)) {
            files = s.toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aStoreDirectoryOthersCanWriteIsRefusedWithTheFix() throws IOException {
        Path state = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> SlurmopsStore.open("jdbc:h2:file:" + state.resolve("store"), "", ""))
                .isInstanceOf(StoreException.class).hasMessageContaining("writable by group or others")
                .hasMessageContaining("chmod 700 " + state);
    }

    @Test
    void aStoreFileOthersCanWriteIsRefusedWithTheFix() throws IOException {
        Path state = dir.resolve("state");
        SlurmopsStore.open("jdbc:h2:file:" + state.resolve("store"), "", "").close();
        Path file = state.resolve("store.mv.db");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThatThrownBy(() -> SlurmopsStore.open("jdbc:h2:file:" + state.resolve("store"), "", ""))
                .isInstanceOf(StoreException.class).hasMessageContaining("chmod 600 " + file);
    }
}
