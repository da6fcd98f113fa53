package io.slurmops.adapters.store;

import io.slurmops.adapters.os.ProcessUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store directory must be the running account's: a directory someone else owns is refused (its
 * owner could write votes), one that others may only read is repaired to 0700.
 */
class StoreDirectoryOwnerTest {

    @TempDir
    Path dir;

    @Test
    void aStoreDirectoryOwnedBySomeoneElseIsRefused() throws IOException {
        Path state = Files.createDirectory(dir.resolve("state"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        String owner = Files.getOwner(state).getName();
        assertThatThrownBy(() -> StoreFiles.prepare(state.resolve("store"), "not-" + owner))
                .isInstanceOf(StoreException.class).hasMessageContaining("owned by " + owner)
                .hasMessageContaining("chown -R not-" + owner + " " + state);
    }

    @Test
    void aStoreFileOwnedBySomeoneElseIsRefusedToo() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(ProcessUser.isRoot(), "giving a file away needs root");
        Path state = dir.resolve("state");
        SlurmopsStore.open("jdbc:h2:file:" + state.resolve("store"), "", "").close();
        Path file = state.resolve("store.mv.db");
        Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertThatThrownBy(() -> SlurmopsStore.open("jdbc:h2:file:" + state.resolve("store"), "", ""))
                .isInstanceOf(StoreException.class).hasMessageContaining(file + " is owned by nobody");
    }

    @Test
    void aStoreDirectoryOthersMayOnlyReadIsRepaired() throws IOException {
        Path state = Files.createDirectory(dir.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        SlurmopsStore.open("jdbc:h2:file:" + state.resolve("store"), "", "").close();
        Path file = state.resolve("store.mv.db");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (SlurmopsStore store = SlurmopsStore.open("jdbc:h2:file:" + state.resolve("store"), "", "")) {
            store.transaction(tx -> tx.recentAudit(1));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aFileH2WritesLaterIsTheOwnersOnlyAfterClose() throws IOException {
        Path state = dir.resolve("state");
        try (SlurmopsStore store = SlurmopsStore.open("jdbc:h2:file:" + state.resolve("store"), "", "")) {
            // What H2 makes while running (a trace file after an error) is created with the umask's mode.
            Path trace = Files.writeString(state.resolve("store.trace.db"), "x");
            Files.setPosixFilePermissions(trace, PosixFilePermissions.fromString("rw-r--r--"));
            store.transaction(tx -> tx.recentAudit(1));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("store.trace.db"))))
                .isEqualTo("rw-------");
    }
}
