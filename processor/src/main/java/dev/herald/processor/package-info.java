/**
 * The Herald annotation processor. {@code EventProcessor} runs the rounds: {@code model} extracts
 * what the declarations say, {@code validation} reports misuse on the offending element, {@code emit}
 * writes Java (codecs, catalog, services file) and the language-neutral model ({@code
 * model.json}), from which {@code herald-ts-generator} writes the TypeScript and {@code herald-asyncapi} the AsyncAPI
 * document. {@code HeraldMessage} holds every message; {@code Reporter} reports them.
 *
 * <p>Dependencies point one way: {@code emit} and {@code validation} read {@code model}; {@code
 * model} reads neither.
 */
package dev.herald.processor;
