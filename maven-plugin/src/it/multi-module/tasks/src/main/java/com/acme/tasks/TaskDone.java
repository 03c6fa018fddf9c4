package com.acme.tasks;

import com.acme.common.Actor;
import com.acme.common.Priority;
import dev.herald.Event;
import dev.herald.EventKey;
import java.time.Instant;
import java.util.Optional;

/** A task ended. */
@Event("task.done")
public record TaskDone(@EventKey long taskId, Priority priority, Actor by, Optional<Instant> at, State state) {
    /** How it ended. */
    public enum State {
        OK,
        FAILED
    }
}
