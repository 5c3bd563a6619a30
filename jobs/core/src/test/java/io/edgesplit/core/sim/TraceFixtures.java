package io.edgesplit.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic uplink traces written in the real file formats of public data sets (facts.md), for the
 * documented scenarios: the real data sets cannot be downloaded here. They are generated, not
 * measured, and say so in their names. Deterministic (fixed seeds).
 */
public final class TraceFixtures {

    private TraceFixtures() {}

    /**
     * A 30-minute LTE uplink in the UCC G-NetTrack CSV format (1 s rows, UL_bitrate in kbit/s, "-"
     * for about 1% missing samples): a log-normal AR(1) around 4 Mbit/s with cell-edge fades to
     * about 0.2 Mbit/s lasting 5-40 s.
     */
    public static List<String> uccLteUplink() {
        SplittableRandom rnd = new SplittableRandom(2019);
        List<String> lines = new ArrayList<>();
        lines.add(
                "Timestamp,Longitude,Latitude,Speed,Operatorname,CellID,NetworkMode,RSRP,RSRQ,SNR,"
                        + "CQI,RSSI,DL_bitrate,UL_bitrate,State,NRxRSRP,NRxRSRQ,ServingCell_Lon,"
                        + "ServingCell_Lat,ServingCell_Distance");
        double x = 0;
        int fade = 0;
        double lon = -8.4712;
        for (int s = 0; s < 1800; s++) {
            x = 0.9 * x + 0.45 * gaussian(rnd);
            if (fade == 0 && rnd.nextDouble() < 0.006) {
                fade = 5 + rnd.nextInt(36);
            }
            double kbps = 4000 * Math.exp(x - 0.5);
            if (fade > 0) {
                kbps = 120 + 150 * rnd.nextDouble();
                fade--;
            }
            kbps = Math.max(60, Math.min(15_000, kbps));
            int rsrp = (int) Math.round(-85 - 20 * (fade > 0 ? 1 : 0) - 4 * x);
            lon += 0.00012;
            String ul = rnd.nextDouble() < 0.01 ? "-" : Long.toString(Math.round(kbps));
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "2019.12.12_%02d.%02d.%02d,%.5f,51.89690,%d,A,%d,LTE,%d,-11,%.1f,%d,-62,"
                                    + "%d,%s,D,-,-,-8.47,51.89,%d",
                            9 + (30 + s / 60) / 60,
                            (30 + s / 60) % 60,
                            s % 60,
                            lon,
                            30 + rnd.nextInt(20),
                            12345 + s / 600,
                            rsrp,
                            8.0 + 4 * x,
                            9,
                            Math.round(kbps * (6 + rnd.nextDouble() * 4)),
                            ul,
                            800 + s % 600));
        }
        return lines;
    }

    /**
     * A 30-minute 3G HSDPA-like trace in the Norway format ({@code unix_s mono_ms lat lon
     * bytes_since_prev ms_since_prev}, about 1 s samples): a log-normal AR(1) around 1.5 Mbit/s
     * with tunnels of near-zero throughput.
     */
    public static List<String> norway3g() {
        SplittableRandom rnd = new SplittableRandom(2010);
        List<String> lines = new ArrayList<>();
        long unix = 1_284_354_120L;
        long mono = 4_118;
        double x = 0;
        int tunnel = 0;
        double lat = 59.915394;
        for (int s = 0; s < 1800; s++) {
            x = 0.85 * x + 0.5 * gaussian(rnd);
            if (tunnel == 0 && rnd.nextDouble() < 0.004) {
                tunnel = 10 + rnd.nextInt(30);
            }
            double bps = 1.5e6 * Math.exp(x - 0.6);
            if (tunnel > 0) {
                bps = 5_000 + 20_000 * rnd.nextDouble();
                tunnel--;
            }
            bps = Math.min(6e6, bps);
            int ms = 990 + rnd.nextInt(21);
            long bytes = Math.round(bps * ms / 1000.0 / 8);
            mono += ms;
            unix = 1_284_354_120L + mono / 1000;
            lat += 0.00009;
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "%d %d %.6f %.6f %d %d",
                            unix,
                            mono,
                            lat,
                            10.750493 + 0.00004 * s,
                            bytes,
                            ms));
        }
        return lines;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
