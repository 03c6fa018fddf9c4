package dev.herald.sample.notes;

import dev.herald.runtime.EventBus;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

    public Note create(String owner, String title) {
        Note note = new Note(UUID.randomUUID().toString(), owner, title);
        notes.put(note.id(), note);
        publisher.publishEvent(new NoteCreated(owner, note.id(), title));
        return note;
    }

    public Optional<Note> rename(String owner, String id, String title) {
        Note note = notes.get(id);
        if (note == null || !note.owner().equals(owner)) {
            return Optional.empty();
        }
        Note renamed = new Note(id, owner, title);
        notes.put(id, renamed);
        bus.emit(new NoteUpdated(owner, id, title));
        return Optional.of(renamed);
    }

    public boolean delete(String owner, String id) {
        Note note = notes.get(id);
        if (note == null || !note.owner().equals(owner) || !notes.remove(id, note)) {
            return false;
        }
        bus.emit(new NoteDeleted(owner, id));
        return true;
    }
}
