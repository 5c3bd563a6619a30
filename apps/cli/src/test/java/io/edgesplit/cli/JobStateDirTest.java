package io.edgesplit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's state directory: one job at a time, its own identity, retained checkpoints. */
class JobStateDirTest {

    @TempDir Path tmp;

    @Test
    void aSecondJobOnTheSameDirectoryIsRefused() {
        Path dir = tmp.resolve("state");
        try (JobStateDir first = JobStateDir.open(dir, identity("c1"), false)) {
            assertThatThrownBy(() -> JobStateDir.open(dir, identity("c1"), false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(
                            "state directory "
                                    + first.dir()
                                    + " is in use by another edgesplit job (pid "
                                    + ProcessHandle.current().pid()
                                    + "): stop that one, or give this job its own --state-dir");
        }
        try (JobStateDir again = JobStateDir.open(dir, identity("c1"), false)) {
            assertThat(again.dir()).isEqualTo(dir.toAbsolutePath());
        }
    }

    @Test
    void aFileIsNotAStateDirectory() throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertThatThrownBy(() -> JobStateDir.open(file, identity("c1"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "--state-dir "
                                + file.toAbsolutePath()
                                + " is a file, not a directory: give a directory (it is created"
                                + " if missing)");
    }

    @Test
    void aRestartKeepsTheJobIdAndOwner() {
        Path dir = tmp.resolve("state");
        JobStateDir first = JobStateDir.open(dir, identity("c1"), false);
        first.close();
        try (JobStateDir second = JobStateDir.open(dir, identity("c1"), false)) {
            assertThat(second.jobId()).isEqualTo(first.jobId());
            assertThat(second.owner()).isEqualTo(first.owner());
        }
    }

    @Test
    void anotherJobsStateIsRefusedUnlessFresh() throws Exception {
        Path dir = tmp.resolve("state");
        JobStateDir first = JobStateDir.open(dir, identity("c1"), false);
        first.close();
        Path chk = checkpoint(first, 3, "x");

        assertThatThrownBy(() -> JobStateDir.open(dir, identity("c2"), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "state directory "
                                + first.dir()
                                + " belongs to another job (kafka.cluster-id was c1, is c2): start"
                                + " over with --fresh, or give this job its own --state-dir");

        try (JobStateDir fresh = JobStateDir.open(dir, identity("c2"), true)) {
            assertThat(fresh.jobId()).isNotEqualTo(first.jobId());
            assertThat(fresh.owner()).as("the lease owner stays").isEqualTo(first.owner());
            assertThat(fresh.latestCheckpoint()).isEmpty();
            assertThat(
                            dir.resolve("checkpoints.previous")
                                    .resolve(first.jobId().toHexString())
                                    .resolve(chk.getFileName())
                                    .resolve("_metadata"))
                    .as("set aside, not deleted")
                    .exists();
        }
    }

    @Test
    void checkpointsWhoseMetadataCannotBeReadArePassedOver() throws Exception {
        try (JobStateDir state = JobStateDir.open(tmp.resolve("s"), identity("c1"), false)) {
            checkpoint(state, 9, "truncated");
            checkpoint(state, 10, "");
            Files.createDirectories(
                    state.checkpointsDir().resolve(state.jobId().toHexString()).resolve("chk-11"));

            assertThat(state.latestCheckpoint()).isEmpty();
            assertThat(state.skippedCheckpoints())
                    .hasSize(2)
                    .allSatisfy(s -> assertThat(s).contains("metadata unreadable"));
            assertThat(state.skippedCheckpoints().get(0)).startsWith("chk-10 ");
        }
    }

    @Test
    void configuresRetainedCheckpointsAFixedJobIdAndTheRestore() {
        try (JobStateDir state = JobStateDir.open(tmp.resolve("s"), identity("c1"), false)) {
            Path chk = state.checkpointsDir().resolve("x/chk-4");
            Configuration c = state.configure(new Configuration(), Optional.of(chk));

            assertThat(c.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                    .isEqualTo(state.checkpointsDir().toUri().toString());
            assertThat(c.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                    .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            assertThat(c.get(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS))
                    .isEqualTo(JobStateDir.RETAINED_CHECKPOINTS);
            assertThat(c.get(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID))
                    .isEqualTo(state.jobId().toHexString());
            assertThat(c.get(StateRecoveryOptions.SAVEPOINT_PATH))
                    .isEqualTo(chk.toUri().toString());
            assertThat(c.get(StateRecoveryOptions.RESTORE_MODE)).isEqualTo(RecoveryClaimMode.CLAIM);
            assertThat(
                            state.configure(new Configuration(), Optional.empty())
                                    .getOptional(StateRecoveryOptions.SAVEPOINT_PATH))
                    .isEmpty();
        }
    }

    @Test
    void checkpointNumbersComeFromTheDirectoryName() {
        assertThat(JobStateDir.checkpointNumber(Path.of("a/chk-17"))).isEqualTo(17);
        assertThat(JobStateDir.checkpointNumber(Path.of("a/shared"))).isEqualTo(-1);
        assertThat(JobStateDir.checkpointNumber(Path.of("a/chk-x"))).isEqualTo(-1);
    }

    private static Path checkpoint(JobStateDir state, int n, String metadata) throws Exception {
        Path chk = state.checkpointsDir().resolve(state.jobId().toHexString()).resolve("chk-" + n);
        Files.createDirectories(chk);
        Files.writeString(chk.resolve("_metadata"), metadata);
        return chk;
    }

    private static Properties identity(String clusterId) {
        Properties p = new Properties();
        p.setProperty("kafka.cluster-id", clusterId);
        p.setProperty("kafka.transactional-id-prefix", "edgesplit");
        return p;
    }
}
