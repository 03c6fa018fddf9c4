package dev.herald.ts.generate;

/** One generated file: its name in the output folder and its text. */
public record GeneratedFile(String fileName, String content) {}
