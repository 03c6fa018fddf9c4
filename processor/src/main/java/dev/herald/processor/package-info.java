/**
 * The Herald annotation processor. {@code EventProcessor} runs the rounds: {@code model} extracts
 * what the declarations say, {@code validation} reports misuse on the offending element, {@code emit}
 * writes Java (codecs, catalog, services file) and hands the TypeScript model to {@code
 * herald-ts-generator}. {@code HeraldMessage} holds every message; {@code Reporter} reports them.
 *
 * <p>Dependencies point one way: {@code emit} and {@code validation} read {@code model}; {@code
 * model} reads neither.
 */
package dev.herald.processor;
