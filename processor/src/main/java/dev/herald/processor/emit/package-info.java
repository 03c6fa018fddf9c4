/**
 * Output: the JSON codec per record and enum, the catalog class, the services file, and the
 * TypeScript files (through {@code herald-ts-generator}). Reads the model only.
 */
package dev.herald.processor.emit;
