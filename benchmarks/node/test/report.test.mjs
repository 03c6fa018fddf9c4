// The report on a small fixed run: what collect gathers, and what each chart draws from it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartSpecs, renderSvg } from '../report/charts.mjs';
import { collectRun } from '../report/collect.mjs';
import { resultsPage } from '../report/tables.mjs';

const fixtures = new URL('./fixtures/', import.meta.url).pathname;
const results = JSON.parse(readFileSync(join(fixtures, 'results.json'), 'utf8'));

async function svgOf(name, from = results) {
  const chart = chartSpecs(from).find(candidate => candidate.name === name);
  expect(chart, `chart ${name}`).toBeDefined();
  return renderSvg(chart.spec);
}

// Vega labels every drawn bar and point with its axis titles and values ("connected clients: 250;
// ..."), so a test counts the marks a series drew, not only its name in the legend.
function labelsOf(svg, role) {
  return [...svg.matchAll(new RegExp(`aria-label="([^"]*)"[^>]*aria-roledescription="${role}"`, 'g'))].map(match => match[1]);
}

describe('collect', () => {
  const run = collectRun(join(fixtures, 'run'));

  it('keeps the run identity with numbers and flags typed', () => {
    expect(run.meta).toMatchObject({ mode: 'short', commit: '011b567623aa', cores: 2, memoryGiB: 24, dirty: false, jdk: '17.0.15+6' });
  });

  it('keeps every step with its status, seconds and command', () => {
    expect(run.steps.map(step => step.name)).toEqual(['emit', 'codec', 'fanout', 'cluster', 'scale', 'compile-100', 'compile-500']);
    expect(run.steps[3]).toMatchObject({ status: 'failed', seconds: 29, command: expect.stringContaining('ClusterLoad 250 100 5') });
  });

  it("turns JMH's results into codec rows per library and operation, and emit rows per listener count", () => {
    const codec = run.rows.filter(row => row.suite === 'codec');
    expect(codec).toHaveLength(6);
    expect(codec).toContainEqual({ suite: 'codec', event: 'fs.created', library: 'avaje-jsonb', operation: 'decode', score: 5.5, error: 0.25, unit: 'ops/us' });
    expect(new Set(codec.map(row => row.library))).toEqual(new Set(['herald', 'avaje-jsonb', 'jackson-databind']));
    const emit = run.rows.filter(row => row.suite === 'emit');
    expect(emit.map(row => [row.listeners, row.score, row.error])).toEqual([[1, 19.5, 1.5], [10, 36, null]]);
  });

  it('names each codec library by its CodecBenchmark method, Jackson 3 apart from Jackson 2', () => {
    const folder = mkdtempSync(join(tmpdir(), 'herald-report-'));
    const result = (method, score) => ({
      benchmark: `dev.herald.bench.CodecBenchmark.${method}`,
      params: { event: 'task.progress' },
      primaryMetric: { score, scoreError: 0.1, scoreUnit: 'ops/us' },
    });
    writeFileSync(join(folder, 'jmh-codec.json'), JSON.stringify([result('mapper3Decode', 1.2), result('mapperDecode', 2.0), result('codecEncode', 6.3), result('codec3Decode', 5.1)]));
    expect(collectRun(folder).rows.map(row => [row.library, row.operation, row.score])).toEqual([
      ['jackson-databind-3', 'decode', 1.2],
      ['jackson-databind', 'decode', 2.0],
      ['herald', 'encode', 6.3],
      ['herald-jackson-3', 'decode', 5.1],
    ]);
  });

  it("keeps the load tools' rows as written", () => {
    expect(run.rows.filter(row => row.suite === 'fanout')).toHaveLength(6);
    expect(run.rows.find(row => row.suite === 'scale-connect')).toMatchObject({ clients: 5000, heapPerConnection: 2717 });
  });

  it('names the file and line of a row that is not JSON', () => {
    const folder = mkdtempSync(join(tmpdir(), 'herald-report-'));
    writeFileSync(join(folder, 'rows.jsonl'), '{"suite":"fanout"}\n{"suite": nope}\n');
    expect(() => collectRun(folder)).toThrow(/rows\.jsonl:2: not a JSON row/);
  });
});

describe('charts', () => {
  it('draws a chart per suite with rows, and none for a suite without', () => {
    const names = chartSpecs(results).map(chart => chart.name);
    expect(names).toEqual(['fanout-latency', 'fanout-saturation', 'fanout-heap', 'emit', 'codec', 'compile', 'cluster']);
    const onlyFanOut = { ...results, rows: results.rows.filter(row => row.suite === 'fanout') };
    expect(chartSpecs(onlyFanOut).map(chart => chart.name)).toEqual(['fanout-latency', 'fanout-saturation', 'fanout-heap']);
  });

  it('draws p50 and p99 against clients for Herald and both peers on the same axes', async () => {
    const svg = await svgOf('fanout-latency');
    for (const series of ['Herald · Java-WebSocket server', 'peer · bare Java-WebSocket broadcast', 'peer · Node ws broadcast']) {
      expect(svg).toContain(series);
    }
    expect(svg).toContain('connected clients');
    expect(svg).toContain('latency (ms, log scale)');
    expect(svg).toContain('>p50<');
    expect(svg).toContain('>p99<');
    // three servers x two client counts, in each of the two panels
    const points = labelsOf(svg, 'point');
    expect(points).toHaveLength(12);
    expect(points).toContainEqual('connected clients: 1000; latency (ms, log scale): 33.2; server: Herald · Java-WebSocket server');
    expect(points).toContainEqual('connected clients: 1000; latency (ms, log scale): 137; server: peer · bare Java-WebSocket broadcast');
  });

  it('draws a point hollow where the server fell behind and frames were missing', async () => {
    const svg = await svgOf('fanout-latency');
    const point = label => svg.match(new RegExp(`<path aria-label="${label}[^>]*>`))[0];
    // bare at 1,000 clients delivered 499,990 of 500,000 frames
    expect(point('connected clients: 1000; latency \\(ms, log scale\\): 137;')).not.toContain('fill=');
    expect(point('connected clients: 1000; latency \\(ms, log scale\\): 33.2;')).toContain('fill="#4c78a8"');
    expect(svg).toContain('a hollow point: the server fell behind');
  });

  it('draws a saturation bar per server and client count, labelled in frames/s', async () => {
    const svg = await svgOf('fanout-saturation');
    expect(svg).toContain('frames delivered per second');
    const bars = labelsOf(svg, 'bar');
    expect(bars).toHaveLength(6);
    expect(bars).toContainEqual(expect.stringMatching(/^connected clients: 1000; frames delivered per second: 3\.45521M; .*server: Herald · Java-WebSocket server$/));
    expect(bars).toContainEqual(expect.stringMatching(/^connected clients: 250; frames delivered per second: 132\.283k; .*server: peer · Node ws broadcast$/));
  });

  it('draws the codecs of Herald, avaje-jsonb and the mapper for encode and decode', async () => {
    const svg = await svgOf('codec');
    for (const label of ['Herald generated codec', 'avaje-jsonb generated adapter', 'Jackson 2 ObjectMapper (reflection)', 'throughput (ops/us)', 'fs.created', 'encode', 'decode']) {
      expect(svg).toContain(label);
    }
    expect(labelsOf(svg, 'bar')).toHaveLength(6);
  });

  it('draws emit time against listeners in the unit JMH measured', async () => {
    const svg = await svgOf('emit');
    expect(svg).toContain('listeners (log scale)');
    expect(svg).toContain('time per emit (ns/op)');
    expect(labelsOf(svg, 'point')).toEqual(['listeners (log scale): 1; time per emit (ns/op): 19.5', 'listeners (log scale): 10; time per emit (ns/op): 36']);
  });

  it('draws cold compile seconds against records for javac, Herald and avaje-jsonb', async () => {
    const svg = await svgOf('compile');
    for (const label of ['plain javac (-proc:none)', 'javac + Herald processor', 'javac + avaje-jsonb generator', 'event records', 'wall time (s)']) {
      expect(svg).toContain(label);
    }
    expect(labelsOf(svg, 'point')).toHaveLength(6);
    expect(labelsOf(svg, 'point')).toContainEqual('event records: 500; wall time (s): 9.8; compiler: javac + Herald processor; kind: Herald');
  });

  it('draws node A against node B for each broker', async () => {
    const svg = await svgOf('cluster');
    for (const label of ['node A', 'node B', 'redis', 'nats', 'latency, emit on A to client (ms)']) {
      expect(svg).toContain(label);
    }
    expect(labelsOf(svg, 'bar')).toHaveLength(8);
  });

  it('names the machine above each chart and the command under it, and says which step failed', async () => {
    const fanOut = await svgOf('fanout-latency');
    expect(fanOut).toContain('Fixture CPU 9000 · 2 cores · JDK 17.0.15+6 · Node v20.20.2 · 2026-12-03 · commit 011b567623');
    expect(fanOut).toContain('$ java -cp benchmarks/target/benchmarks.jar dev.herald.bench.FanOutLoad 250,1000 100 5 ws,bare,node-ws');
    const compile = await svgOf('compile');
    expect(compile).toContain('CompileCold 100');
    expect(compile).toContain('CompileCold 500');
    expect(await svgOf('cluster')).toContain('failed: cluster');
  });

  it('leaves out the burst figure of a server that never caught up', async () => {
    const behind = { ...results, rows: results.rows.map(row => (row.transport === 'node-ws' && row.clients === 1000 ? { ...row, saturation: -0 } : row)) };
    const bars = labelsOf(await svgOf('fanout-saturation', behind), 'bar');
    expect(bars).toHaveLength(5);
    expect(bars.filter(bar => bar.includes('Node ws'))).toHaveLength(1);
    expect(resultsPage(behind, [], 'results.json')).toMatch(/\| 1000 \| Node ws broadcast \| .* \| not reached \|/);
  });

  it('marks a run measured with local changes', async () => {
    const dirty = { ...results, meta: { ...results.meta, dirty: true } };
    expect(await svgOf('emit', dirty)).toContain('(with local changes)');
  });
});

describe('tables', () => {
  it('puts each chart beside the figures it draws, and the steps with their commands', () => {
    const page = resultsPage(results, chartSpecs(results).map(chart => chart.name), 'results/fixture.json');
    expect(page).toContain('from `results/fixture.json`');
    expect(page).toContain('![fanout-latency](fanout-latency.svg)');
    expect(page).toContain('| 1000 | bare broadcast | 499990 of 500000 | 5.5 | 137 | 168 | 168116 | 2.7 KiB |');
    expect(page).toContain('| fs.created | avaje-jsonb | 7.5 | 5.5 |');
    expect(page).toContain('| 5000 | 5000 | 1749 ms | 2.7 KiB |');
    expect(page).toContain('| cluster | failed | 29 | `java -cp benchmarks/target/benchmarks.jar dev.herald.bench.ClusterLoad 250 100 5 redis,nats` |');
    expect(page).not.toContain('## Resume');
  });
});
