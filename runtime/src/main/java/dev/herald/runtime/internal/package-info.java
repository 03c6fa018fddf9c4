/**
 * Helpers the runtime's packages share. Not API: public only because Java has no narrower
 * visibility across packages; it may change in any release. Depends on nothing else in Herald.
 */
package dev.herald.runtime.internal;
