/** The annotations a service declares its events with: {@link dev.herald.Event}, {@link dev.herald.EventKey}. */
package dev.herald;
