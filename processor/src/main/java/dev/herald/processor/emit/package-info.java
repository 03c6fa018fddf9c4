/**
 * Output: the JSON codec per record and enum, the catalog class, the services file, and the
 * language-neutral model ({@code ModelExport}) that {@code herald-ts-generator} and {@code herald-asyncapi} turn into the
 * TypeScript and the AsyncAPI document. Reads the model only.
 */
package dev.herald.processor.emit;
