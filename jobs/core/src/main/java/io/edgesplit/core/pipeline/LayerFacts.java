package io.edgesplit.core.pipeline;

/**
 * What the planner needs to know about one node beyond its MACs: how its output rows depend on its
 * input rows (so a layer can be split along the height axis with halos) and its weight bytes.
 *
 * @param rows how output rows map to input rows
 * @param kernel kernel height (WINDOW only, else 1)
 * @param stride stride along the height (WINDOW only, else 1)
 * @param padTop zero rows added above the input (WINDOW only, else 0)
 * @param dilation dilation along the height (WINDOW only, else 1)
 * @param weightBytes bytes of the node's weights (initializers it reads)
 */
public record LayerFacts(
        Rows rows, int kernel, int stride, int padTop, int dilation, long weightBytes) {

    /** How a node's output rows depend on its input rows. */
    public enum Rows {
        /** Output row r needs input row r (element-wise ops, batch norm, channel concat). */
        IDENTITY,
        /** A sliding window over the height: convolution, max and average pooling. */
        WINDOW,
        /** Every output row needs the whole input (FC, global pooling, reshapes): not split. */
        WHOLE
    }

    public LayerFacts {
        if (rows == null) {
            throw new IllegalArgumentException("rows must be given");
        }
        if (kernel < 1 || stride < 1 || dilation < 1 || padTop < 0) {
            throw new IllegalArgumentException(
                    "kernel, stride and dilation must be >= 1 and padTop >= 0, got kernel "
                            + kernel
                            + ", stride "
                            + stride
                            + ", dilation "
                            + dilation
                            + ", padTop "
                            + padTop);
        }
        if (weightBytes < 0) {
            throw new IllegalArgumentException("weightBytes must be >= 0, got " + weightBytes);
        }
    }

    /** An element-wise node. */
    public static LayerFacts identity(long weightBytes) {
        return new LayerFacts(Rows.IDENTITY, 1, 1, 0, 1, weightBytes);
    }

    /** A sliding-window node. */
    public static LayerFacts window(
            int kernel, int stride, int padTop, int dilation, long weightBytes) {
        return new LayerFacts(Rows.WINDOW, kernel, stride, padTop, dilation, weightBytes);
    }

    /** A node that cannot be split along the height. */
    public static LayerFacts whole(long weightBytes) {
        return new LayerFacts(Rows.WHOLE, 1, 1, 0, 1, weightBytes);
    }

    /**
     * The input rows {@code [lo, hi)} needed for output rows {@code [outLo, outHi)}, clipped to an
     * input of {@code inHeight} rows; for IDENTITY the rows are scaled when heights differ.
     */
    long[] inputRows(long outLo, long outHi, long outHeight, long inHeight) {
        if (rows == Rows.WINDOW) {
            long lo = outLo * stride - padTop;
            long hi = (outHi - 1) * stride - padTop + (long) (kernel - 1) * dilation + 1;
            return new long[] {Math.max(0, lo), Math.min(inHeight, hi)};
        }
        if (rows == Rows.IDENTITY && outHeight == inHeight) {
            return new long[] {outLo, outHi};
        }
        if (rows == Rows.IDENTITY) {
            return new long[] {
                outLo * inHeight / outHeight,
                Math.min(inHeight, ceilDiv(outHi * inHeight, outHeight))
            };
        }
        return new long[] {0, inHeight};
    }

    static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
