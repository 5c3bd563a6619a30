package io.edgesplit.onnx.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InputShapesTest {

    @Test
    void parsesCommaAndXSeparatedDims() {
        assertThat(InputShapes.parse("1,3,224,224")).containsExactly(1, 3, 224, 224);
        assertThat(InputShapes.parse(" 1, 3 ,32 , 32 ")).containsExactly(1, 3, 32, 32);
        assertThat(InputShapes.parse("1x3x32x32")).containsExactly(1, 3, 32, 32);
        assertThat(InputShapes.format(new long[] {1, 3, 8})).isEqualTo("1,3,8");
    }

    @Test
    void rejectsBadText() {
        assertThatThrownBy(() -> InputShapes.parse("1,3,two,224"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "invalid input shape '1,3,two,224': dimension 'two' is not a positive"
                                + " integer (example: 1,3,224,224)");
        assertThatThrownBy(() -> InputShapes.parse("1,0,4"))
                .hasMessageContaining("dimension '0' is not a positive integer");
        assertThatThrownBy(() -> InputShapes.parse(" "))
                .hasMessage("empty input shape: pass dimensions like --input-shape 1,3,224,224");
    }
}
