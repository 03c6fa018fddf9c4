package dev.herald.sample.notes;

/** A note, as the HTTP API returns it. */
public record Note(String id, String owner, String title) {}
