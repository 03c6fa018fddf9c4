package dev.herald.sample.notes;

import dev.herald.runtime.EventBus;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Notes in memory. Announces each change: creation through Spring's {@link ApplicationEventPublisher}
 * (Herald's starter forwards Herald event records to its bus), the rest on the {@link EventBus}
 * directly; both reach the browsers the same way.
 */
@Service
public class NoteService {
    private final Map<String, Note> notes = new ConcurrentHashMap<>();
    private final Map<String, List<OwnedEvent>> history = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher publisher;
    private final EventBus bus;

    public NoteService(ApplicationEventPublisher publisher, EventBus bus) {
        this.publisher = publisher;
        this.bus = bus;
    }

    public List<Note> list(String owner) {
        return notes.values().stream()
                .filter(note -> note.owner().equals(owner))
                .sorted(Comparator.comparing(Note::title))
                .toList();
    }

    /** What happened to the owner's note, oldest first: the events the page was sent. */
    public Optional<List<OwnedEvent>> history(String owner, String id) {
        List<OwnedEvent> events = history.get(id);
        return events == null || !events.get(0).owner().equals(owner)
                ? Optional.empty()
                : Optional.of(List.copyOf(events));
    }

    private void remember(String id, OwnedEvent event) {
        history.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(event);
    }

    public Note create(String owner, String title) {
        Note note = new Note(UUID.randomUUID().toString(), owner, title);
        notes.put(note.id(), note);
        NoteCreated created = new NoteCreated(owner, note.id(), title);
        remember(note.id(), created);
        publisher.publishEvent(created);
        return note;
    }

    public Optional<Note> rename(String owner, String id, String title) {
        Note note = notes.get(id);
        if (note == null || !note.owner().equals(owner)) {
            return Optional.empty();
        }
        Note renamed = new Note(id, owner, title);
        notes.put(id, renamed);
        NoteUpdated updated = new NoteUpdated(owner, id, title);
        remember(id, updated);
        bus.emit(updated);
        return Optional.of(renamed);
    }

    public boolean delete(String owner, String id) {
        Note note = notes.get(id);
        if (note == null || !note.owner().equals(owner) || !notes.remove(id, note)) {
            return false;
        }
        NoteDeleted deleted = new NoteDeleted(owner, id);
        remember(id, deleted);
        bus.emit(deleted);
        return true;
    }
}
