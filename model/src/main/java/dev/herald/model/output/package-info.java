/**
 * What generators produce and how it reaches a folder: {@code GeneratedFile} (a path and its
 * bytes) and {@code OutputFolder}, which writes only what changed and drops Herald files an option
 * turned off. Shared by the processor and the Maven plugin.
 */
package dev.herald.model.output;
