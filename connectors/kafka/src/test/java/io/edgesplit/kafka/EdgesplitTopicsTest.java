package io.edgesplit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class EdgesplitTopicsTest {

    @Test
    void defaultsAreTheDocumentedNames() {
        assertThat(EdgesplitTopics.defaults().all())
                .containsExactly(
                        "edgesplit.telemetry",
                        "edgesplit.frames",
                        "edgesplit.profiles",
                        "edgesplit.decisions",
                        "edgesplit.results",
                        "edgesplit.deadletters");
        assertThat(EdgesplitTopics.fromConfig(new Configuration()))
                .isEqualTo(EdgesplitTopics.defaults());
    }

    @Test
    void readsNamesFromOptions() {
        Configuration config = new Configuration();
        config.set(KafkaOptions.TOPIC_FRAMES, "lab.frames");
        config.set(KafkaOptions.TOPIC_DEAD_LETTERS, "lab.dlq");

        EdgesplitTopics topics = EdgesplitTopics.fromConfig(config);

        assertThat(topics.frames()).isEqualTo("lab.frames");
        assertThat(topics.deadLetters()).isEqualTo("lab.dlq");
        assertThat(topics.results()).isEqualTo(EdgesplitTopics.DEFAULT_RESULTS);
    }

    @Test
    void prefixesEveryName() {
        assertThat(EdgesplitTopics.defaults().withPrefix("t1.").results())
                .isEqualTo("t1.edgesplit.results");
    }

    @Test
    void rejectsIllegalAndSharedNames() {
        EdgesplitTopics d = EdgesplitTopics.defaults();
        assertThatThrownBy(
                        () ->
                                new EdgesplitTopics(
                                        "bad topic",
                                        d.frames(),
                                        d.decisions(),
                                        d.results(),
                                        d.deadLetters(),
                                        d.profiles()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "invalid telemetry topic name 'bad topic': use 1-249 characters from a-z, A-Z, 0-9, '.', '_' and '-'");
        assertThatThrownBy(
                        () ->
                                new EdgesplitTopics(
                                        d.telemetry(),
                                        d.frames(),
                                        d.decisions(),
                                        d.frames(),
                                        d.deadLetters(),
                                        d.profiles()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'edgesplit.frames' is configured for two roles");
    }
}
