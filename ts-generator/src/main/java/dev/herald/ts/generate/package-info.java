/**
 * The TypeScript generator: {@code TypeScriptGenerator} turns a {@link dev.herald.model.HeraldModel}
 * into the frontend folder ({@code events.ts}, the hooks, the client runtime). The processor calls it
 * for one module, the Maven plugin for several merged; the AsyncAPI document is {@code
 * herald-asyncapi}'s.
 */
package dev.herald.ts.generate;
