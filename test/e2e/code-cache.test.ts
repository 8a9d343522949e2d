import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../lib/engine/package-root.js';
import { binEnvironment, folderListing, temporaryFolder } from '../helpers.js';

/**
 * The bin keeps V8's code cache of its bundle in the package's .cache folder. Run here from a
 * copy of the built package (its bin, bundles, templates and packages), so that the cache these
 * tests make and spoil is the copy's.
 */
function packageCopy(): string {
  const root = temporaryFolder('azure-python-package-');
  mkdirSync(path.join(root, 'dist', 'bin'), { recursive: true });
  for (const file of ['start.cjs', 'cli.cjs', 'commands.cjs', 'yeoman.js']) copyFileSync(path.join(packageRoot, 'dist', 'bin', file), path.join(root, 'dist', 'bin', file));
  copyFileSync(path.join(packageRoot, 'package.json'), path.join(root, 'package.json'));
  for (const folder of ['templates', 'node_modules', 'python']) symlinkSync(path.join(packageRoot, folder), path.join(root, folder));
  return root;
}

function run(root: string, args: string[], environment: NodeJS.ProcessEnv = {}) {
  // The same folder name each time: the site's name is the folder's.
  const site = path.join(temporaryFolder(), 'site');
  mkdirSync(site);
  const result = spawnSync(process.execPath, [path.join(root, 'dist', 'bin', 'start.cjs'), ...args], {
    cwd: site,
    env: { ...binEnvironment(), ...environment },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.replaceAll(site, '<site>'), files: folderListing(site) };
}

const cacheFolder = (root: string) => path.join(root, '.cache');
const cacheFiles = (root: string) => (existsSync(cacheFolder(root)) ? readdirSync(cacheFolder(root)) : []);

describe("the bin's code cache", () => {
  it('is made by the first run that succeeds, then read and left alone; the site is the same either way', () => {
    const root = packageCopy();
    const refused = run(root, ['--python', '1.0', '--yes']);
    assert.equal(refused.status, 1);
    assert.deepEqual(cacheFiles(root), [], 'a refused run makes no cache');

    const first = run(root, ['--yes', '--no-git']);
    assert.equal(first.status, 0, first.stderr);
    assert.deepEqual(cacheFiles(root), [`cli-${process.version}-${process.arch}.v8`]);
    const cache = path.join(cacheFolder(root), cacheFiles(root)[0]!);
    const made = statSync(cache).mtimeMs;
    const bundle = statSync(path.join(root, 'dist', 'bin', 'cli.cjs'));
    assert.equal(readFileSync(cache, 'latin1').split('\n')[0], `${bundle.size} ${bundle.mtimeMs}`, 'the cache names the bundle it was made from');

    const second = run(root, ['--yes', '--no-git']);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(statSync(cache).mtimeMs, made, 'a cache V8 accepts is not written again');
    assert.deepEqual(second.files, first.files);
    assert.equal(second.stderr, first.stderr);

    const uncached = run(root, ['--yes', '--no-git'], { NODE_DISABLE_COMPILE_CACHE: '1' });
    assert.deepEqual(uncached.files, first.files);
    assert.equal(uncached.stderr, first.stderr);
  });

  it("is not read when it names another bundle, and is made again", () => {
    const root = packageCopy();
    assert.equal(run(root, ['--yes', '--no-git']).status, 0);
    const cache = path.join(cacheFolder(root), cacheFiles(root)[0]!);
    // Another bundle of the same length (V8's own check): the stamp differs.
    const [, ...data] = readFileSync(cache, 'latin1').split('\n');
    writeFileSync(cache, Buffer.from(['0 0', ...data].join('\n'), 'latin1'));
    const result = run(root, ['--yes', '--no-git']);
    assert.equal(result.status, 0, result.stderr);
    const bundle = statSync(path.join(root, 'dist', 'bin', 'cli.cjs'));
    assert.equal(readFileSync(cache, 'latin1').split('\n')[0], `${bundle.size} ${bundle.mtimeMs}`);
  });

  it("serves a run that goes through Yeoman, whose bundle the bin's imports", () => {
    const root = packageCopy();
    assert.equal(run(root, ['--yes', '--no-git']).status, 0);
    const direct = run(root, ['--yes', '--no-git', '--framework', 'flask']);
    const yeoman = run(root, ['--yes', '--no-git', '--framework', 'flask'], { GENERATOR_AZURE_PYTHON_ENGINE: 'yeoman' });
    assert.equal(yeoman.status, 0, yeoman.stderr);
    assert.deepEqual(yeoman.files, direct.files);
    assert.doesNotMatch(yeoman.stderr, /ExperimentalWarning|dynamic import/);
  });

  it("keeps the commands' bundle apart: a run that generates a site makes no cache of it, and the doctor's first run does", () => {
    const root = packageCopy();
    assert.equal(run(root, ['--yes', '--no-git']).status, 0);
    assert.deepEqual(cacheFiles(root), [`cli-${process.version}-${process.arch}.v8`]);
    const site = path.join(temporaryFolder(), 'site');
    mkdirSync(site);
    const bin = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'dist', 'bin', 'start.cjs'), ...args], { env: binEnvironment(), encoding: 'utf8' });
    const generated = bin(site, '--yes', '--no-git');
    assert.equal(generated.status, 0, generated.stderr);
    const doctor = bin('doctor', site, '--no-import');
    assert.equal(doctor.status, 0, doctor.stderr);
    assert.match(doctor.stdout, /^PASS /m);
    assert.deepEqual(cacheFiles(root).sort(), [`cli-${process.version}-${process.arch}.v8`, `commands-${process.version}-${process.arch}.v8`]);
    assert.equal(bin('doctor', site, '--no-import').stdout, doctor.stdout, 'the doctor from its cache says the same');
  });

  it('is done without, and the run unharmed, when it cannot be written', () => {
    const root = packageCopy();
    // A file where the cache's folder would be: as a package folder the user cannot write to, the write fails.
    writeFileSync(cacheFolder(root), '');
    const result = run(root, ['--yes', '--no-git']);
    assert.equal(result.status, 0, result.stderr);
    assert.ok('web.config' in result.files);
    assert.equal(readFileSync(cacheFolder(root), 'utf8'), '');
  });
});
