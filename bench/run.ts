/**
 * `npm run bench`: what generating a site costs, against the floor of Yeoman itself.
 *
 * Measures, in one sitting and interleaved round by round, the package bin and `yo
 * azure-python` generating a full site (no git), and a minimal generator (one template, one
 * file) run the same two ways. Then the install footprint of the packed package, and the
 * time to import each runtime dependency. Prints the figures with the goals beside them.
 *
 *   npm run bench                 7 measured runs after 1 warm-up
 *   npm run bench -- --runs 15
 *   npm run bench -- --quick      1 run, no warm-up: checks that the bench works
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../lib/engine/package-root.js';

const goals = { overheadOverFloor: 1.1, binSpeedUpOverYo: 1.5 };

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean', default: false }, runs: { type: 'string', default: '7' } } });
const runs = flags.quick ? 1 : Math.max(1, Number.parseInt(flags.runs, 10) || 7);
const warmUps = flags.quick ? 0 : 1;

const benchFolder = path.join(packageRoot, 'bench');
const work = mkdtempSync(path.join(tmpdir(), 'azure-python-bench-'));
// yo refuses to run as root: it switches to uid 1000, which must be able to write here.
const asRoot = process.getuid?.() === 0;

function userFolder(folder: string): string {
  mkdirSync(folder, { recursive: true });
  chmodSync(folder, 0o755);
  if (asRoot) chownSync(folder, 1000, 1000);
  return folder;
}

userFolder(work);
const home = userFolder(path.join(work, 'home'));
const sites = userFolder(path.join(work, 'sites'));
// yo finds generators on NODE_PATH: this folder holds both, as links to where they are.
const lookup = path.join(work, 'lookup');
mkdirSync(lookup);
symlinkSync(packageRoot, path.join(lookup, 'generator-azure-python'));
symlinkSync(path.join(benchFolder, 'minimal-generator'), path.join(lookup, 'generator-bench-minimal'));

const yo = path.join(packageRoot, 'node_modules', 'yo', 'lib', 'cli.js');
const ourBin = path.join(packageRoot, 'dist', 'bin', 'generator-azure-python.js');
const minimalBin = path.join(benchFolder, 'minimal-generator', 'bin.js');

interface Variant {
  readonly label: string;
  readonly short: string;
  /** The script node runs, and its arguments. */
  readonly command: readonly string[];
  readonly samples: { ms: number; rssMb: number }[];
}

const variants: Variant[] = [
  { short: 'a', label: 'bin: full site, no git', command: [ourBin, '.', '--yes', '--no-git'], samples: [] },
  { short: 'b', label: 'yo azure-python: the same', command: [yo, 'azure-python', '.', '--yes', '--no-git'], samples: [] },
  { short: 'c-bin', label: 'floor: minimal generator, own bin', command: [minimalBin], samples: [] },
  { short: 'c-yo', label: 'floor: yo bench-minimal', command: [yo, 'bench-minimal'], samples: [] },
];

const environment: NodeJS.ProcessEnv = {
  ...process.env,
  HOME: home,
  NODE_PATH: lookup,
  NO_UPDATE_NOTIFIER: '1',
  // yo asks once whether it may send usage statistics: answered "no" without asking.
  YO_INSIGHT_OPT_OUT: '1',
  CI: 'true',
};

let runNumber = 0;

function measure(variant: Variant): { ms: number; rssMb: number } {
  const target = userFolder(path.join(sites, String(runNumber++)));
  const rssFile = path.join(sites, `${runNumber}.rss`);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', path.join(benchFolder, 'measure.mjs'), ...variant.command], {
    cwd: target,
    env: { ...environment, BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${variant.label} failed:\n${result.stdout}\n${result.stderr}`);
  const rssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
  return { ms, rssMb };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const check = (holds: boolean) => (holds ? 'holds' : 'MISSED');

/** Packages and bytes on disk below a node_modules folder. */
function footprintOf(nodeModules: string): { packages: number; bytes: number } {
  let packages = 0;
  let bytes = 0;
  const visit = (folder: string, inNodeModules: boolean) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        const isPackage = inNodeModules && !entry.name.startsWith('@') && !entry.name.startsWith('.');
        if (isPackage) packages++;
        visit(full, entry.name === 'node_modules' || (inNodeModules && entry.name.startsWith('@')));
      } else {
        bytes += statSync(full).blocks * 512;
      }
    }
  };
  visit(nodeModules, true);
  return { packages, bytes };
}

function installFootprint(): { packages: number; megabytes: number; seconds: number } {
  const packed = path.join(work, 'packed');
  mkdirSync(packed);
  const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', packed, '--loglevel=error'], {
    cwd: packageRoot,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop()!;
  const into = path.join(work, 'installed');
  mkdirSync(into);
  const started = process.hrtime.bigint();
  execFileSync('npm', ['install', '--prefix', into, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', path.join(packed, tarball)], {
    stdio: 'pipe',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { packages, bytes } = footprintOf(path.join(into, 'node_modules'));
  return { packages, megabytes: bytes / 1024 / 1024, seconds };
}

const { dependencies } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

/** Milliseconds to import `name` in a fresh node, the median of three. */
function importTime(name: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(name)}); console.log(performance.now() - t);`;
  const times = [0, 1, 2].map(() =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: packageRoot, encoding: 'utf8' }).trim()),
  );
  return median(times);
}

/** The runtime dependencies no compiled module of the package imports. */
function unusedDependencies(): string[] {
  const sources: string[] = [];
  const collect = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) collect(full);
      else if (entry.name.endsWith('.js')) sources.push(readFileSync(full, 'utf8'));
    }
  };
  for (const folder of ['bin', 'generators', 'lib']) collect(path.join(packageRoot, 'dist', folder));
  const code = sources.join('\n');
  // The package itself, or one of its exported subpaths (mem-fs-editor/state).
  const imported = (name: string) => [`'${name}'`, `'${name}/`].some(quoted => ['from ', 'import(', 'require('].some(form => code.includes(`${form}${quoted}`)));
  return Object.keys(dependencies).filter(name => !imported(name));
}

try {
  for (let round = 0; round < warmUps + runs; round++) {
    for (const variant of variants) {
      const sample = measure(variant);
      if (round >= warmUps) variant.samples.push(sample);
    }
  }
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(`generator-azure-python benchmark: Node ${process.version}, ${process.platform} ${process.arch}, ${cpus().length} x ${cpu}`);
  console.log(`${runs} measured run${runs === 1 ? '' : 's'} of each after ${warmUps} warm-up, interleaved; wall time from spawn to exit, peak RSS of the process\n`);
  console.log(`${''.padEnd(8)}${'what'.padEnd(38)}${'median'.padStart(10)}${'min-max'.padStart(16)}${'peak RSS'.padStart(12)}`);
  const medians: Record<string, number> = {};
  for (const variant of variants) {
    const times = variant.samples.map(sample => sample.ms);
    medians[variant.short] = median(times);
    const range = `${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)} ms`;
    const rss = `${median(variant.samples.map(sample => sample.rssMb)).toFixed(0)} MB`;
    console.log(`${`(${variant.short})`.padEnd(8)}${variant.label.padEnd(38)}${`${medians[variant.short]!.toFixed(0)} ms`.padStart(10)}${range.padStart(16)}${rss.padStart(12)}`);
  }
  const binOverFloor = medians.a! / medians['c-bin']!;
  const yoOverFloor = medians.b! / medians['c-yo']!;
  const binSpeedUp = medians.b! / medians.a!;
  console.log('');
  console.log(`(a)/(c-bin) = ${binOverFloor.toFixed(2)}   goal: at most ${goals.overheadOverFloor.toFixed(2)} (our work costs at most 10% over the floor)   ${check(binOverFloor <= goals.overheadOverFloor)}`);
  console.log(`(b)/(c-yo)  = ${yoOverFloor.toFixed(2)}   goal: at most ${goals.overheadOverFloor.toFixed(2)}   ${check(yoOverFloor <= goals.overheadOverFloor)}`);
  console.log(`(b)/(a)     = ${binSpeedUp.toFixed(2)}   goal: at least ${goals.binSpeedUpOverYo.toFixed(2)} (the bin is 1.5x faster than yo)   ${check(binSpeedUp >= goals.binSpeedUpOverYo)}`);

  const footprint = installFootprint();
  console.log(
    `\ninstall footprint of the packed package: ${footprint.packages} packages, ${footprint.megabytes.toFixed(1)} MB on disk (npm install from the cache: ${footprint.seconds.toFixed(1)} s)`,
  );
  console.log('import time of each runtime dependency (fresh node, median of 3):');
  for (const name of Object.keys(dependencies)) console.log(`  ${name.padEnd(22)}${`${importTime(name).toFixed(0)} ms`.padStart(8)}`);
  const unused = unusedDependencies();
  console.log(
    `runtime dependencies the package's code does not import: ${unused.length === 0 ? 'none' : unused.join(', ')}   goal: none (each is named with its reason in the README)   ${check(unused.length === 0)}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
