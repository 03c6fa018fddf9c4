package com.acme.tasks;

import dev.herald.Event;

@Event("task.done")
public record TaskDone(long taskId) {}
