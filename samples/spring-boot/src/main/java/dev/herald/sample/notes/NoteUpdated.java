package dev.herald.sample.notes;

import dev.herald.Event;
import dev.herald.EventKey;

/** A note's title changed. */
@Event("note.updated")
public record NoteUpdated(@EventKey String owner, String id, String title) implements OwnedEvent {}
