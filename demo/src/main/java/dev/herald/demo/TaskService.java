package dev.herald.demo;

import dev.herald.runtime.EventBus;
import dev.herald.seed.task.TaskCompleted;
import dev.herald.seed.task.TaskCreated;
import dev.herald.seed.task.TaskProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Simulated uploads that report progress in steps. */
final class TaskService {
    record Task(String id, String title, long total, long done, String status) {}

    private static final long TOTAL = 5 * 1024 * 1024;

    private final EventBus bus;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final int steps;
    private final long stepMillis;

    TaskService(EventBus bus, ScheduledExecutorService scheduler, int steps, long stepMillis) {
        this.bus = bus;
        this.scheduler = scheduler;
        this.steps = steps;
        this.stepMillis = stepMillis;
    }

    Task start(String title) {
        String id = "task-" + ids.incrementAndGet();
        String name = title == null || title.isBlank() ? "Upload " + id : title.strip();
        if (name.length() > 80) {
            throw ApiException.badRequest("title is longer than 80 characters");
        }
        Task task = new Task(id, name, TOTAL, 0, "running");
        tasks.put(id, task);
        bus.emit(new TaskCreated(id, name));
        scheduler.schedule(() -> step(id, 1), stepMillis, TimeUnit.MILLISECONDS);
        return task;
    }

    private void step(String id, int step) {
        long done = TOTAL * step / steps;
        Task task = tasks.computeIfPresent(
                id, (k, t) -> new Task(t.id(), t.title(), t.total(), done, step < steps ? "running" : "completed"));
        if (task == null) {
            return;
        }
        bus.emit(new TaskProgress(id, TOTAL, done, "bytes", Optional.of(step + " of " + steps + " chunks")));
        if (step < steps) {
            scheduler.schedule(() -> step(id, step + 1), stepMillis, TimeUnit.MILLISECONDS);
        } else {
            bus.emit(new TaskCompleted(id, true, Optional.empty()));
        }
    }

    List<Task> list() {
        List<Task> all = new ArrayList<>(tasks.values());
        all.sort((a, b) -> Integer.compare(number(b.id()), number(a.id())));
        return all;
    }

    private static int number(String id) {
        return Integer.parseInt(id.substring("task-".length()));
    }
}
