package dev.herald.sample.notes;

/** A note event, which only the note's owner may see (see {@link NotesApplication#onlyTheOwner()}). */
public interface OwnedEvent {
    String owner();
}
