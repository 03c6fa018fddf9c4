/**
 * What the declarations say, extracted once from the compiler's elements: events, records, enums,
 * components and their types (section 4 of the type mapping). Depends on nothing else in the
 * processor but the messages it reports.
 */
package dev.herald.processor.model;
