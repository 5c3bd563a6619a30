package io.edgesplit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DecodedTest {

    private static final DeadLetterRecord DEAD_LETTER =
            new DeadLetterRecord("t", 0, 1L, null, "bad", null, 0L);

    @Test
    void holdsExactlyOneOfValueAndDeadLetter() {
        assertThat(Decoded.ofValue("x").isDeadLetter()).isFalse();
        assertThat(Decoded.ofDeadLetter(DEAD_LETTER).isDeadLetter()).isTrue();
        assertThatThrownBy(() -> new Decoded<>("x", DEAD_LETTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a Decoded holds exactly one of value and deadLetter, got both");
        assertThatThrownBy(() -> new Decoded<>(null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a Decoded holds exactly one of value and deadLetter, got neither");
    }
}
