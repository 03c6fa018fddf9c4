// The results as Markdown tables, one section per chart, for benchmarks/report/README.md: the
// figures behind each chart, and the ones no chart shows (scale, cluster throughput, steps).
import { machineLine } from './charts.mjs';

/** The Markdown page of a results file; `charts` are the names of the SVGs written beside it. */
export function resultsPage(results, charts, resultsFile) {
  const rows = results.rows ?? [];
  const of = suite => rows.filter(row => row.suite === suite);
  const meta = results.meta ?? {};
  const sections = [
    `# Benchmark report\n\nWritten by \`scripts/bench\` (${meta.mode ?? 'unknown'} mode) from \`${resultsFile}\`; do not edit by hand.\n\n${machineLine(meta)}${meta.memoryGiB ? `, ${meta.memoryGiB} GiB` : ''}${meta.os ? `, ${meta.os}` : ''}.`,
    section('Fan-out', ['fanout-latency', 'fanout-saturation', 'fanout-heap'], charts, table(
      ['clients', 'server', 'delivered', 'p50 ms', 'p99 ms', 'max ms', 'saturation frames/s', 'heap/connection'],
      of('fanout').map(row => [row.clients, row.name ?? row.transport, `${row.delivered} of ${row.expected}`, round(row.p50Ms), round(row.p99Ms), round(row.maxMs), row.saturation > 0 ? Math.round(row.saturation) : 'not reached', bytes(row.heapPerConnection)]),
    )),
    section('Emit', ['emit'], charts, table(
      ['listeners', 'time per emit', '± (99.9%)'],
      of('emit').map(row => [row.listeners, `${round(row.score)} ${row.unit}`, row.error === null ? 'n/a' : round(row.error)]),
    )),
    section('Codecs', ['codec'], charts, table(
      ['event', 'codec', 'encode ops/µs', 'decode ops/µs'],
      pairs(of('codec')),
    )),
    section('Cold compile', ['compile'], charts, table(
      ['records', 'compiler', 'seconds'],
      of('compile').map(row => [row.records, row.compiler, round(row.seconds)]),
    )),
    section('Cluster', ['cluster'], charts, [
      table(
        ['broker', 'clients on', 'clients', 'delivered', 'p50 ms', 'p99 ms', 'max ms'],
        of('cluster').map(row => [row.broker, `node ${row.node}`, row.clients, `${row.delivered} of ${row.expected}`, round(row.p50Ms), round(row.p99Ms), round(row.maxMs)]),
      ),
      table(
        ['broker', 'publish throughput, one node to another', 'received', 'gaps'],
        of('cluster-throughput').map(row => [row.broker, `${Math.round(row.eventsPerSecond)} events/s`, `${row.received} of ${row.sent}`, row.gaps]),
      ),
    ].filter(Boolean).join('\n\n')),
    section('Scale', [], charts, table(
      ['clients', 'admitted', 'connect storm', 'heap per idle connection'],
      of('scale-connect').map(row => [row.clients, row.admitted, `${row.connectMs} ms`, bytes(row.heapPerConnection)]),
    )),
    section('Resume (rolling restart)', ['resume', 'resume-latency'], charts, [
      table(
        ['step', 'reconnects', 'resumed', '$resync', 'seconds until all back'],
        of('resume-step').map(row => [row.step, row.reconnects, row.resumed, row.resyncs, round(row.secondsUntilAllBack)]),
      ),
      table(
        ['clients per node', 'reconnects', 'resumed', '$resync', 'global re-fetches', 'lost', 'duplicates'],
        of('resume').map(row => [row.clientsPerNode, row.reconnects, row.resumed, row.resyncs, row.refetches, row.lost, row.duplicates]),
      ),
    ].filter(Boolean).join('\n\n')),
    section('Steps', [], charts, table(
      ['step', 'status', 'seconds', 'command'],
      (results.steps ?? []).map(step => [step.name, step.status, step.seconds, `\`${step.command}\``]),
    )),
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}

function section(heading, chartNames, charts, body) {
  const images = chartNames.filter(name => charts.includes(name)).map(name => `![${name}](${name}.svg)`);
  if (!body && images.length === 0) return null;
  return [`## ${heading}`, ...images, body].filter(Boolean).join('\n\n');
}

function table(headers, rows) {
  if (rows.length === 0) return null;
  const line = cells => `| ${cells.map(cell => String(cell ?? '').replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

// Codec rows joined per event and library: [event, library, encode, decode].
function pairs(rows) {
  const joined = new Map();
  for (const row of rows) {
    const key = `${row.event}\u0000${row.library}`;
    const entry = joined.get(key) ?? [row.event, row.library, '', ''];
    entry[row.operation === 'encode' ? 2 : 3] = round(row.score);
    joined.set(key, entry);
  }
  return [...joined.values()];
}

function round(value) {
  if (typeof value !== 'number') return value;
  return Math.abs(value) >= 100 ? Math.round(value) : Number(value.toPrecision(3));
}

function bytes(value) {
  if (typeof value !== 'number') return '';
  return value >= 1024 ? `${(value / 1024).toFixed(1)} KiB` : `${value} B`;
}
