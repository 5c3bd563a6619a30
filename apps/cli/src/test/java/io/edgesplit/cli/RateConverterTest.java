package io.edgesplit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class RateConverterTest {

    private final RateConverter rates = new RateConverter();

    @Test
    void acceptsPlainNumbersAndSiSuffixes() {
        assertThat(rates.convert("20e6")).isEqualTo(2e7);
        assertThat(rates.convert("20M")).isEqualTo(2e7);
        assertThat(rates.convert("500k")).isEqualTo(5e5);
        assertThat(rates.convert("1G")).isEqualTo(1e9);
    }

    @Test
    void refusesWhatIsNoRateInOneLine() {
        assertThatThrownBy(() -> rates.convert("fast"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'fast' is not a bit rate: write e.g. 20e6, 20M, 500k or 1G");
        assertThatThrownBy(() -> rates.convert("-5M"))
                .hasMessage("'-5M' is not a bit rate: it must be a finite number >= 0");
        assertThatThrownBy(() -> rates.convert("inf")).hasMessageContaining("finite");
    }

    @Test
    void demoTakesSuffixedUplinkRatesAndNamesABadOne() {
        CliRun r = CliRun.of("demo", "--uplink", "20M,fast");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .contains("'fast' is not a bit rate: write e.g. 20e6, 20M, 500k or 1G")
                .hasLineCount(1);
    }
}
