package io.edgesplit.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each reader on a few lines in the data set's real format (facts.md). */
class TraceFormatTest {

    /** Norway HSDPA: unix_s mono_ms lat lon bytes_since_prev ms_since_prev. */
    static final List<String> NORWAY =
            List.of(
                    "1284354120 4118 59.915394 10.750493 17144 1001",
                    "1284354121 5119 59.915394 10.750493 198228 1001",
                    "1284354122 6120 59.915407 10.750471 0 0",
                    "1284354123 7118 59.915421 10.750449 95540 998");

    /** Belgium 4G: the same six columns, the first in epoch milliseconds. */
    static final List<String> BELGIUM =
            List.of(
                    "1453121790686 1453121790686 51.050339 3.717818 2355744 1000",
                    "1453121791686 1453121791686 51.050345 3.717820 1177872 1000");

    /** Mahimahi: one line per 1500-byte delivery opportunity (ms since start). */
    static final List<String> MAHIMAHI = List.of("10", "10", "50", "120", "150", "199", "200");

    /** Pensieve cooked: time_s throughput_Mbit/s. */
    static final List<String> PENSIEVE = List.of("0.0 3.4", "1.0 2.1", "2.5 0.9", "3.5 5.0");

    /** FCC web-get CSV: column 6 is bytes_sec. */
    static final List<String> FCC =
            List.of(
                    "unit_id,dtime,target,address,fetch_time,bytes_total,bytes_sec,objects,threads,"
                            + "requests,connections,reused_connections,lookups,successes,failures",
                    "386,2016-07-01 00:00:07,http://www.cnn.com,151.101.1.67,2189143,1994962,911315,"
                            + "94,8,94,10,84,10,1,0",
                    "386,2016-07-01 01:00:05,http://www.cnn.com,151.101.1.67,1753225,1993745,1137156,"
                            + "94,8,94,9,85,10,1,0");

    /** UCC G-NetTrack: header with UL_bitrate (kbit/s), "-" when missing, 1 s rows. */
    static final List<String> UCC =
            List.of(
                    "Timestamp,Longitude,Latitude,Speed,Operatorname,CellID,NetworkMode,RSRP,RSRQ,"
                            + "SNR,CQI,RSSI,DL_bitrate,UL_bitrate,State,NRxRSRP,NRxRSRQ,"
                            + "ServingCell_Lon,ServingCell_Lat,ServingCell_Distance",
                    "2019.12.12_09.30.07,-8.4712,51.8969,0,A,12345,LTE,-92,-11,4.0,9,-62,1200,-,D,"
                            + "-,-,-8.47,51.89,1200",
                    "2019.12.12_09.30.08,-8.4712,51.8969,0,A,12345,LTE,-92,-11,4.0,9,-62,1300,512,D,"
                            + "-,-,-8.47,51.89,1200",
                    "2019.12.12_09.30.09,-8.4713,51.8969,3,A,12345,LTE,-95,-12,2.0,8,-64,900,-,D,"
                            + "-,-,-8.47,51.89,1210",
                    "2019.12.12_09.30.10,-8.4714,51.8969,5,A,12345,LTE,-97,-13,1.0,7,-66,800,2048,D,"
                            + "-,-,-8.47,51.89,1220");

    @Test
    void readsNorwayHsdpa() {
        BandwidthTrace t = TraceFormat.NORWAY_HSDPA.parse(NORWAY, "bus.log");
        assertThat(t.capacityAt(0.5)).isCloseTo(17144 * 8 / 1.001, within(1e-6));
        assertThat(t.capacityAt(1.5)).isCloseTo(198228 * 8 / 1.001, within(1e-6));
        // the zero-interval line is skipped; the next step follows directly
        assertThat(t.capacityAt(2.5)).isCloseTo(95540 * 8 / 0.998, within(1e-6));
        assertThat(t.durationSeconds()).isCloseTo(3.0, within(1e-9));
        assertThat(t.capacityAt(3.5)).isEqualTo(t.capacityAt(0.5));
        assertThat(t.name()).contains("bus.log").contains("norway");
    }

    @Test
    void readsBelgium4g() {
        BandwidthTrace t = TraceFormat.BELGIUM_4G.parse(BELGIUM, "b.log");
        assertThat(t.capacityAt(0.2)).isEqualTo(2355744 * 8.0);
        assertThat(t.capacityAt(1.2)).isEqualTo(1177872 * 8.0);
    }

    @Test
    void readsMahimahiInBinsAndLoopsAfterTheLastTimestamp() {
        BandwidthTrace t = TraceFormat.MAHIMAHI.parse(MAHIMAHI, "m.trace");
        assertThat(t.durationSeconds()).isEqualTo(0.2);
        // bin [0, 100 ms): 3 packets of 12000 bits; bin [100, 200 ms): 4 (the 200 ms one too)
        assertThat(t.capacityAt(0.05)).isCloseTo(3 * 12000 / 0.1, within(1e-6));
        assertThat(t.capacityAt(0.15)).isCloseTo(4 * 12000 / 0.1, within(1e-6));
        assertThat(t.capacityAt(0.25)).isCloseTo(t.capacityAt(0.05), within(1e-9));
        assertThat(t.meanCapacity()).isCloseTo(7 * 12000 / 0.2, within(1e-6));
    }

    @Test
    void readsPensieveCooked() {
        BandwidthTrace t = TraceFormat.PENSIEVE_COOKED.parse(PENSIEVE, "c.txt");
        assertThat(t.capacityAt(0.9)).isEqualTo(3.4e6);
        assertThat(t.capacityAt(2.4)).isEqualTo(2.1e6);
        assertThat(t.capacityAt(3.4)).isEqualTo(0.9e6);
        assertThat(t.capacityAt(4.0)).isEqualTo(5.0e6);
        assertThat(t.durationSeconds()).isEqualTo(4.5);
    }

    @Test
    void readsFccWebGetColumnSix() {
        BandwidthTrace t = TraceFormat.FCC_WEBGET.parse(FCC, "curr_webget.csv");
        assertThat(t.capacityAt(0)).isEqualTo(911315 * 8.0);
        assertThat(t.capacityAt(TraceFormat.FCC_SAMPLE_SECONDS + 0.1)).isEqualTo(1137156 * 8.0);
        assertThat(t.durationSeconds()).isEqualTo(2.0 * TraceFormat.FCC_SAMPLE_SECONDS);
    }

    @Test
    void readsUccUplinkAndFillsMissingValues() {
        BandwidthTrace t = TraceFormat.UCC_GNETTRACK.parse(UCC, "B_2019.12.12.csv");
        assertThat(t.capacityAt(0.5)).isEqualTo(512e3); // leading "-" takes the first value
        assertThat(t.capacityAt(1.5)).isEqualTo(512e3);
        assertThat(t.capacityAt(2.5)).isEqualTo(512e3); // "-" repeats the previous value
        assertThat(t.capacityAt(3.5)).isEqualTo(2048e3);
        assertThat(t.durationSeconds()).isEqualTo(4.0);
    }

    @Test
    void detectsTheFormatFromContent() {
        assertThat(TraceFormat.detect(NORWAY, "x")).isEqualTo(TraceFormat.NORWAY_HSDPA);
        assertThat(TraceFormat.detect(BELGIUM, "x")).isEqualTo(TraceFormat.BELGIUM_4G);
        assertThat(TraceFormat.detect(MAHIMAHI, "x")).isEqualTo(TraceFormat.MAHIMAHI);
        assertThat(TraceFormat.detect(PENSIEVE, "x")).isEqualTo(TraceFormat.PENSIEVE_COOKED);
        assertThat(TraceFormat.detect(FCC, "x")).isEqualTo(TraceFormat.FCC_WEBGET);
        assertThat(TraceFormat.detect(UCC, "x")).isEqualTo(TraceFormat.UCC_GNETTRACK);
        assertThatThrownBy(() -> TraceFormat.detect(List.of("", "a b c"), "odd.txt"))
                .hasMessageContaining("odd.txt")
                .hasMessageContaining("--trace-format");
    }

    @Test
    void readsFilesWithOrWithoutAnExplicitFormat(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("report.log");
        Files.write(f, NORWAY);
        assertThat(TraceFormat.read(f).capacityAt(0.5))
                .isEqualTo(TraceFormat.read(f, TraceFormat.NORWAY_HSDPA).capacityAt(0.5));
        assertThat(TraceFormat.fromName("ucc")).isEqualTo(TraceFormat.UCC_GNETTRACK);
        assertThat(TraceFormat.fromName("auto")).isNull();
        assertThatThrownBy(() -> TraceFormat.fromName("lumos"))
                .hasMessageContaining("norway, belgium, mahimahi, pensieve, fcc, ucc");
        assertThatThrownBy(() -> TraceFormat.read(dir.resolve("missing.log")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void malformedLinesNameTheFileAndLine() {
        assertLineError(
                TraceFormat.NORWAY_HSDPA,
                List.of(NORWAY.get(0), "1284354121 5119 59.9 10.7 198228"),
                2,
                "expected 6 columns");
        assertLineError(
                TraceFormat.NORWAY_HSDPA,
                List.of(NORWAY.get(0), "", "1284354121 5119 59.9 10.7 lots 1001"),
                3,
                "not a number");
        assertLineError(TraceFormat.MAHIMAHI, List.of("5", "3"), 2, "non-decreasing");
        assertLineError(TraceFormat.MAHIMAHI, List.of("5", "1.5"), 2, "whole millisecond");
        assertLineError(
                TraceFormat.PENSIEVE_COOKED, List.of("0 1", "0 2"), 2, "time must increase");
        assertLineError(
                TraceFormat.FCC_WEBGET, List.of(FCC.get(0), "386,x,y,z,1,2,-5,3"), 2, ">= 0");
        assertLineError(
                TraceFormat.UCC_GNETTRACK,
                List.of(UCC.get(0), UCC.get(2).replace(",512,", ",fast,")),
                2,
                "UL_bitrate");
        assertLineError(
                TraceFormat.UCC_GNETTRACK, List.of("Timestamp,DL_bitrate", "x,1"), 1, "UL_bitrate");
    }

    private static void assertLineError(
            TraceFormat format, List<String> lines, int line, String problem) {
        assertThatThrownBy(() -> format.parse(lines, "fixture.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("trace fixture.txt line " + line + ":")
                .hasMessageContaining(problem);
    }

    @Test
    void averageCapacityIntegratesAcrossStepsAndLoops() {
        BandwidthTrace t = BandwidthTrace.of("t", new double[] {0, 1}, new double[] {10, 20}, 2);
        assertThat(t.averageCapacity(0.5, 1.0)).isCloseTo(15, within(1e-12));
        assertThat(t.averageCapacity(1.5, 1.0)).isCloseTo(15, within(1e-12));
        assertThat(t.averageCapacity(0, 4.0)).isCloseTo(15, within(1e-12));
        assertThat(t.averageCapacity(101.25, 0.5)).isCloseTo(20, within(1e-9));
        assertThat(t.capacityAt(-0.5)).isEqualTo(20);
        assertThat(t.scaled(0.5).meanCapacity()).isEqualTo(7.5);
        assertThatThrownBy(
                        () -> BandwidthTrace.of("t", new double[] {0, 0}, new double[] {1, 2}, 1))
                .hasMessageContaining("strictly ascending");
    }
}
