/*
 * `npm run test:versions`: `npm test` once on each Node.js release line users run besides the
 * machine's own. Each release is the `node-<platform>-<arch>` package from the npm registry,
 * unpacked once into a temporary folder and put first on PATH, so that npm, tsc, mocha and every
 * process the tests start run on it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One pinned release of each line `engines` allows besides 20 (the machine's): 22 and 24. */
const testedReleases = ['22.23.5', '24.22.3'];

const packageName = `node-${process.platform}-${process.arch}`;

/** The folder holding the `node` binary of `version`, fetched from the registry on first use. */
function nodeBinFolder(version: string): string {
  const folder = path.join(os.tmpdir(), 'generator-azure-python-node', version);
  const bin = path.join(folder, 'package', 'bin');
  if (existsSync(path.join(bin, 'node'))) return bin;
  mkdirSync(folder, { recursive: true });
  run('npm', ['pack', `${packageName}@${version}`, '--pack-destination', folder, '--silent'], {});
  const tarball = readdirSync(folder).find(file => file.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${packageName}@${version} gave no tarball in ${folder}`);
  run('tar', ['-xzf', tarball], { cwd: folder });
  return bin;
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): number {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const outcomes: string[] = [];
let failed = false;
for (const version of testedReleases) {
  const bin = nodeBinFolder(version);
  const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
  const reported = spawnSync('node', ['--version'], { env, encoding: 'utf8' }).stdout.trim();
  if (reported !== `v${version}`) throw new Error(`node on PATH is ${reported}, not v${version}`);
  console.log(`\n== npm test on Node.js ${version} ==\n`);
  const started = Date.now();
  const status = run('npm', ['test'], { env });
  failed ||= status !== 0;
  outcomes.push(`Node.js ${version}: npm test ${status === 0 ? 'passed' : `failed (exit ${status})`} in ${Math.round((Date.now() - started) / 1000)} s`);
}
console.log(`\n${outcomes.join('\n')}`);
process.exitCode = failed ? 1 : 0;
