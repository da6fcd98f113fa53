package io.slurmops.adapters.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PosixShellQuotingTest {

    @Test
    void quotesEveryElement() {
        assertThat(PosixShellQuoting.quote(List.of("ls", "-l", "/tmp"))).isEqualTo("'ls' '-l' '/tmp'");
    }

    @Test
    void escapesSingleQuotes() {
        assertThat(PosixShellQuoting.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(PosixShellQuoting.quote("'")).isEqualTo("''\\'''");
    }

    @Test
    void keepsEmptyArguments() {
        assertThat(PosixShellQuoting.quote(List.of("printf", "%s", ""))).isEqualTo("'printf' '%s' ''");
    }

    @Test
    void leavesEverythingElseLiteral() {
        String nasty = "$(id) `id` ; && | * ? [a-z] ~ $HOME \\ \n\t \"x\" 🚀";
        assertThat(PosixShellQuoting.quote(nasty)).isEqualTo("'" + nasty + "'");
    }

    @Test
    void rejectsNul() {
        assertThatThrownBy(() -> PosixShellQuoting.quote(List.of("echo", "a\0b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    }

    @Test
    void rejectsUnpairedSurrogates() {
        assertThatThrownBy(() -> PosixShellQuoting.quote("x\uD83D"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> PosixShellQuoting.quote("\uDE80x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
    }

    @Test
    void rejectsAnEmptyArgv() {
        assertThatThrownBy(() -> PosixShellQuoting.quote(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    /** What sshd does with the string (user's shell -c), done locally: the argv must come back intact. */
    @Test
    void aLocalShellReceivesExactlyTheArgv() throws Exception {
        List<String> args = HostileArguments.all("/tmp/slurmops-never-created");
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(args);

        Process sh = new ProcessBuilder("sh", "-c", PosixShellQuoting.quote(argv)).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sh.getInputStream().transferTo(out);
        assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(sh.exitValue()).isZero();
        assertThat(out.toByteArray()).isEqualTo(HostileArguments.nulTerminated(args).getBytes(StandardCharsets.UTF_8));
    }
}
