package io.edgesplit.cli.model;

import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ModelProfile;
import java.io.PrintWriter;
import java.util.Locale;

/** The {@code profile} command's table. */
final class ProfileTable {

    private static final String ROW = "%4s  %-36s %-44s %12s %12s %10s %10s %9s %9s%n";

    private ProfileTable() {}

    static void print(ModelProfile profile, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "model %s: input %s, output %s, %s MACs%s%n",
                profile.modelId(),
                profile.input(),
                profile.output(),
                Formats.count(profile.totalMacs()),
                profile.measuredOn() == null
                        ? ""
                        : ", measured on "
                                + profile.measuredOn().host()
                                + " ("
                                + profile.measuredOn().provider()
                                + ", "
                                + profile.measuredOn().threads()
                                + " thread(s), median of "
                                + profile.measuredOn().runs()
                                + ")");
        out.printf(
                Locale.ROOT,
                ROW,
                "CUT",
                "LABEL",
                "TENSORS",
                "BYTES FP32",
                "BYTES FP16",
                "HEAD MACS",
                "TAIL MACS",
                "HEAD MS",
                "TAIL MS");
        for (CutProfile c : profile.cuts()) {
            out.printf(
                    Locale.ROOT,
                    ROW,
                    c.index(),
                    shorten(c.label(), 36),
                    Formats.tensors(c.tensors(), 44),
                    Formats.bytes(c.bytesFp32()),
                    Formats.bytes(c.bytesFp16()),
                    Formats.count(c.headMacs()),
                    Formats.count(c.tailMacs()),
                    Formats.ms(c.headMs()),
                    Formats.ms(c.tailMs()));
        }
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
