package io.edgesplit.core.device;

/**
 * Uplink radio power while transmitting at rate {@code r}: the linear model {@code α·r + β} (Huang
 * et al., MobiSys 2012) or a Shannon-capacity form for a convex rate/power trade-off.
 */
public sealed interface RadioModel extends java.io.Serializable
        permits RadioModel.Linear, RadioModel.Shannon {

    /** Radio type as written in profiles: lte, wifi, linear or shannon. */
    String type();

    /** Transmit power in watts at {@code bps} bit/s (only called with {@code bps > 0}). */
    double txPowerW(double bps);

    /** LTE uplink defaults: α = 438 mW per Mbit/s, β = 1288 mW (Huang et al., MobiSys 2012). */
    static Linear lte() {
        return new Linear("lte", 0.438e-6, 1.288);
    }

    /** WiFi uplink defaults: α = 283 mW per Mbit/s, β = 133 mW (Huang et al., MobiSys 2012). */
    static Linear wifi() {
        return new Linear("wifi", 0.283e-6, 0.133);
    }

    /**
     * {@code P(r) = alphaWPerBps·r + betaW}.
     *
     * @param type "lte", "wifi" or "linear"
     * @param alphaWPerBps watts per bit/s (438 mW per Mbit/s is 0.438e-6)
     * @param betaW base power while transmitting
     */
    record Linear(String type, double alphaWPerBps, double betaW) implements RadioModel {
        public Linear {
            if (type == null || type.isBlank()) {
                throw new IllegalArgumentException("type must not be empty");
            }
            if (!(alphaWPerBps >= 0) || Double.isInfinite(alphaWPerBps)) {
                throw new IllegalArgumentException(
                        "alpha must be a finite number >= 0, got " + alphaWPerBps);
            }
            if (!(betaW >= 0) || Double.isInfinite(betaW)) {
                throw new IllegalArgumentException(
                        "betaW must be a finite number >= 0, got " + betaW);
            }
        }

        @Override
        public double txPowerW(double bps) {
            return alphaWPerBps * bps + betaW;
        }
    }

    /**
     * {@code P(r) = circuitW + noiseOverGainW·(2^(r/bandwidthHz) − 1)}: the transmit power that
     * reaches rate r over a channel of this bandwidth, plus the circuit power.
     *
     * @param bandwidthHz channel bandwidth
     * @param noiseOverGainW noise power over channel gain (W): the power that gives SNR 1
     * @param circuitW radio circuit power while transmitting
     */
    record Shannon(double bandwidthHz, double noiseOverGainW, double circuitW)
            implements RadioModel {
        public Shannon {
            if (!(bandwidthHz > 0) || Double.isInfinite(bandwidthHz)) {
                throw new IllegalArgumentException(
                        "bandwidthHz must be a finite number > 0, got " + bandwidthHz);
            }
            if (!(noiseOverGainW > 0) || Double.isInfinite(noiseOverGainW)) {
                throw new IllegalArgumentException(
                        "noiseOverGainW must be a finite number > 0, got " + noiseOverGainW);
            }
            if (!(circuitW >= 0) || Double.isInfinite(circuitW)) {
                throw new IllegalArgumentException(
                        "circuitW must be a finite number >= 0, got " + circuitW);
            }
        }

        @Override
        public String type() {
            return "shannon";
        }

        @Override
        public double txPowerW(double bps) {
            return circuitW + noiseOverGainW * (Math.pow(2.0, bps / bandwidthHz) - 1.0);
        }
    }
}
