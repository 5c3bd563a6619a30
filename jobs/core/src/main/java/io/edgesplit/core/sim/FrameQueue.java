package io.edgesplit.core.sim;

/** A growable FIFO ring buffer of frames in primitive arrays (no per-frame objects). */
final class FrameQueue {

    private double[] capture = new double[64];
    private double[] remaining = new double[64];
    private double[] bits = new double[64];
    private double[] tail = new double[64];
    private double[] ready = new double[64];
    private int head;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        head = 0;
        size = 0;
    }

    void add(
            double captureTime, double work, double frameBits, double tailSeconds, double readyAt) {
        if (size == capture.length) {
            grow();
        }
        int i = (head + size) % capture.length;
        capture[i] = captureTime;
        remaining[i] = work;
        bits[i] = frameBits;
        tail[i] = tailSeconds;
        ready[i] = readyAt;
        size++;
    }

    double capture() {
        return capture[head];
    }

    double remaining() {
        return remaining[head];
    }

    void setRemaining(double v) {
        remaining[head] = v;
    }

    double bits() {
        return bits[head];
    }

    void setBits(double v) {
        bits[head] = v;
    }

    double tail() {
        return tail[head];
    }

    double ready() {
        return ready[head];
    }

    void pop() {
        head = (head + 1) % capture.length;
        size--;
    }

    private void grow() {
        int n = capture.length;
        capture = unroll(capture, n);
        remaining = unroll(remaining, n);
        bits = unroll(bits, n);
        tail = unroll(tail, n);
        ready = unroll(ready, n);
        head = 0;
    }

    private double[] unroll(double[] a, int n) {
        double[] b = new double[n * 2];
        int first = n - head;
        System.arraycopy(a, head, b, 0, first);
        System.arraycopy(a, 0, b, first, head);
        return b;
    }

    @Override
    public String toString() {
        return "FrameQueue[size=" + size + ", capacity=" + capture.length + "]";
    }
}
