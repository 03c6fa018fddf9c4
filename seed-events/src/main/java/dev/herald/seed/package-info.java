/**
 * The original design's 15 events (groups {@code fs}, {@code asset}, {@code task}, {@code
 * container}, {@code tunnel}), declared as a user's events module would; the processor generates
 * their catalog {@code Events}, codecs and TypeScript. Used by the tests, the demo and benchmarks.
 */
package dev.herald.seed;
