package io.edgesplit.dist;

import io.edgesplit.cli.EdgesplitCli;

/**
 * Entry point of {@code edgesplit.jar}: sends {@code java.util.logging} (ONNX Runtime's Java API
 * logs through it) into Log4j, so its warnings follow {@code log4j2.properties} like Flink's and
 * Kafka's, then runs the {@link EdgesplitCli command line}.
 */
public final class EdgesplitMain {

    private EdgesplitMain() {}

    public static void main(String[] args) {
        routeJavaUtilLogging();
        EdgesplitCli.main(args);
    }

    /** Makes java.util.logging a front end of Log4j; call before anything logs through it. */
    static void routeJavaUtilLogging() {
        // java.util.logging reads this once, when its LogManager starts
        System.setProperty("java.util.logging.manager", "org.apache.logging.log4j.jul.LogManager");
    }
}
