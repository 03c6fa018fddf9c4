package dev.herald.ts;

import java.util.List;

/**
 * One TypeScript file.
 *
 * @param header the comment at the top, one line per element
 */
public record TsModule(List<String> header, List<TsDeclaration> declarations) {
    public TsModule {
        header = List.copyOf(header);
        declarations = List.copyOf(declarations);
    }
}
