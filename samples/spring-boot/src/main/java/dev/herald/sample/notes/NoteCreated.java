package dev.herald.sample.notes;

import dev.herald.Event;
import dev.herald.EventKey;

/** A note was created. */
@Event("note.created")
public record NoteCreated(@EventKey String owner, String id, String title) implements OwnedEvent {}
