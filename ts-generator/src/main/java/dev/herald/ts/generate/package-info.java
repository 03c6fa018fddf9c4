/**
 * The generators that read a {@code HeraldModel}: {@code TypeScriptGenerator} (the frontend folder)
 * and {@code AsyncApiGenerator} (the AsyncAPI document), and {@code OutputFolder}, which writes only
 * what changed. The processor calls them for one module, the Maven plugin for several merged.
 */
package dev.herald.ts.generate;
