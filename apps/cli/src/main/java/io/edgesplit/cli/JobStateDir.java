package io.edgesplit.cli;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.runtime.checkpoint.Checkpoints;

/**
 * The durable state of {@code edgesplit job} on this machine: a lock (one job per directory), the
 * identity of the job the state belongs to (Kafka cluster, topics, transactional id prefix) and its
 * retained Flink checkpoints. A job started on the directory resumes from the latest completed
 * checkpoint; {@link #open} with {@code fresh} sets the old checkpoints aside first.
 *
 * <pre>
 * DIR/job.lock          held while a job runs (the OS releases it when the process dies)
 * DIR/job.properties    job id and identity
 * DIR/checkpoints/JOBID/chk-N/_metadata   retained checkpoints
 * DIR/checkpoints.previous/               what the last --fresh start set aside
 * </pre>
 */
public final class JobStateDir implements AutoCloseable {

    /** Checkpoints kept: the newest, and one before it in case the newest cannot be read. */
    static final int RETAINED_CHECKPOINTS = 2;

    private static final String LOCK = "job.lock";
    private static final String PROPERTIES = "job.properties";
    private static final String CHECKPOINTS = "checkpoints";
    private static final String PREVIOUS = "checkpoints.previous";
    private static final String JOB_ID = "job.id";
    private static final String OWNER = "owner";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final JobID jobId;
    private final String owner;
    private final List<String> skipped = new ArrayList<>();

    private JobStateDir(Path dir, FileChannel lockChannel, FileLock lock, Properties stored) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.jobId = JobID.fromHexString(stored.getProperty(JOB_ID));
        this.owner = stored.getProperty(OWNER);
    }

    /**
     * Locks {@code dir} (created if missing) for this process and checks that it belongs to the job
     * {@code identity} describes.
     *
     * @param fresh set the existing checkpoints aside (to {@code checkpoints.previous}) and start a
     *     new job id, also when the identity changed
     * @throws IllegalStateException if another process holds the directory, or if it belongs to
     *     another job and {@code fresh} is false
     */
    public static JobStateDir open(Path dir, Properties identity, boolean fresh) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IllegalArgumentException(
                    "--state-dir "
                            + abs
                            + " is a file, not a directory: give a directory (it is created if"
                            + " missing)");
        }
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create state directory " + abs + ": " + e.getMessage(), e);
        }
        FileChannel channel = lockChannel(abs);
        FileLock lock = tryLock(abs, channel);
        try {
            writePid(channel);
            Properties stored = fresh ? startOver(abs, identity) : resumeOrStart(abs, identity);
            return new JobStateDir(abs, channel, lock, stored);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The directory, absolute. */
    public Path dir() {
        return dir;
    }

    /** The Flink job id this state keeps across restarts. */
    public JobID jobId() {
        return jobId;
    }

    /**
     * Who holds this directory, for the job's lease on the Kafka cluster: the same across restarts
     * and {@code --fresh} starts, different for every state directory.
     */
    public String owner() {
        return owner;
    }

    /** When checkpoint {@code chk} was completed (its metadata written). */
    public static Instant takenAt(Path chk) {
        try {
            return Files.getLastModifiedTime(chk.resolve("_metadata")).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + chk + ": " + e.getMessage(), e);
        }
    }

    /** Where the checkpoints of this job go. */
    public Path checkpointsDir() {
        return dir.resolve(CHECKPOINTS);
    }

    /**
     * The newest completed checkpoint whose metadata can be read, if any. Unreadable ones (a
     * process killed while writing) are passed over and named in {@link #skippedCheckpoints}.
     */
    public Optional<Path> latestCheckpoint() {
        Path jobDir = checkpointsDir().resolve(jobId.toHexString());
        if (!Files.isDirectory(jobDir)) {
            return Optional.empty();
        }
        List<Path> candidates;
        try (Stream<Path> s = Files.list(jobDir)) {
            candidates =
                    s.filter(p -> checkpointNumber(p) >= 0)
                            .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                            .sorted(
                                    Comparator.comparingLong(JobStateDir::checkpointNumber)
                                            .reversed())
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + jobDir + ": " + e.getMessage(), e);
        }
        for (Path chk : candidates) {
            String problem = unreadable(chk);
            if (problem == null) {
                return Optional.of(chk);
            }
            skipped.add(chk.getFileName() + " (" + problem + ")");
        }
        return Optional.empty();
    }

    /** Checkpoints {@link #latestCheckpoint} passed over, with the reason. */
    public List<String> skippedCheckpoints() {
        return List.copyOf(skipped);
    }

    /**
     * Flink settings that keep checkpoints here, retain them when the job ends or dies, keep the
     * job id, and restore from {@code restoreFrom} when present (claiming it, so Flink deletes it
     * once a newer checkpoint completes).
     */
    public Configuration configure(Configuration conf, Optional<Path> restoreFrom) {
        Configuration c = new Configuration(conf);
        c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointsDir().toUri().toString());
        c.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (c.getOptional(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS).isEmpty()) {
            c.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, RETAINED_CHECKPOINTS);
        }
        c.set(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID, jobId.toHexString());
        restoreFrom.ifPresent(
                chk -> {
                    c.set(StateRecoveryOptions.SAVEPOINT_PATH, chk.toUri().toString());
                    c.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
                });
        return c;
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + dir.resolve(LOCK), e);
        } finally {
            closeQuietly(lockChannel);
        }
    }

    /** {@code chk-17} -> 17; anything else -> -1. */
    static long checkpointNumber(Path p) {
        String name = p.getFileName().toString();
        if (!name.startsWith("chk-")) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Null if Flink can read the checkpoint's metadata, else why not. */
    private static String unreadable(Path chk) {
        try (InputStream in = Files.newInputStream(chk.resolve("_metadata"));
                DataInputStream data = new DataInputStream(in)) {
            Checkpoints.loadCheckpointMetadata(
                    data, JobStateDir.class.getClassLoader(), chk.toString());
            return null;
        } catch (IOException | RuntimeException e) {
            return "metadata unreadable: " + e.getMessage();
        }
    }

    private static FileChannel lockChannel(Path dir) {
        try {
            return FileChannel.open(
                    dir.resolve(LOCK),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot open " + dir.resolve(LOCK) + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(Path dir, FileChannel channel) {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + dir.resolve(LOCK), e);
        }
        if (lock == null) {
            String holder = readHolder(dir);
            closeQuietly(channel);
            throw new IllegalStateException(
                    "state directory "
                            + dir
                            + " is in use by another edgesplit job"
                            + holder
                            + ": stop that one, or give this job its own --state-dir");
        }
        return lock;
    }

    private static String readHolder(Path dir) {
        try {
            String pid = Files.readString(dir.resolve(LOCK), StandardCharsets.UTF_8).trim();
            return pid.isEmpty() ? "" : " (pid " + pid + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static void writePid(FileChannel channel) {
        try {
            channel.truncate(0);
            channel.write(
                    ByteBuffer.wrap(
                            (ProcessHandle.current().pid() + "\n")
                                    .getBytes(StandardCharsets.UTF_8)),
                    0);
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lock file", e);
        }
    }

    private static Properties resumeOrStart(Path dir, Properties identity) {
        Path file = dir.resolve(PROPERTIES);
        if (!Files.isRegularFile(file)) {
            return startOver(dir, identity);
        }
        Properties stored = JobStateFiles.read(file);
        List<String> changed = new ArrayList<>();
        for (String key : identity.stringPropertyNames()) {
            if (!identity.getProperty(key).equals(stored.getProperty(key))) {
                changed.add(key + " was " + stored.getProperty(key) + ", is " + identity.get(key));
            }
        }
        if (!changed.isEmpty()) {
            throw new IllegalStateException(
                    "state directory "
                            + dir
                            + " belongs to another job ("
                            + String.join("; ", changed)
                            + "): start over with --fresh, or give this job its own --state-dir");
        }
        String id = stored.getProperty(JOB_ID);
        if (id == null || !id.matches("[0-9a-f]{32}") || stored.getProperty(OWNER) == null) {
            throw new IllegalStateException(
                    file
                            + " has no valid "
                            + JOB_ID
                            + " or "
                            + OWNER
                            + ": start over with --fresh");
        }
        return stored;
    }

    private static Properties startOver(Path dir, Properties identity) {
        Path checkpoints = dir.resolve(CHECKPOINTS);
        if (Files.exists(checkpoints)) {
            Path previous = dir.resolve(PREVIOUS);
            JobStateFiles.deleteTree(previous);
            JobStateFiles.move(checkpoints, previous);
        }
        Path file = dir.resolve(PROPERTIES);
        String owner =
                Files.isRegularFile(file) ? JobStateFiles.read(file).getProperty(OWNER) : null;
        Properties p = new Properties();
        p.putAll(identity);
        p.setProperty(JOB_ID, new JobID().toHexString());
        p.setProperty(OWNER, owner != null ? owner : new JobID().toHexString());
        p.setProperty("created", Instant.now().toString());
        JobStateFiles.write(file, p);
        return p;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a lock file we no longer need: nothing to recover
        }
    }
}
