package io.slurmops.bot.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsConfigTest {

    @Test
    void offByDefaultAndOnLoopbackOnTheWebhooksPortWhenEnabled() throws ConfigException {
        assertThat(new ConfigLoader(Map.of()).parse("", "t").metrics()).isEqualTo(MetricsConfig.defaults());
        SlurmopsConfig c = new ConfigLoader(Map.of("T", "tok")).parse("""
                alertmanager: {enabled: true, auth: {secret: "${T}"}}
                metrics: {enabled: true}
                """, "t");
        assertThat(c.metrics()).isEqualTo(new MetricsConfig(true, "127.0.0.1", 9095));
        assertThat(c.metrics().sharesListenerWith(c.alertmanager())).isTrue();
    }

    @Test
    void aPortOfItsOwnMayHaveAnotherAddress() throws ConfigException {
        SlurmopsConfig c = new ConfigLoader(Map.of("T", "tok")).parse("""
                alertmanager: {enabled: true, auth: {secret: "${T}"}}
                metrics: {enabled: true, address: 0.0.0.0, port: 9100}
                """, "t");
        assertThat(c.metrics().sharesListenerWith(c.alertmanager())).isFalse();
        assertThat(c.metrics().address()).isEqualTo("0.0.0.0");
    }

    @Test
    void oneSharedPortOnTwoAddressesAndUnknownKeysAreRefused() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse("""
                metrics: {enabled: true, address: 127.0.0.1, path: /m, port: 70000}
                """, "t"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).contains("metrics").contains("path"),
                        p -> assertThat(p).contains("metrics.port")));
        assertThatThrownBy(() -> new ConfigLoader(Map.of("T", "tok")).parse("""
                alertmanager: {enabled: true, address: 10.0.0.5, auth: {secret: "${T}"}}
                metrics: {enabled: true, address: 127.0.0.1}
                """, "t"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p).contains("metrics.address").contains("same port 9095")));
    }
}
