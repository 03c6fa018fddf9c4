/**
 * Checks on declarations (one record at a time) and on the catalog as a whole (duplicate names,
 * colliding constants and TypeScript names), each reported on the offending element.
 */
package dev.herald.processor.validation;
