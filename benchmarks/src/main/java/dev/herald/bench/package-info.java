/**
 * JMH benchmarks (codecs, emit, compile cost) and the fan-out load tool ({@code FanOutLoad}, with
 * its clients in a child JVM); see {@code BENCHMARKS.md} for the commands and figures.
 */
package dev.herald.bench;
