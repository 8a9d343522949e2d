/**
 * `npm run bench`: what generating a site costs, against the floor of Yeoman itself and an
 * outside anchor (cookiecutter, when installed), with the goals beside the figures.
 *
 * Measures, interleaved round by round, the package bin generating a full site (no git) on its
 * direct engine and through Yeoman, `yo azure-python` doing the same, a minimal generator
 * (one template, one file) run through its own bin and through yo (Yeoman's floor), and
 * cookiecutter with a template the bench writes itself, shaped like the Azure web-app
 * cookiecutter (the same files, the same two hooks). Each run's wall and CPU time (user + sys)
 * and peak memory come from /usr/bin/time; ratios are taken pair by pair within a round, and
 * their median is printed with its range, so that a busy minute moves both sides of a pair.
 * Then generateSite() per site, warm, in one process; a merge into a large web.config; the
 * install footprint; the time to import each runtime dependency.
 *
 * Commands run without NODE_EXTRA_CA_CERTS (users' machines seldom set it; Node parses the
 * bundle at every start).
 *
 *   npm run bench                 7 measured rounds after 1 warm-up
 *   npm run bench -- --runs 15
 *   npm run bench -- --quick      1 round, no warm-up, small counts: checks that the bench works
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../lib/engine/package-root.js';
import { engineVariable } from '../lib/engine/run/direct.js';

const goals = {
  // The direct engine (no Yeoman loaded), a full default site: at most 0.3x cookiecutter's CPU time in the same sitting.
  directOverCookiecutter: 0.3,
  // Under Yeoman, our own work costs at most 10% over Yeoman's floor.
  overheadOverFloor: 1.1,
  binSpeedUpOverYo: 1.5,
  // generateSite() on the direct engine, warm: a default site in at most 5 ms; resident memory after 1,000 sites within 20 MB of after 100.
  msPerSite: 5,
  rssGrowthMb: 20,
  // A merge into a 10 MB web.config.
  mergeMs: 1500,
  mergePeakMb: 200,
};
// V8 doubles its young generation (two semi-spaces) each time what survived its young collections
// since the last doubling exceeds its size: up to 32 MB on Node 20 and 128 MB on Node 24. 8 MB
// semi-spaces hold it at the same speed a site.
const onboardingSemiSpaceMb = 8;
// What young collections promote of a finished run, a collection after each site: the test holds it under this.
const promotedKbPerSiteBound = 4;

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
const ourBin = path.join(packageRoot, 'dist', 'bin', 'start.cjs');
const inProcess = path.join(packageRoot, 'dist', 'bench', 'in-process.js');
const minimalBin = path.join(benchFolder, 'minimal-generator', 'bin.js');

interface Sample {
  readonly wallMs: number;
  /** User + system CPU time; undefined without /usr/bin/time. */
  readonly cpuMs: number | undefined;
  readonly rssMb: number;
}

interface Variant {
  readonly label: string;
  readonly short: string;
  /** The program, and its arguments. */
  readonly command: readonly string[];
  /** Set in its environment, over the bench's. */
  readonly environment?: NodeJS.ProcessEnv;
  readonly samples: Sample[];
}

const cookiecutter = ['/usr/bin/cookiecutter', '/usr/local/bin/cookiecutter'].find(candidate => existsSync(candidate));
const cookiecutterTemplate = cookiecutter ? writeCookiecutterTemplate(path.join(work, 'cookiecutter-azure-web-app')) : undefined;

const variants: Variant[] = [
  { short: 'a', label: 'bin: full site, no git (direct)', command: [process.execPath, ourBin, '.', '--yes', '--no-git'], samples: [] },
  { short: 'a-yeoman', label: 'bin: the same through Yeoman', command: [process.execPath, ourBin, '.', '--yes', '--no-git'], environment: { [engineVariable]: 'yeoman' }, samples: [] },
  { short: 'b', label: 'yo azure-python: the same', command: [process.execPath, yo, 'azure-python', '.', '--yes', '--no-git'], samples: [] },
  { short: 'c-bin', label: 'floor: minimal generator, own bin', command: [process.execPath, minimalBin], samples: [] },
  { short: 'c-yo', label: 'floor: yo bench-minimal', command: [process.execPath, yo, 'bench-minimal'], samples: [] },
  ...(cookiecutter && cookiecutterTemplate
    ? [{ short: 'k', label: 'cookiecutter, Azure web-app template', command: [cookiecutter, cookiecutterTemplate, '--no-input', '--output-dir', '.'], samples: [] }]
    : []),
];

const { NODE_EXTRA_CA_CERTS: _bundle, ...withoutBundle } = process.env;
const environment: NodeJS.ProcessEnv = {
  ...withoutBundle,
  HOME: home,
  NODE_PATH: lookup,
  NO_UPDATE_NOTIFIER: '1',
  // yo asks once whether it may send usage statistics: answered "no" without asking.
  YO_INSIGHT_OPT_OUT: '1',
  CI: 'true',
};

const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
let runNumber = 0;

function measure(variant: Variant): Sample {
  const target = userFolder(path.join(sites, String(runNumber++)));
  const figures = path.join(sites, `${runNumber}.time`);
  const [program, ...args] = variant.command;
  // /usr/bin/time: elapsed, user and system seconds, peak RSS in KB; without it, the wall time and node's own peak.
  const command = time ? [time, '-f', '%e %U %S %M', '-o', figures, program!, ...args] : [program!, ...(program === process.execPath ? ['--import', path.join(benchFolder, 'measure.mjs')] : []), ...args];
  const started = process.hrtime.bigint();
  const result = spawnSync(command[0]!, command.slice(1), { cwd: target, env: { ...environment, ...variant.environment, BENCH_RSS_FILE: figures }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${variant.label} failed:\n${result.stdout}\n${result.stderr}`);
  // Without /usr/bin/time only a node program reports its peak (measure.mjs).
  if (!time) return { wallMs, cpuMs: undefined, rssMb: existsSync(figures) ? Number(readFileSync(figures, 'utf8')) / 1024 : 0 };
  const [, user, system, rssKb] = readFileSync(figures, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wallMs, cpuMs: (user! + system!) * 1000, rssMb: rssKb! / 1024 };
}

/**
 * A cookiecutter template shaped like the Azure web-app cookiecutter
 * (brettcannon/python-azure-web-app-cookiecutter): its variables, its two hooks, and its seven
 * files (web.config, the static folder's web.config, the ARM template, the main module,
 * requirements, the post-deployment script, README), written here with contents of the bench's own.
 */
function writeCookiecutterTemplate(folder: string): string {
  const files: Record<string, string> = {
    'cookiecutter.json': `${JSON.stringify({ site_name: 'my-site', python_version: ['3.6', '3.5', '2.7'], cpu_arch: ['x64', 'x86'], main_module: 'app', site_type: ['wsgi', 'socket'], wsgi_app_object: 'app.app', requirements_filename: 'requirements.txt', static_assets_directory: 'static', post_deployment_scripts_directory: 'post-deployment', log_file_path: 'D:\\home\\LogFiles\\python.log' }, null, 2)}\n`,
    'hooks/pre_gen_project.py': "import re\nimport sys\n\nif not re.match(r'^[a-z0-9-]+$', '{{ cookiecutter.site_name }}'):\n    sys.exit('site_name: letters, digits and hyphens')\n",
    'hooks/post_gen_project.py': "import os\n\nprint('Created', os.getcwd())\n",
    '{{ cookiecutter.site_name }}/web.config': '<?xml version="1.0"?>\n<configuration>\n  <appSettings>\n    <add key="WSGI_HANDLER" value="{{ cookiecutter.wsgi_app_object }}" />\n  </appSettings>\n  <system.webServer>\n    <handlers>\n      <add name="Python" path="*" verb="*" modules="FastCgiModule" scriptProcessor="D:\\home\\python{{ cookiecutter.python_version | replace(\'.\', \'\') }}{{ cookiecutter.cpu_arch }}\\python.exe" resourceType="Unspecified" />\n    </handlers>\n  </system.webServer>\n</configuration>\n',
    '{{ cookiecutter.site_name }}/{{ cookiecutter.static_assets_directory }}/web.config': '<?xml version="1.0"?>\n<configuration>\n  <system.webServer>\n    <handlers>\n      <clear />\n      <add name="StaticFile" path="*" verb="*" modules="StaticFileModule" resourceType="File" requireAccess="Read" />\n    </handlers>\n  </system.webServer>\n</configuration>\n',
    '{{ cookiecutter.site_name }}/azuredeploy.json': '{ "$schema": "https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "parameters": { "siteName": { "type": "string", "defaultValue": "{{ cookiecutter.site_name }}" } }, "resources": [] }\n',
    '{{ cookiecutter.site_name }}/{{ cookiecutter.main_module }}.py': "def app(environ, start_response):\n    start_response('200 OK', [('Content-Type', 'text/plain')])\n    return [b'{{ cookiecutter.site_name }}']\n",
    '{{ cookiecutter.site_name }}/{{ cookiecutter.requirements_filename }}': '',
    '{{ cookiecutter.site_name }}/{{ cookiecutter.post_deployment_scripts_directory }}/install-requirements.ps1': "& D:\\home\\python{{ cookiecutter.python_version | replace('.', '') }}{{ cookiecutter.cpu_arch }}\\python.exe -m pip install -r {{ cookiecutter.requirements_filename }}\n",
    '{{ cookiecutter.site_name }}/README.md': '# {{ cookiecutter.site_name }}\n\nDeploy with git push azure master.\n',
  };
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), contents);
  }
  return folder;
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

/** The runtime dependencies no module of the package imports (its TypeScript sources: the bin's bundle inlines some). */
function unusedDependencies(): string[] {
  const sources: string[] = [];
  const collect = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) collect(full);
      else if (entry.name.endsWith('.ts')) sources.push(readFileSync(full, 'utf8'));
    }
  };
  for (const folder of ['bin', 'generators', 'lib']) collect(path.join(packageRoot, folder));
  const code = sources.join('\n');
  // The package itself, or one of its exported subpaths (mem-fs-editor/state).
  const imported = (name: string) => [`'${name}'`, `'${name}/`].some(quoted => ['from ', 'import(', 'require('].some(form => code.includes(`${form}${quoted}`)));
  return Object.keys(dependencies).filter(name => !imported(name));
}

/** The median of `values` and their range, as "1.23 (1.10-1.40)". */
function withRange(values: number[], digits = 2): string {
  return `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)})`;
}

/** A child node's one line of JSON from bench/in-process.js. */
function inProcessFigures(args: string[], nodeFlags: string[] = []): Record<string, number> {
  const output = execFileSync(process.execPath, ['--expose-gc', ...nodeFlags, inProcess, ...args], { env: withoutBundle, encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(output.trim().split('\n').pop()!) as Record<string, number>;
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
  console.log(
    `${runs} measured round${runs === 1 ? '' : 's'} of each after ${warmUps} warm-up, interleaved; NODE_EXTRA_CA_CERTS unset; ${time ? 'wall and CPU (user + sys) time and peak RSS from /usr/bin/time' : 'wall time and node\'s peak RSS (no /usr/bin/time: no CPU time)'}` +
      `${cookiecutter ? '' : '; cookiecutter is not installed (Debian: apt-get install cookiecutter), so there is no outside anchor'}\n`,
  );
  console.log(`${''.padEnd(11)}${'what'.padEnd(40)}${'wall'.padStart(10)}${'min-max'.padStart(16)}${'CPU'.padStart(10)}${'peak RSS'.padStart(12)}`);
  const byShort = Object.fromEntries(variants.map(variant => [variant.short, variant]));
  for (const variant of variants) {
    const walls = variant.samples.map(sample => sample.wallMs);
    const cpuTimes = variant.samples.map(sample => sample.cpuMs).filter((value): value is number => value !== undefined);
    const range = `${Math.min(...walls).toFixed(0)}-${Math.max(...walls).toFixed(0)} ms`;
    const cpuText = cpuTimes.length > 0 ? `${median(cpuTimes).toFixed(0)} ms` : 'n/a';
    const rss = `${median(variant.samples.map(sample => sample.rssMb)).toFixed(0)} MB`;
    console.log(`${`(${variant.short})`.padEnd(11)}${variant.label.padEnd(40)}${`${median(walls).toFixed(0)} ms`.padStart(10)}${range.padStart(16)}${cpuText.padStart(10)}${rss.padStart(12)}`);
  }
  // Pair by pair within a round: the CPU time where there is one, else the wall time.
  const paired = (over: string, under: string) =>
    byShort[over]!.samples.map((sample, round) => {
      const other = byShort[under]!.samples[round]!;
      return sample.cpuMs !== undefined && other.cpuMs !== undefined ? sample.cpuMs / other.cpuMs : sample.wallMs / other.wallMs;
    });
  const yeomanBinOverFloor = paired('a-yeoman', 'c-bin');
  const yoOverFloor = paired('b', 'c-yo');
  const binSpeedUp = paired('b', 'a');
  console.log(`\nratios of ${time ? 'CPU' : 'wall'} time, round by round: median (range)`);
  if (byShort.k) {
    const directOverCookiecutter = paired('a', 'k');
    console.log(`(a)/(k)        = ${withRange(directOverCookiecutter)}   goal: at most ${goals.directOverCookiecutter.toFixed(2)} (the direct engine against cookiecutter)   ${check(median(directOverCookiecutter) <= goals.directOverCookiecutter)}`);
  } else {
    console.log(`(a)/(k)        : no cookiecutter here, so the goal of at most ${goals.directOverCookiecutter.toFixed(2)} is not measured`);
  }
  console.log(`(a-yeoman)/(c-bin) = ${withRange(yeomanBinOverFloor)}   goal: at most ${goals.overheadOverFloor.toFixed(2)} (under Yeoman, our work costs at most 10% over its floor)   ${check(median(yeomanBinOverFloor) <= goals.overheadOverFloor)}`);
  console.log(`(b)/(c-yo)     = ${withRange(yoOverFloor)}   goal: at most ${goals.overheadOverFloor.toFixed(2)}   ${check(median(yoOverFloor) <= goals.overheadOverFloor)}`);
  console.log(`(b)/(a)        = ${withRange(binSpeedUp)}   goal: at least ${goals.binSpeedUpOverYo.toFixed(2)} (the bin is 1.5x faster than yo)   ${check(median(binSpeedUp) >= goals.binSpeedUpOverYo)}`);
  if (byShort.k) console.log(`(c-bin)/(k)    = ${withRange(paired('c-bin', 'k'))}   Yeoman's floor against cookiecutter (an anchor, no goal)`);

  const siteCount = flags.quick ? 20 : 1000;
  const sitesFigures = inProcessFigures(['sites', String(siteCount)]);
  console.log(`\ngenerateSite(), warm, ${siteCount} default sites in one process (no git):`);
  console.log(`  per site: ${sitesFigures.medianMs!.toFixed(1)} ms (median)   goal: at most ${goals.msPerSite} ms   ${check(sitesFigures.medianMs! <= goals.msPerSite)}`);
  console.log(
    `  resident memory growth from site ${sitesFigures.early} to site ${siteCount}: ${sitesFigures.rssGrowthMb!.toFixed(1)} MB   goal: at most ${goals.rssGrowthMb} MB (flat)   ${check(sitesFigures.rssGrowthMb! <= goals.rssGrowthMb)}`,
  );
  console.log(`  of which the JavaScript heap (live objects, after a collection): ${sitesFigures.heapGrowthMb!.toFixed(1)} MB; the rest is V8's own room (its young generation, doubled by what survives young collections, and old-generation pages kept between full ones)`);
  const promoted = inProcessFigures(['promoted', String(flags.quick ? 20 : 200)]);
  console.log(
    `  kept of a finished run by young collections (one after each site, no full one): ${promoted.promotedKbPerSite!.toFixed(1)} KB a site, promoted   held under ${promotedKbPerSiteBound} KB by a test   ${check(promoted.fullCollections === 0 && promoted.promotedKbPerSite! < promotedKbPerSiteBound)}`,
  );
  // The same run with V8's young generation held small: what a long onboarding run can pass to node itself.
  const heldYoungGeneration = inProcessFigures(['sites', String(siteCount)], [`--max-semi-space-size=${onboardingSemiSpaceMb}`]);
  console.log(
    `  the same in node --max-semi-space-size=${onboardingSemiSpaceMb}: ${heldYoungGeneration.rssGrowthMb!.toFixed(1)} MB, ${heldYoungGeneration.medianMs!.toFixed(1)} ms per site (no goal: node's flag, not the package's)`,
  );

  const generatedSite = userFolder(path.join(sites, 'merge-source'));
  execFileSync(process.execPath, [ourBin, '.', '--yes', '--no-git'], { cwd: generatedSite, env: environment, stdio: 'pipe' });
  console.log('merge of the generated web.config into a user\'s with thousands of rules (peak RSS of the process):');
  for (const megabytes of flags.quick ? [1] : [1, 10]) {
    const merged = inProcessFigures(['merge', String(megabytes), path.join(generatedSite, 'web.config')]);
    const goal = megabytes === 10 ? `   goal: under ${goals.mergeMs} ms and ${goals.mergePeakMb} MB   ${check(merged.ms! < goals.mergeMs && merged.peakMb! < goals.mergePeakMb)}` : '';
    console.log(`  ${`${megabytes} MB`.padStart(6)} (${merged.rules} rules): ${merged.ms!.toFixed(0)} ms, ${merged.cpuMs!.toFixed(0)} ms CPU, ${merged.peakMb!.toFixed(0)} MB${goal}`);
  }

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
