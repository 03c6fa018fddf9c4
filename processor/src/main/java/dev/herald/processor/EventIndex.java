package dev.herald.processor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * {@code META-INF/herald/events.idx} in the class output: the binary names of the events an earlier
 * compilation of the same output folder produced, one a line. A build that compiles only some files
 * (an IDE, a hand-run {@code javac}) reads it to keep the events it does not see in its sources, as
 * AutoService does with its services files.
 */
final class EventIndex {
    static final String PATH = "META-INF/herald/events.idx";

    private EventIndex() {}

    /** What the last compilation wrote, or nothing when there is no index (a clean build). */
    static List<String> read(Filer filer) {
        try {
            FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, "", PATH);
            try (InputStream in = file.openInputStream()) {
                List<String> names = new ArrayList<>();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        names.add(line.trim());
                    }
                }
                return names;
            }
        } catch (IOException | IllegalArgumentException e) {
            return List.of(); // none yet: a clean build
        }
    }

    static String content(Collection<String> binaryNames) {
        StringBuilder text = new StringBuilder("# Herald: the events of this output folder (for partial builds)\n");
        new TreeSet<>(binaryNames).forEach(name -> text.append(name).append('\n'));
        return text.toString();
    }
}
