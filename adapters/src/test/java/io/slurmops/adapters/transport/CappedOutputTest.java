package io.slurmops.adapters.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CappedOutputTest {

    @Test
    void keepsEverythingUnderTheLimit() throws Exception {
        CappedOutput output = new CappedOutput(100);
        output.drainFrom(new ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(output.text()).isEqualTo("hello\n");
        assertThat(output.droppedBytes()).isZero();
    }

    @Test
    void keepsTheFirstBytesAndCountsTheRest() throws Exception {
        CappedOutput output = new CappedOutput(4);
        output.drainFrom(new ByteArrayInputStream("abcdefghij".getBytes(StandardCharsets.UTF_8)));

        assertThat(output.droppedBytes()).isEqualTo(6);
        assertThat(output.text()).isEqualTo("abcd\n[output truncated: 6 more bytes not shown]\n");
    }

    @Test
    void theLimitHoldsAcrossManyWrites() {
        CappedOutput output = new CappedOutput(10);
        byte[] chunk = "12345678".getBytes(StandardCharsets.UTF_8);
        output.append(chunk, chunk.length);
        output.append(chunk, chunk.length);
        output.append(chunk, 3);

        assertThat(output.text()).startsWith("1234567812\n");
        assertThat(output.droppedBytes()).isEqualTo(9);
    }

    @Test
    void decodesUtf8() {
        CappedOutput output = new CappedOutput(100);
        byte[] bytes = "Grüße 🚀".getBytes(StandardCharsets.UTF_8);
        output.append(bytes, bytes.length);

        assertThat(output.text()).isEqualTo("Grüße 🚀");
    }
}
