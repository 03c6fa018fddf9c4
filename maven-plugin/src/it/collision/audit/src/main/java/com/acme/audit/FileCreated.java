package com.acme.audit;

import dev.herald.Event;

@Event("fs.created")
public record FileCreated(String path, String user) {}
