package dev.herald.model.output;

/** One generated file: its name in the output folder and its text. */
public record GeneratedFile(String fileName, String content) {}
