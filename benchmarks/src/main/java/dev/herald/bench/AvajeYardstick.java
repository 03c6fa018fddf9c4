package dev.herald.bench;

import dev.herald.seed.fs.FsCreated;
import dev.herald.seed.task.TaskProgress;
import io.avaje.jsonb.Json;
import java.util.Optional;

/**
 * avaje-jsonb's generated adapters for {@link CodecBenchmark}'s events, a yardstick beside Herald's
 * codecs: imported (the seed's records are not annotated {@code @Json}), with mix-ins that give them
 * the property names their Jackson annotations give Herald, so both read and write the same bytes.
 */
@Json.Import({FsCreated.class, TaskProgress.class, Listing.class, Listing.Entry.class, Listing.Owner.class})
final class AvajeYardstick {
    private AvajeYardstick() {}

    @Json.MixIn(FsCreated.class)
    abstract static class FsCreatedNames {
        @Json.Property("AssetID")
        String assetId;

        @Json.Property("Path")
        String path;

        @Json.Property("IsDir")
        boolean isDir;
    }

    @Json.MixIn(TaskProgress.class)
    abstract static class TaskProgressNames {
        @Json.Property("TaskID")
        String taskId;

        @Json.Property("Total")
        long total;

        @Json.Property("Done")
        long done;

        @Json.Property("Unit")
        String unit;

        @Json.Property("Note")
        Optional<String> note;
    }
}
