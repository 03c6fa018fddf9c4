package dev.herald.processor.model;

import java.util.HashMap;
import java.util.Map;

/** The parts of a Javadoc comment that become JSDoc: the description and the {@code @param} texts. */
record Javadoc(String description, Map<String, String> params) {
    static Javadoc parse(String comment) {
        if (comment == null || comment.isBlank()) {
            return new Javadoc("", Map.of());
        }
        StringBuilder description = new StringBuilder();
        Map<String, String> params = new HashMap<>();
        String currentParam = null;
        boolean inTags = false;
        for (String rawLine : comment.split("\\R")) {
            String line = rawLine.strip();
            if (line.startsWith("@")) {
                inTags = true;
                currentParam = null;
                if (line.startsWith("@param ")) {
                    String rest = line.substring("@param ".length()).strip();
                    int space = rest.indexOf(' ');
                    currentParam = space < 0 ? rest : rest.substring(0, space);
                    params.put(
                            currentParam,
                            space < 0 ? "" : rest.substring(space + 1).strip());
                }
                continue;
            }
            if (!inTags) {
                description.append(line).append('\n');
            } else if (currentParam != null && !line.isEmpty()) {
                params.merge(currentParam, line, (a, b) -> a.isEmpty() ? b : a + " " + b);
            }
        }
        return new Javadoc(description.toString().strip(), params);
    }

    String param(String name) {
        return params.getOrDefault(name, "");
    }
}
