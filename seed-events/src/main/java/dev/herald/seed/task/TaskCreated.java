package dev.herald.seed.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.Event;

/**
 * A background task was started.
 *
 * @param taskId the task
 * @param title what it does, for display
 */
@Event("task.created")
public record TaskCreated(
        @JsonProperty("TaskID") String taskId,
        @JsonProperty("Title") String title) {}
