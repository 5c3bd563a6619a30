package io.edgesplit.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Which devices form which stage, as one label per device: 0 = unused, otherwise the stage's rank
 * (stages run in ascending label order; labels need not be consecutive). Two label vectors with the
 * same groups in the same order are the same placement ({@link #key}).
 */
final class Placement {

    private Placement() {}

    /** The stages in pipeline order, each its devices ascending; empty if no device is used. */
    static List<int[]> groups(int[] labels) {
        TreeMap<Integer, List<Integer>> byLabel = new TreeMap<>();
        for (int d = 0; d < labels.length; d++) {
            if (labels[d] > 0) {
                byLabel.computeIfAbsent(labels[d], l -> new ArrayList<>()).add(d);
            }
        }
        List<int[]> groups = new ArrayList<>();
        byLabel.values().forEach(g -> groups.add(g.stream().mapToInt(Integer::intValue).toArray()));
        return groups;
    }

    /** Labels 1..k for {@code groups} in order, 0 for the devices in none. */
    static int[] labels(List<int[]> groups, int devices) {
        int[] labels = new int[devices];
        for (int i = 0; i < groups.size(); i++) {
            for (int d : groups.get(i)) {
                labels[d] = i + 1;
            }
        }
        return labels;
    }

    /** A canonical key: the consecutive stage rank of each device. */
    static String key(int[] labels) {
        return keyOf(labels(groups(labels), labels.length));
    }

    private static String keyOf(int[] ranks) {
        StringBuilder sb = new StringBuilder(ranks.length);
        for (int r : ranks) {
            sb.append((char) ('a' + r));
        }
        return sb.toString();
    }
}
