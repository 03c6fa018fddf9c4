// The Node peer of FanOutLoad: what a Node team writes to push one event to every browser, a `ws`
// server looping over its clients with `send` (the broadcast of ws's README). FanOutLoad drives
// it over standard input and reads its answers on standard output:
//   e <path>  broadcast fs.created with this path (the load tool's paths carry the emit time,
//             System.nanoTime() of the Java side: CLOCK_MONOTONIC on Linux, as process.hrtime)
//   c         answer the number of open connections
//   h         answer the heap in use (bytes) after a full collection
//   q         close every connection and exit
// Loopback only.
import { createInterface } from 'node:readline';
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/api/events/ws', perMessageDeflate: false });

function broadcast(path) {
  // The bytes Herald sends for the same event (fs.created's JSON names are AssetID, Path, IsDir).
  const frame = JSON.stringify({ event: 'fs.created', data: { AssetID: 'asset-load', Path: path, IsDir: false }, ts: Date.now() });
  for (const client of server.clients) {
    client.send(frame);
  }
}

function heapAfterGc() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
  }
  return process.memoryUsage().heapUsed;
}

server.on('connection', socket => socket.on('error', () => socket.terminate()));
server.on('listening', () => console.log(`PORT ${server.address().port}`));

createInterface({ input: process.stdin }).on('line', line => {
  const [command, argument] = [line.slice(0, 1), line.slice(2)];
  switch (command) {
    case 'e': broadcast(argument); break;
    case 'c': console.log(server.clients.size); break;
    case 'h': console.log(heapAfterGc()); break;
    case 'q':
      for (const client of server.clients) {
        client.terminate();
      }
      server.close(() => process.exit(0));
      break;
    default: console.error(`unknown command: ${line}`);
  }
}).on('close', () => process.exit(0));
