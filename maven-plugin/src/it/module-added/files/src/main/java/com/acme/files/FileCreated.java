package com.acme.files;

import dev.herald.Event;

@Event("fs.created")
public record FileCreated(String path) {}
