// The Node peer of FanOutLoad: what a Node team writes to push one event to every browser, a `ws`
// server looping over its clients with `send` (the broadcast of ws's README). FanOutLoad drives
// it over standard input and reads its answers on standard output:
//   t  broadcast an event whose path is /l/<monotonic ns> (the clients record its latency)
//   s  broadcast an event whose path is /s/<monotonic ns> (the saturation burst)
//   c  answer the number of open connections
//   h  answer the heap in use (bytes) after a full collection
//   q  close every connection and exit
// process.hrtime is CLOCK_MONOTONIC on Linux, the clock of Java's System.nanoTime, so the Java
// clients measure the latency on the same clock. Loopback only.
import { createInterface } from 'node:readline';
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/api/events/ws', perMessageDeflate: false });

function broadcast(kind) {
  // The bytes Herald sends for the same event (fs.created's JSON names are AssetID, Path, IsDir).
  const frame = JSON.stringify({
    event: 'fs.created',
    data: { AssetID: 'asset-load', Path: `/${kind}/${process.hrtime.bigint()}`, IsDir: false },
    ts: Date.now(),
  });
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

createInterface({ input: process.stdin }).on('line', command => {
  switch (command) {
    case 't': broadcast('l'); break;
    case 's': broadcast('s'); break;
    case 'c': console.log(server.clients.size); break;
    case 'h': console.log(heapAfterGc()); break;
    case 'q':
      for (const client of server.clients) {
        client.terminate();
      }
      server.close(() => process.exit(0));
      break;
    default: console.error(`unknown command: ${command}`);
  }
}).on('close', () => process.exit(0));
