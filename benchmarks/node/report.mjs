// scripts/bench's report: gathers a run into one results file and draws the charts from it.
//   node report.mjs collect <runDir> <results.json>
//   node report.mjs charts <results.json> <outDir>     writes <outDir>/<chart>.svg and README.md,
//                                                      the charts with their figures as tables
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chartSpecs, renderSvg } from './report/charts.mjs';
import { collectRun } from './report/collect.mjs';
import { resultsPage } from './report/tables.mjs';

async function main([command, from, to]) {
  if (command === 'collect' && from && to) {
    const results = collectRun(from);
    writeFileSync(to, `${JSON.stringify(results, null, 1)}\n`);
    console.log(`${to}: ${results.rows.length} rows from ${results.steps.length} steps`);
  } else if (command === 'charts' && from && to) {
    const results = JSON.parse(readFileSync(from, 'utf8'));
    mkdirSync(to, { recursive: true });
    const charts = chartSpecs(results);
    for (const chart of charts) {
      writeFileSync(join(to, `${chart.name}.svg`), await renderSvg(chart.spec));
      console.log(`${join(to, `${chart.name}.svg`)}: ${chart.title}`);
    }
    const page = resultsPage(results, charts.map(chart => chart.name), relative(to, from));
    writeFileSync(join(to, 'README.md'), page);
    console.log(`${join(to, 'README.md')}: the figures as tables`);
  } else {
    console.error('usage: node report.mjs collect <runDir> <results.json> | charts <results.json> <outDir>');
    process.exitCode = 2;
  }
}

await main(process.argv.slice(2));
