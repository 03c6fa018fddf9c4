package com.acme.files;

import dev.herald.Event;
import dev.herald.EventKey;

/** A file is gone. */
@Event("fs.deleted")
public record FileDeleted(@EventKey String path) {}
