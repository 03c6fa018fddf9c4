package com.acme.files;

import com.acme.common.Actor;
import dev.herald.Event;
import dev.herald.EventKey;
import java.util.List;

/**
 * A file was created; fetch {@code /files/{path}}.
 *
 * @param path Where.
 */
@Event("fs.created")
public record FileCreated(@EventKey String path, Actor by, List<String> tags) {}
