/**
 * What the processor tells the user: {@code HeraldMessage}, one enum of every message with its
 * kind, and {@code Reporter}, which reports one on the narrowest element javac can point at and
 * counts errors. Used by the processor's root package and by {@code validation}, neither of which
 * it uses; it reads {@code model} only to place an error on a record component's field.
 */
package dev.herald.processor.diagnostics;
