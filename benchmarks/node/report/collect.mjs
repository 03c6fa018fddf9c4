// Gathers one scripts/bench run folder into one results object: the run's identity (meta.tsv),
// the steps it ran (steps.tsv: name, status, seconds, command), the load tools' rows (rows.jsonl,
// written through ResultRows) and JMH's JSON results reduced to rows of the same shape.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const RESULTS_FORMAT = 1;

/** The results of the run in `runDir`, ready to write as JSON. */
export function collectRun(runDir) {
  const rows = [
    ...readJsonLines(join(runDir, 'rows.jsonl')),
    ...jmhRows(join(runDir, 'jmh-emit.json')),
    ...jmhRows(join(runDir, 'jmh-codec.json')),
  ];
  return { format: RESULTS_FORMAT, meta: readMeta(join(runDir, 'meta.tsv')), steps: readSteps(join(runDir, 'steps.tsv')), rows };
}

function readMeta(file) {
  const meta = {};
  for (const [key, ...rest] of tabbedLines(file)) {
    meta[key] = rest.join('\t');
  }
  if (meta.cores !== undefined) meta.cores = Number(meta.cores);
  if (meta.memoryGiB !== undefined) meta.memoryGiB = Number(meta.memoryGiB);
  if (meta.dirty !== undefined) meta.dirty = meta.dirty === 'true';
  return meta;
}

function readSteps(file) {
  return tabbedLines(file).map(([name, status, seconds, ...command]) => ({
    name,
    status,
    seconds: Number(seconds),
    command: command.join('\t'),
  }));
}

function tabbedLines(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(line => line.trim() !== '')
    .map(line => line.split('\t'));
}

function readJsonLines(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(line => line.trim() !== '')
    .map((line, index) => {
      try {
        return JSON.parse(line);
      } catch (error) {
        throw new Error(`${file}:${index + 1}: not a JSON row (${error.message})`);
      }
    });
}

// CodecBenchmark's methods are <library><Operation>: codecEncode, codec3Decode, mapperDecode, mapper3Encode...
const CODEC_LIBRARIES = { codec: 'herald', codec3: 'herald-jackson-3', mapper: 'jackson-databind', mapper3: 'jackson-databind-3', avaje: 'avaje-jsonb' };

/** JMH's JSON results as rows: `emit` (ns per emit by listeners) and `codec` (ops/µs). */
export function jmhRows(file) {
  if (!existsSync(file)) return [];
  const rows = [];
  for (const result of JSON.parse(readFileSync(file, 'utf8'))) {
    const [benchmarkClass, method] = result.benchmark.split('.').slice(-2);
    const metric = result.primaryMetric;
    const measured = { score: metric.score, error: finiteOrNull(metric.scoreError), unit: metric.scoreUnit };
    if (benchmarkClass === 'EmitBenchmark') {
      rows.push({ suite: 'emit', listeners: Number(result.params.listeners), ...measured });
    } else if (benchmarkClass === 'CodecBenchmark') {
      const operation = method.endsWith('Encode') ? 'encode' : 'decode';
      const library = CODEC_LIBRARIES[method.slice(0, -operation.length)] ?? method;
      rows.push({ suite: 'codec', event: result.params.event, library, operation, ...measured });
    }
  }
  return rows;
}

// JMH writes NaN for the error of a single iteration, which JSON cannot hold.
function finiteOrNull(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
