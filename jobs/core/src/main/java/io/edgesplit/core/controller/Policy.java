package io.edgesplit.core.controller;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;

/**
 * Decides one slot for one device: frames admitted, cut, GPU clock and uplink rate, and returns the
 * predictions and the queues after the slot. Implementations are immutable, thread-safe and
 * deterministic (same arguments, same decision; nothing depends on the wall clock). Create them
 * with {@link Policies#create(String, ControllerConfig)}.
 */
public sealed interface Policy
        permits CicPolicy,
                CutEdgePolicy,
                DadsPolicy,
                DeviceOnlyPolicy,
                EdgeOnlyPolicy,
                NeurosurgeonPolicy,
                RandomPolicy {

    /** The policy's name as accepted by {@link Policies#create(String, ControllerConfig)}. */
    String name();

    /**
     * Decides one slot.
     *
     * @param state queues before the slot ({@link QueueState#ZERO} for a new device)
     * @param in arrivals, capacity and slot length
     * @param device the device's profile
     * @param costs {@code ModelCosts.of(model, device, edge)} for the same device
     */
    ControlDecision decide(QueueState state, SlotInput in, DeviceProfile device, ModelCosts costs);

    /** The configuration the policy was created with. */
    ControllerConfig config();
}
