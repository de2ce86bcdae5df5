package org.runlab.engine;

/** A file the program wrote under {@code out/} (a PNG plot, say), returned with the result. */
public record OutputFile(String path, String mediaType, byte[] content) {}
