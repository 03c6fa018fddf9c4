package dev.herald.it.e2e;

import dev.herald.seed.asset.AssetCreated;
import dev.herald.seed.asset.AssetDeleted;
import dev.herald.seed.asset.AssetUpdated;
import dev.herald.seed.container.ContainerListChanged;
import dev.herald.seed.container.ContainerStatusChanged;
import dev.herald.seed.fs.FsChanged;
import dev.herald.seed.fs.FsCreated;
import dev.herald.seed.fs.FsDeleted;
import dev.herald.seed.fs.FsRenamed;
import dev.herald.seed.task.TaskCompleted;
import dev.herald.seed.task.TaskCreated;
import dev.herald.seed.task.TaskProgress;
import dev.herald.seed.tunnel.TunnelCreated;
import dev.herald.seed.tunnel.TunnelDeleted;
import dev.herald.seed.tunnel.TunnelStatusChanged;
import java.util.List;
import java.util.Optional;

/** One of each of the original design's 15 events, with the values the TypeScript test expects. */
public final class SeedSamples {
    public static final List<Record> ONE_OF_EACH = List.of(
            new FsChanged("asset-1", "/home"),
            new FsCreated("asset-123", "/home/user/newfile.txt", false),
            new FsDeleted("asset-1", "/tmp", true),
            new FsRenamed("asset-1", "/a.txt", "/b.txt"),
            new AssetCreated("asset-2"),
            new AssetUpdated("asset-2"),
            new AssetDeleted("asset-2"),
            new TunnelCreated("tun-1"),
            new TunnelStatusChanged("tun-1", "connected"),
            new TunnelDeleted("tun-1"),
            new ContainerStatusChanged("asset-1", "c-9", "running"),
            new ContainerListChanged("asset-1"),
            new TaskCreated("task-1", "Upload"),
            new TaskProgress("task-1", 100, 42, "bytes", Optional.of("halfway")),
            new TaskCompleted("task-1", true, Optional.empty()));

    private SeedSamples() {}
}
