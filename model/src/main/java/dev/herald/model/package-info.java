/**
 * The language-neutral model of a set of events, as {@code META-INF/herald/model.json} holds it: the
 * one input of every generator, written by the processor for each compilation and merged by the Maven
 * plugin across modules. Types are referred to by their Java qualified name; documentation is already
 * in JSDoc's terms. Depends on nothing in Herald; {@code output} holds what generators write.
 */
package dev.herald.model;
