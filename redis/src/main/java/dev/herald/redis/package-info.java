/**
 * {@link dev.herald.redis.RedisBroker}: the fan-out across instances over a Redis Stream (Lettuce).
 * Holds the Redis code and nothing Herald-specific beyond the numbering of entries.
 */
package dev.herald.redis;
