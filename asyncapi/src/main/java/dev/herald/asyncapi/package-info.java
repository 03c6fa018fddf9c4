/**
 * The AsyncAPI 3.0.0 document of the events endpoint, with a draft-07 JSON Schema per payload record
 * and enum, generated from a {@link dev.herald.model.HeraldModel} ({@code AsyncApiGenerator}).
 */
package dev.herald.asyncapi;
