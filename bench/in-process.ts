/**
 * The bench's figures measured inside one node process, run by bench/run.ts as a child of its
 * own so that its peak memory is its own:
 *
 *   node dist/bench/in-process.js sites <count>    generateSite() of <count> default sites, warm
 *   node dist/bench/in-process.js promoted <count>  what young collections promote of each of <count> runs
 *   node dist/bench/in-process.js merge <megabytes> <generated web.config>
 *                                                 a merge of that web.config into a user's of that size
 *
 * Prints one line of JSON.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { mergeWebConfig } from '../lib/iis/merge.js';

const [what = 'sites', amount = '100'] = process.argv.slice(2);
const work = mkdtempSync(path.join(tmpdir(), 'azure-python-bench-'));
const quiet = () => {};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function sites(count: number): Promise<void> {
  const { generateSite } = await import('../lib/api.js');
  // Warm: the first sites load the modules and compile the templates.
  for (let index = 0; index < 5; index++) await generateSite({ destination: path.join(work, `warm-${index}`), git: false, log: quiet });
  const times: number[] = [];
  // The resident memory after the 100th site (or a tenth of a short run) and after the last.
  const early = Math.min(99, Math.floor(count / 10));
  const rssAt: number[] = [];
  const heapAt: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    const destination = path.join(work, String(index));
    await generateSite({ destination, git: false, log: quiet });
    times.push(performance.now() - started);
    rmSync(destination, { recursive: true, force: true });
    if (index === early || index === count - 1) {
      globalThis.gc?.();
      rssAt.push(process.memoryUsage().rss / 1024 / 1024);
      heapAt.push(process.memoryUsage().heapUsed / 1024 / 1024);
    }
  }
  console.log(JSON.stringify({ count, medianMs: median(times), early: early + 1, rssGrowthMb: rssAt[1]! - rssAt[0]!, heapGrowthMb: heapAt[1]! - heapAt[0]!, peakMb: process.resourceUsage().maxRSS / 1024 }));
}

/**
 * A young collection after each site, and no full one: what a finished run leaves reachable to
 * young collections is still there at the next, and is promoted into the old generation (which
 * grows across that collection), to be freed by a full collection only. Enough of it, and V8
 * doubles its young generation: the resident memory of a long run. Node's GC profiler records
 * each collection natively, so the measure allocates nothing of its own.
 */
async function promoted(count: number): Promise<void> {
  const { generateSite } = await import('../lib/api.js');
  const collect = globalThis.gc!;
  const site = async (name: string) => {
    const destination = path.join(work, name);
    await generateSite({ destination, git: false, log: quiet });
    rmSync(destination, { recursive: true, force: true });
    collect({ type: 'minor' });
  };
  // Warm: the code compiled and optimised, and the old generation cleared, before the measure.
  for (let index = 0; index < 150; index++) await site(`warm-${index}`);
  collect();
  const profiler = new v8.GCProfiler();
  profiler.start();
  for (let index = 0; index < count; index++) await site(String(index));
  const { statistics } = profiler.stop();
  type Heap = (typeof statistics)[number]['afterGC'];
  const oldGeneration = (heap: Heap) =>
    heap.heapSpaceStatistics.filter(space => space.spaceName === 'old_space' || space.spaceName === 'large_object_space').reduce((sum, space) => sum + space.spaceUsedSize, 0);
  const young = statistics.filter(collection => collection.gcType === 'Scavenge');
  const promotedBytes = young.reduce((sum, collection) => sum + oldGeneration(collection.afterGC) - oldGeneration(collection.beforeGC), 0);
  console.log(JSON.stringify({ count, promotedKbPerSite: promotedBytes / count / 1024, fullCollections: statistics.length - young.length }));
}

async function merge(megabytes: number, generatedFile: string): Promise<void> {
  // Read, not generated here: the figure is the merge's alone.
  const generated = readFileSync(generatedFile, 'utf8');
  // A user's web.config grown large the way real ones do: thousands of redirect rules of their own.
  const rules: string[] = [];
  let size = 0;
  for (let index = 0; size < megabytes * 1_000_000; index++) {
    const rule = `        <rule name="Old page ${index}" stopProcessing="true">\n          <match url="^old/page-${index}\\.html$" />\n          <action type="Redirect" url="new/page-${index}" redirectType="Permanent" />\n        </rule>\n`;
    rules.push(rule);
    size += rule.length;
  }
  const ruleCount = rules.length;
  const lastRule = rules.at(-1)!;
  const existing = `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <system.webServer>\n    <rewrite>\n      <rules>\n${rules.join('')}      </rules>\n    </rewrite>\n  </system.webServer>\n</configuration>\n`;
  // The figures are the merge's: what the bench made to build the file is let go first.
  rules.length = 0;
  globalThis.gc?.();
  const before = process.resourceUsage().maxRSS;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const merged = mergeWebConfig(existing, generated, 'web.config');
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (!merged.text.includes(lastRule)) throw new Error('the merge lost the user\'s rules');
  console.log(JSON.stringify({ megabytes: existing.length / 1e6, rules: ruleCount, ms, cpuMs: (used.user + used.system) / 1000, peakMb: process.resourceUsage().maxRSS / 1024, baseMb: before / 1024 }));
}

try {
  if (what === 'sites') await sites(Number(amount));
  else if (what === 'promoted') await promoted(Number(amount));
  else await merge(Number(amount), process.argv[4]!);
} finally {
  rmSync(work, { recursive: true, force: true });
}
