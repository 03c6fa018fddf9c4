package dev.herald.seed.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.Event;
import java.util.Optional;

/**
 * A task made progress.
 *
 * @param taskId the task
 * @param total the amount of work in all, in {@code unit}
 * @param done the amount done so far
 * @param unit what is counted, such as {@code bytes} or {@code files}
 * @param note a short status line, if any
 */
@Event("task.progress")
public record TaskProgress(
        @JsonProperty("TaskID") String taskId,
        @JsonProperty("Total") long total,
        @JsonProperty("Done") long done,
        @JsonProperty("Unit") String unit,
        @JsonProperty("Note") Optional<String> note) {}
