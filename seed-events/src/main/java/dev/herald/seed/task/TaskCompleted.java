package dev.herald.seed.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.Event;
import java.util.Optional;

/**
 * A task finished, successfully or not.
 *
 * @param taskId the task
 * @param success whether it succeeded
 * @param error why it failed, when it did
 */
@Event("task.completed")
public record TaskCompleted(
        @JsonProperty("TaskID") String taskId,
        @JsonProperty("Success") boolean success,
        @JsonProperty("Error") Optional<String> error) {}
