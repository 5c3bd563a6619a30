package io.edgesplit.core.cost;

/**
 * The costs of one cut on one device/edge pair, for reports.
 *
 * @param index cut index
 * @param label cut label from the model profile
 * @param headSecondsAtMax head time on the device at its maximum clock (s)
 * @param bits bits sent over the uplink
 * @param tailSeconds tail time on the edge server (s)
 * @param headSource where the head time came from
 * @param tailSource where the tail time came from
 * @param paretoOptimal whether no other cut is at least as good in head time, bits and tail time
 */
public record CutCost(
        int index,
        String label,
        double headSecondsAtMax,
        double bits,
        double tailSeconds,
        CostSource headSource,
        CostSource tailSource,
        boolean paretoOptimal) {}
