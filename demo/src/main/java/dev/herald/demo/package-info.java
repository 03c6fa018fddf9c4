/**
 * The live file manager: {@code DemoApp} wires a REST API ({@code Api}, {@code FileService}, {@code
 * AssetService}, {@code TaskService}), a disk watcher and an {@code EventWebSocketServer} emitting
 * the seed events, and serves the React page from {@code web/}.
 */
package dev.herald.demo;
