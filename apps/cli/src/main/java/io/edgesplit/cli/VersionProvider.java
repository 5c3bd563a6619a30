package io.edgesplit.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (or "dev" when run from classes). */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = EdgesplitCli.class.getPackage().getImplementationVersion();
        return new String[] {
            "edgesplit " + (v == null ? "dev" : v),
            "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name")
        };
    }
}
