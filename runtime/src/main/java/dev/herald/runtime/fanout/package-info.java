/**
 * The transport-neutral fan-out core, as centrifuge's hub: {@link dev.herald.runtime.fanout.FanOut}
 * admits connections ({@link dev.herald.runtime.fanout.Admission}: path, query, origin,
 * authenticator), encodes each event once, keeps a byte budget per connection and sends {@code
 * $resync} to whoever missed events. A transport adapter gives it a write-only {@link
 * dev.herald.runtime.fanout.Transport} per connection and a {@link
 * dev.herald.runtime.fanout.WireFormat} for its frames; every close is a {@link
 * dev.herald.runtime.fanout.Disconnect}. One option set for every transport: {@link
 * dev.herald.runtime.fanout.EndpointOptions} builds {@link dev.herald.runtime.fanout.EndpointSettings}.
 *
 * <p>Depends on {@code dev.herald.runtime} and {@code json}; never on a socket library.
 */
package dev.herald.runtime.fanout;
