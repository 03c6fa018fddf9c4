// The charts of a results file, as Vega-Lite specs rendered to SVG by Vega (no browser, no canvas).
// Each chart names the machine and the run above it and the command that measured it below it;
// Herald's series are solid, the peers' (bare Java-WebSocket, Node's ws, Spring's handler,
// avaje-jsonb, the Jackson mappers, plain javac) dashed or grey, on the same axes.
import * as vega from 'vega';
import { compile } from 'vega-lite';

const WIDTH = 420;
const HEIGHT = 260;
const HERALD = 'Herald';
const PEER = 'peer';

/** Every chart the results can draw: [{ name, title, spec }]; a suite without rows draws none. */
export function chartSpecs(results) {
  const context = chartContext(results);
  return [
    fanOutLatency(context),
    fanOutSaturation(context),
    fanOutHeap(context),
    emitCost(context),
    codecThroughput(context),
    compileCost(context),
    clusterLatency(context),
    resumeSteps(context),
    resumeLatency(context),
  ].filter(chart => chart !== null);
}

/** The SVG of one Vega-Lite spec. */
export async function renderSvg(spec) {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function chartContext(results) {
  const rows = results.rows ?? [];
  const steps = results.steps ?? [];
  return {
    machine: machineLine(results.meta ?? {}),
    mode: results.meta?.mode ?? 'unknown',
    rowsOf: suite => rows.filter(row => row.suite === suite),
    commandsOf: prefix => steps.filter(step => step.name === prefix || step.name.startsWith(`${prefix}-`)),
  };
}

export function machineLine(meta) {
  const parts = [
    meta.cpu,
    meta.cores !== undefined ? `${meta.cores} cores` : undefined,
    meta.jdk ? `JDK ${meta.jdk}` : undefined,
    meta.node ? `Node ${meta.node}` : undefined,
    meta.date ? meta.date.slice(0, 10) : undefined,
    meta.commit ? `commit ${meta.commit.slice(0, 10)}${meta.dirty ? ' (with local changes)' : ''}` : undefined,
  ];
  return parts.filter(Boolean).join(' · ');
}

// One chart: its title and the machine above, the command(s) below, and the data inline.
function frame(context, { name, title, subtitle = [], stepPrefix, spec }) {
  const steps = context.commandsOf(stepPrefix);
  const commands = steps.length > 0 ? steps.map(step => `$ ${step.command}`) : ['(no command recorded)'];
  const failed = steps.filter(step => step.status !== 'ok').map(step => step.name);
  const footer = [...commands, `scripts/bench, ${context.mode} mode${failed.length ? `; failed: ${failed.join(', ')}` : ''}`];
  return {
    name,
    title,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      background: 'white',
      padding: 12,
      title: { text: footer, orient: 'bottom', anchor: 'start', font: 'monospace', fontSize: 10, fontWeight: 'normal', color: '#444', offset: 14 },
      vconcat: [{ title: { text: title, subtitle: [...subtitle, context.machine], anchor: 'start', subtitleColor: '#555' }, ...spec }],
      config: { font: 'sans-serif', axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320 }, axisX: { labelAngle: 0 }, legend: { labelLimit: 360, orient: 'bottom', direction: 'vertical', columns: 2 } },
    },
  };
}

// Every server the fan-out load drives: label and colour. Herald's transports in colour, the
// peers (what a team would write without Herald) in greys and browns.
const SYSTEMS = {
  ws: ['Herald · Java-WebSocket server', '#4c78a8'],
  'ws+meters': ['Herald · Java-WebSocket server, meters bound', '#9ecae9'],
  tomcat: ['Herald · Tomcat (servlet upgrade)', '#e45756'],
  'tomcat+meters': ['Herald · Tomcat, meters bound', '#ff9d98'],
  'tomcat-jakarta': ['Herald · Tomcat (Jakarta WebSocket)', '#d6616b'],
  'tomcat-sse': ['Herald · Tomcat, Server-Sent Events', '#b279a2'],
  jetty: ['Herald · Jetty', '#f58518'],
  'jetty-jakarta': ['Herald · Jetty (Jakarta WebSocket)', '#c46a10'],
  'jetty-sse': ['Herald · Jetty, Server-Sent Events', '#ffbf79'],
  webflux: ['Herald · WebFlux (Reactor Netty)', '#54a24b'],
  'webflux-sse': ['Herald · WebFlux, Server-Sent Events', '#88d27a'],
  'spring-handler': ['peer · Spring TextWebSocketHandler loop', '#9d755d'],
  'spring-stomp': ['peer · Spring STOMP simple broker', '#d8b5a5'],
  bare: ['peer · bare Java-WebSocket broadcast', '#7f7f7f'],
  'node-ws': ['peer · Node ws broadcast', '#3b3b3b'],
};
const PEERS = new Set(['spring-handler', 'spring-stomp', 'bare', 'node-ws']);

function fanOutRows(context) {
  return context.rowsOf('fanout').map(row => ({
    ...row,
    system: SYSTEMS[row.transport]?.[0] ?? row.name ?? row.transport,
    kind: PEERS.has(row.transport) ? PEER : HERALD,
  }));
}

// The colour scale of the systems present, in SYSTEMS' order (Herald first, then the peers).
function systemColor(rows) {
  const present = Object.entries(SYSTEMS).filter(([transport]) => rows.some(row => row.transport === transport));
  const unknown = [...new Set(rows.filter(row => !SYSTEMS[row.transport]).map(row => row.system))];
  return {
    field: 'system',
    type: 'nominal',
    title: 'server',
    sort: [...present.map(([, [label]]) => label), ...unknown],
    scale: {
      domain: [...present.map(([, [label]]) => label), ...unknown],
      range: [...present.map(([, [, color]]) => color), ...unknown.map(() => '#17becf')],
    },
  };
}

// Herald solid, peers dashed: the reader tells them apart before reading the legend.
const KIND_DASH = { field: 'kind', type: 'nominal', title: null, scale: { domain: [HERALD, PEER], range: [[1, 0], [5, 3]] }, legend: null };

const DELIVERY = ['all delivered', 'frames missing after 10 s'];

function fanOutLatency(context) {
  const rows = fanOutRows(context);
  if (rows.length === 0) return null;
  const rate = rows[0].rate;
  const values = rows.flatMap(row => {
    const delivery = row.delivered >= row.expected ? DELIVERY[0] : DELIVERY[1];
    return [
      { ...row, delivery, percentile: 'p50', ms: row.p50Ms },
      { ...row, delivery, percentile: 'p99', ms: row.p99Ms },
    ];
  });
  const x = { field: 'clients', type: 'quantitative', title: 'connected clients', scale: { zero: false } };
  const y = { field: 'ms', type: 'quantitative', title: 'latency (ms, log scale)', scale: { type: 'log' } };
  return frame(context, {
    name: 'fanout-latency',
    title: `Fan-out latency, emit to client, at ${rate} events/s`,
    subtitle: ['a hollow point: the server fell behind, and not every frame arrived within 10 s of the last emit'],
    stepPrefix: 'fanout',
    spec: {
      data: { values },
      facet: { column: { field: 'percentile', type: 'nominal', title: null, header: { labelFontSize: 13, labelFontWeight: 'bold' } } },
      spec: {
        width: WIDTH * 0.75,
        height: HEIGHT,
        encoding: { x, y, color: systemColor(rows) },
        layer: [
          { mark: { type: 'line' }, encoding: { strokeDash: KIND_DASH } },
          ...DELIVERY.map((delivery, index) => ({
            transform: [{ filter: { field: 'delivery', equal: delivery } }],
            mark: { type: 'point', size: 40, strokeWidth: 2, filled: index === 0 },
          })),
        ],
      },
    },
  });
}

function fanOutSaturation(context) {
  // A server that never caught up has no burst figure (the tool prints 0).
  return fanOutBars(context, {
    name: 'fanout-saturation',
    title: 'Fan-out saturation: frames delivered per second, events sent as fast as the server takes them',
    rows: fanOutRows(context).filter(row => Number.isFinite(row.saturation) && row.saturation > 0),
    y: { field: 'saturation', type: 'quantitative', title: 'frames delivered per second', axis: { format: '~s' } },
  });
}

function fanOutHeap(context) {
  return fanOutBars(context, {
    name: 'fanout-heap',
    title: 'Server heap per connection after a full GC (Node: V8 heap only)',
    rows: fanOutRows(context)
      .filter(row => Number.isFinite(row.heapPerConnection) && row.heapPerConnection > 0)
      .map(row => ({ ...row, kib: row.heapPerConnection / 1024 })),
    y: { field: 'kib', type: 'quantitative', title: 'heap per connection (KiB)' },
  });
}

// A bar per server, grouped by client count, one figure of the fan-out rows on the y axis.
function fanOutBars(context, { name, title, rows, y }) {
  if (rows.length === 0) return null;
  const color = systemColor(rows);
  return frame(context, {
    name,
    title,
    stepPrefix: 'fanout',
    spec: {
      data: { values: rows },
      width: WIDTH * 1.4,
      height: HEIGHT,
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'clients', type: 'ordinal', title: 'connected clients' },
        xOffset: { field: 'system', type: 'nominal', sort: color.sort },
        y,
        color,
      },
    },
  });
}

function emitCost(context) {
  const rows = context.rowsOf('emit');
  if (rows.length === 0) return null;
  const values = rows.map(withErrorBar);
  return frame(context, {
    name: 'emit',
    title: 'EventBus.emit: time per emit against in-process listeners (JMH, error bars: 99.9% interval)',
    stepPrefix: 'emit',
    spec: {
      data: { values },
      width: WIDTH,
      height: HEIGHT,
      encoding: { x: { field: 'listeners', type: 'quantitative', title: 'listeners (log scale)', scale: { type: 'log' } } },
      layer: [
        { mark: { type: 'rule', color: '#4c78a8' }, encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
        {
          mark: { type: 'line', point: true, color: '#4c78a8' },
          encoding: { y: { field: 'score', type: 'quantitative', title: `time per emit (${rows[0].unit ?? 'ns/op'})` } },
        },
      ],
    },
  });
}

// JMH's score and its error as the ends of an error bar (never below zero).
function withErrorBar(row) {
  const error = row.error ?? 0;
  return { ...row, low: Math.max(0, row.score - error), high: row.score + error };
}

const CODEC_LABELS = {
  herald: 'Herald generated codec (Jackson 2)',
  'herald-jackson-3': 'Herald generated codec (Jackson 3)',
  'avaje-jsonb': 'avaje-jsonb generated adapter',
  'jackson-databind': 'Jackson 2 ObjectMapper (reflection)',
  'jackson-databind-3': 'Jackson 3 JsonMapper (reflection)',
};

function codecThroughput(context) {
  const rows = context.rowsOf('codec');
  if (rows.length === 0) return null;
  const codecs = Object.values(CODEC_LABELS);
  const values = rows.map(row => ({ ...withErrorBar(row), codec: CODEC_LABELS[row.library] ?? row.library }));
  const x = { field: 'operation', type: 'nominal', title: null, sort: ['encode', 'decode'] };
  const xOffset = { field: 'codec', type: 'nominal', sort: codecs };
  return frame(context, {
    name: 'codec',
    title: 'JSON codecs on the same bytes, same JVM: operations per microsecond, higher is better (JMH)',
    subtitle: ['error bars: 99.9% interval; each event on its own scale'],
    stepPrefix: 'codec',
    spec: {
      data: { values },
      facet: { column: { field: 'event', type: 'nominal', title: null, header: { labelFontSize: 12, labelFontWeight: 'bold' } } },
      spec: {
        width: WIDTH * 0.55,
        height: HEIGHT,
        encoding: { x, xOffset },
        layer: [
          {
            mark: 'bar',
            encoding: {
              y: { field: 'score', type: 'quantitative', title: `throughput (${rows[0].unit ?? 'ops/us'})` },
              color: { field: 'codec', type: 'nominal', title: 'codec', sort: codecs, scale: { domain: codecs, range: ['#4c78a8', '#f58518', '#9d9d9d', '#5a5a5a'] } },
            },
          },
          { mark: { type: 'rule', color: '#222' }, encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
        ],
      },
      resolve: { scale: { y: 'independent' } },
    },
  });
}

const COMPILER_LABELS = {
  javac: 'plain javac (-proc:none)',
  herald: 'javac + Herald processor',
  'avaje-jsonb': 'javac + avaje-jsonb generator',
};

function compileCost(context) {
  const rows = context.rowsOf('compile');
  if (rows.length === 0) return null;
  const values = rows.map(row => ({
    ...row,
    compiler: COMPILER_LABELS[row.compiler] ?? row.compiler,
    kind: row.compiler === 'herald' ? HERALD : PEER,
  }));
  return frame(context, {
    name: 'compile',
    title: 'Cold compile: a fresh javac process on N event records (median)',
    stepPrefix: 'compile',
    spec: {
      data: { values },
      width: WIDTH,
      height: HEIGHT,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'records', type: 'quantitative', title: 'event records', scale: { zero: false } },
        y: { field: 'seconds', type: 'quantitative', title: 'wall time (s)' },
        color: { field: 'compiler', type: 'nominal', title: 'compiler', sort: Object.values(COMPILER_LABELS), scale: { range: ['#9d9d9d', '#4c78a8', '#f58518'] } },
        strokeDash: KIND_DASH,
      },
    },
  });
}

function clusterLatency(context) {
  const rows = context.rowsOf('cluster');
  if (rows.length === 0) return null;
  const values = rows.flatMap(row => [
    { ...row, percentile: 'p50', ms: row.p50Ms, where: `node ${row.node}` },
    { ...row, percentile: 'p99', ms: row.p99Ms, where: `node ${row.node}` },
  ]);
  const { clients, rate } = rows[0];
  return frame(context, {
    name: 'cluster',
    title: `Two nodes through a broker: ${clients} clients per node, ${rate} events/s emitted on node A`,
    stepPrefix: 'cluster',
    spec: {
      data: { values },
      facet: { column: { field: 'broker', type: 'nominal', title: 'broker', header: { labelFontSize: 12 } } },
      spec: {
        width: WIDTH * 0.6,
        height: HEIGHT,
        mark: 'bar',
        encoding: {
          x: { field: 'percentile', type: 'nominal', title: null },
          xOffset: { field: 'where', type: 'nominal' },
          y: { field: 'ms', type: 'quantitative', title: 'latency, emit on A to client (ms)' },
          color: { field: 'where', type: 'nominal', title: 'clients on', scale: { range: ['#4c78a8', '#72b7b2'] } },
        },
      },
    },
  });
}

function resumeSteps(context) {
  const rows = context.rowsOf('resume-step');
  if (rows.length === 0) return null;
  const stepLabel = row => `${row.step}: all back in ${Number(row.secondsUntilAllBack).toFixed(1)} s`;
  const order = [...new Set(rows.map(stepLabel))];
  const values = rows.flatMap(row => [
    { step: stepLabel(row), outcome: 'resumed from its position', clients: row.resumed },
    { step: stepLabel(row), outcome: '$resync (full re-fetch)', clients: row.resyncs },
  ]);
  const totals = context.rowsOf('resume')[0];
  const subtitle = totals
    ? [`${totals.clientsPerNode} clients per node; over the run: ${totals.lost} lost, ${totals.duplicates} duplicates, ${totals.refetches} global re-fetches counted by the clients`]
    : [];
  return frame(context, {
    name: 'resume',
    title: 'Rolling restart of two nodes behind a round-robin proxy: what each reconnecting client got',
    subtitle,
    stepPrefix: 'resume',
    spec: {
      data: { values },
      width: WIDTH,
      height: HEIGHT * 0.7,
      mark: 'bar',
      encoding: {
        y: { field: 'step', type: 'nominal', title: null, sort: order },
        x: { field: 'clients', type: 'quantitative', title: 'reconnected clients' },
        color: { field: 'outcome', type: 'nominal', title: 'outcome', scale: { domain: ['resumed from its position', '$resync (full re-fetch)'], range: ['#54a24b', '#e45756'] } },
      },
    },
  });
}

function resumeLatency(context) {
  const rows = context.rowsOf('resume-latency');
  if (rows.length === 0) return null;
  const setups = { cluster: '2 nodes, positions from the broker stream', single: 'single node, no broker' };
  const phases = { steady: 'steady state', restarts: 'during the restarts (live events)' };
  const values = rows.flatMap(row =>
    ['p50', 'p99'].map(percentile => ({
      phase: phases[row.phase] ?? row.phase,
      setup: setups[row.setup] ?? row.setup,
      percentile,
      ms: row[`${percentile}Ms`],
    })),
  );
  return frame(context, {
    name: 'resume-latency',
    title: 'Live latency with resume on: two nodes through the broker against one node without it, same run',
    subtitle: [`${rows[0].clientsPerNode} clients per node, through the same proxy`],
    stepPrefix: 'resume',
    spec: {
      data: { values },
      facet: { column: { field: 'phase', type: 'nominal', title: null, sort: Object.values(phases), header: { labelFontSize: 12, labelFontWeight: 'bold' } } },
      spec: {
        width: WIDTH * 0.6,
        height: HEIGHT,
        mark: 'bar',
        encoding: {
          x: { field: 'percentile', type: 'nominal', title: null },
          xOffset: { field: 'setup', type: 'nominal', sort: Object.values(setups) },
          y: { field: 'ms', type: 'quantitative', title: 'latency, emit to client (ms)' },
          color: { field: 'setup', type: 'nominal', title: null, sort: Object.values(setups), scale: { domain: Object.values(setups), range: ['#4c78a8', '#9d9d9d'] } },
        },
      },
    },
  });
}
