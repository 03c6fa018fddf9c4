package com.acme.common;

// No Javadoc here: the modules that use Actor read it from common's jar, where javac has none.
public record Actor(String id, String name) {}
