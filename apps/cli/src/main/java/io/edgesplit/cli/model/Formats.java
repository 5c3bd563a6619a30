package io.edgesplit.cli.model;

import io.edgesplit.core.model.TensorSpec;
import java.util.List;
import java.util.Locale;

/** Number and tensor formatting shared by the commands. */
final class Formats {

    private Formats() {}

    /** 61100840 -> "61.1M", 1562 -> "1.6k". */
    static String count(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2fG", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        if (n >= 1_000L) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        return Long.toString(n);
    }

    /** 602112 -> "602,112". */
    static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Milliseconds with two decimals, "-" when not measured. */
    static String ms(double ms) {
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.2f", ms);
    }

    /** "relu5[1,256,13,13]" or "a[..] + b[..]", shortened to {@code max} characters. */
    static String tensors(List<TensorSpec> tensors, int max) {
        StringBuilder sb = new StringBuilder();
        for (TensorSpec t : tensors) {
            if (sb.length() > 0) {
                sb.append(" + ");
            }
            sb.append(t.name()).append(shape(t.shape()));
        }
        return sb.length() <= max ? sb.toString() : sb.substring(0, max - 3) + "...";
    }

    static String shape(long[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return sb.append(']').toString();
    }
}
