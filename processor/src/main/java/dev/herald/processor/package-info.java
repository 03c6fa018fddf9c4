/**
 * The Herald annotation processor. {@code EventProcessor} runs the rounds: {@code model} extracts
 * what the declarations say, {@code validation} reports misuse on the offending element, {@code emit}
 * writes Java (codecs, catalog, services file) and the language-neutral model ({@code
 * model.json}), from which {@code herald-ts-generator} writes the TypeScript and {@code
 * herald-asyncapi} the AsyncAPI document. {@code diagnostics} holds every message ({@code
 * HeraldMessage}) and reports them on the element ({@code Reporter}).
 *
 * <p>Dependencies point one way: {@code emit} and {@code validation} read {@code model} and report
 * through {@code diagnostics}; {@code model} reads neither.
 */
package dev.herald.processor;
