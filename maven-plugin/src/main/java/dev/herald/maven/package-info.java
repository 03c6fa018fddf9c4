/**
 * {@code herald:generate}: reads {@code META-INF/herald/model.json} from the project's dependencies
 * and its own classes ({@code ModelFiles}), merges them and writes one TypeScript folder and one
 * AsyncAPI document ({@code FrontendOutput}) with the same generators the processor runs for one
 * module. {@code GenerateMojo} is only the Maven glue.
 */
package dev.herald.maven;
