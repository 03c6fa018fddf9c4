/**
 * The TypeScript model ({@code TsModule}, {@code TsDeclaration}, {@code TsType}, {@code TsValue}),
 * its writer, and the client runtime sources ({@code src/main/ts}) that {@code TsRuntime} copies
 * next to the generated files. {@code model} holds the event model all generators read, {@code
 * generate} the generators. Depends on nothing in Herald.
 */
package dev.herald.ts;
