package dev.herald.sample.notes;

import dev.herald.Event;
import dev.herald.EventKey;

/** A note was deleted. */
@Event("note.deleted")
public record NoteDeleted(@EventKey String owner, String id) implements OwnedEvent {}
