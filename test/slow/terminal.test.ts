import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../lib/engine/package-root.js';
import { binEnvironment, binPath, folderListing, keptInYoRc, python3, temporaryFolder } from '../helpers.js';

/*
 * The interactive run in a real pseudo-terminal (Python's pty module): the prompts a user sees,
 * keys typed as a user types them, under the package's bin and under yo.
 */

const keys = { enter: '\r', up: '\u001b[A', down: '\u001b[B', ctrlC: '\u0003', no: 'n', yes: 'y' };

type Step = { readonly expect: string; readonly send: string } | { readonly expect: string; readonly signal: number };

interface TerminalRun {
  readonly status: number;
  readonly output: string;
  readonly raw: string;
  readonly missed: string | null;
}

function inTerminal(argv: string[], cwd: string, steps: Step[], env: NodeJS.ProcessEnv = binEnvironment()): TerminalRun {
  const request = { argv, cwd, env, steps, timeout: 60 };
  const result = spawnSync(python3(), [path.join(packageRoot, 'test', 'support', 'pty_run.py'), JSON.stringify(request)], { encoding: 'utf8', timeout: 90_000 });
  assert.equal(result.status, 0, result.stderr);
  const run = JSON.parse(result.stdout) as TerminalRun;
  assert.equal(run.missed, null, `the terminal never showed ${run.missed}:\n${run.output}`);
  return run;
}

// yo, run as root, switches to uid 1000: its HOME and the site folder must be that user's.
const asRoot = process.getuid?.() === 0;

/** A folder where `yo` finds this package (its node_modules), with a HOME of its own. */
function yoWorkspace(): { site: string; env: NodeJS.ProcessEnv } {
  const top = temporaryFolder('yo-terminal-');
  mkdirSync(path.join(top, 'node_modules'));
  symlinkSync(packageRoot, path.join(top, 'node_modules', 'generator-azure-python'));
  for (const folder of ['home', 'site']) mkdirSync(path.join(top, folder));
  if (asRoot) for (const folder of [top, path.join(top, 'home'), path.join(top, 'site')]) chownSync(folder, 1000, 1000);
  return { site: path.join(top, 'site'), env: { ...binEnvironment(), HOME: path.join(top, 'home'), NO_UPDATE_NOTIFIER: '1' } };
}

const yoCli = path.join(packageRoot, 'node_modules', 'yo', 'lib', 'cli.js');

/** Lines that are not blank, and not the prompt left on screen when it was cancelled. */
const shownLines = (output: string) => output.split('\n').map(line => line.trimEnd()).filter(line => line !== '');

describe('the interactive run, in a real terminal', function () {
  this.timeout(120_000);

  it('Enter at each question gives the default site, the same as --yes: five questions, four with --no-git', () => {
    const folder = temporaryFolder();
    const run = inTerminal([process.execPath, binPath, '--no-git'], folder, [
      { expect: 'Where the site runs', send: keys.enter },
      { expect: 'Web framework', send: keys.enter },
      { expect: 'Azure site name', send: keys.enter },
      { expect: 'Customise paths, runtime and routing\\?', send: keys.enter },
    ]);
    assert.equal(run.status, 0, run.output);
    assert.equal((run.output.match(/✔ (Where the site runs|Web framework|Azure site name|Customise)/g) ?? []).length, 4, run.output);
    const byYes = temporaryFolder();
    assert.equal(spawnSync(process.execPath, [binPath, '--yes', '--no-git'], { cwd: byYes, env: binEnvironment() }).status, 0);
    const answers = (folder: string) => {
      const { siteName: _siteName, siteRoot: _siteRoot, ...rest } = keptInYoRc(folder).answers;
      return rest;
    };
    assert.deepEqual(answers(folder), answers(byYes));
    assert.deepEqual(Object.keys(folderListing(folder)).sort(), Object.keys(folderListing(byYes)).sort());
  });

  it("the runtime list holds the chosen host's rows only: App Service on Linux's for linux", () => {
    const folder = temporaryFolder();
    const run = inTerminal([process.execPath, binPath, '--no-git'], folder, [
      { expect: 'Where the site runs', send: keys.up + keys.up },
      { expect: '❯ App Service on Linux', send: keys.enter },
      { expect: 'Web framework', send: keys.enter },
      { expect: 'Azure site name', send: keys.enter },
      { expect: 'Customise paths, runtime and routing\\?', send: keys.yes + keys.enter },
      { expect: '\\? Python module', send: keys.enter },
      { expect: '\\? WSGI callable in that module', send: keys.enter },
      { expect: 'Python runtime[^\\n]*\\n(.*?)↑↓', send: keys.enter },
      { expect: 'A deploy workflow', send: keys.enter },
    ]);
    assert.equal(run.status, 0, run.output);
    const list = /Python runtime[^\n]*\n(.*?)↑↓/s.exec(run.output)![1]!;
    assert.match(list, /Python 3\.12 \(App Service on Linux\)/);
    assert.doesNotMatch(list, /Azure built-in|site extension/);
    assert.equal(keptInYoRc(folder).answers.host, 'linux');
  });

  it('a host that cannot run a given --python is not in the list: only those that can, the first of them chosen by Enter', () => {
    const folder = temporaryFolder();
    const run = inTerminal([process.execPath, binPath, '--python', '3.12', '--no-git'], folder, [
      { expect: 'Where the site runs(.*?)↑↓', send: keys.enter },
      { expect: 'Web framework', send: keys.ctrlC },
    ]);
    const list = /Where the site runs(.*?)↑↓/s.exec(run.output)![1]!;
    assert.match(list, /❯ App Service on Linux/);
    assert.match(list, /IIS on your own Windows Server/, 'on iis --python does not apply: the Python is your own');
    assert.doesNotMatch(list, /Azure App Service on Windows/);
    assert.equal(run.status, 130);
  });

  it('Ctrl-C at a question, under the bin: one line, exit code 130, nothing written', () => {
    const folder = temporaryFolder();
    const run = inTerminal([process.execPath, binPath], folder, [
      { expect: 'Where the site runs', send: keys.enter },
      { expect: 'Web framework', send: keys.ctrlC },
    ]);
    assert.equal(run.status, 130);
    assert.equal(shownLines(run.output).at(-1), 'generator-azure-python: cancelled, nothing written');
    assert.doesNotMatch(run.output, /force closed|Error|SIGINT/);
    assert.deepEqual(readdirSync(folder), []);
  });

  it('SIGTERM at a question, under the bin: one line, exit code 143, nothing written', () => {
    const folder = temporaryFolder();
    const run = inTerminal([process.execPath, binPath], folder, [{ expect: 'Where the site runs', signal: 15 }]);
    assert.equal(run.status, 143);
    assert.match(run.output, /generator-azure-python: cancelled \(SIGTERM\), nothing written\s*$/);
    assert.deepEqual(readdirSync(folder), []);
  });

  it('Ctrl-C at a question, under yo: the same one line, exit code 130, nothing written', () => {
    const { site, env } = yoWorkspace();
    const run = inTerminal([process.execPath, yoCli, 'azure-python'], site, [
      { expect: 'Where the site runs', send: keys.enter },
      { expect: 'Web framework', send: keys.ctrlC },
    ], env);
    assert.equal(run.status, 130, run.output);
    assert.equal(shownLines(run.output).at(-1), 'generator-azure-python: cancelled, nothing written');
    assert.doesNotMatch(run.output, /force closed|Error|An error occured/);
    assert.deepEqual(readdirSync(site), []);
  });

  it('--yes in a terminal asks nothing without Yeoman; a change to an edited file hands the run to Yeoman, which asks', () => {
    const folder = temporaryFolder();
    const record = path.join(temporaryFolder(), 'loaded.txt');
    const env = { ...binEnvironment(), RECORD_LOADS: record };
    const argv = (...args: string[]) => [process.execPath, '--import', path.join(packageRoot, 'test', 'support', 'record-loads.mjs'), binPath, ...args];
    const loadedYeoman = () => /node_modules\/yeoman-environment\//.test(readFileSync(record, 'utf8'));
    writeFileSync(record, '');
    const first = inTerminal(argv('--yes', '--no-git'), folder, [], env);
    assert.equal(first.status, 0, first.output);
    assert.match(first.output, /create web\.config/);
    assert.match(first.raw, /\u001b\[32m {3}create\u001b\[39m web\.config/, 'in colour, on a terminal');
    assert.equal(loadedYeoman(), false, 'the direct engine ran it');
    const webConfig = path.join(folder, 'web.config');
    const edited = readFileSync(webConfig, 'utf8').replace(/scriptProcessor="[^"]*"/, 'scriptProcessor="D:\\Python27\\python.exe|D:\\Python27\\wfastcgi.py"');
    writeFileSync(webConfig, edited);
    const again = inTerminal(argv('--yes', '--no-git', '--python', '3.4'), folder, [{ expect: 'Overwrite web\\.config\\?', send: `${keys.no}${keys.enter}` }], env);
    assert.equal(again.status, 0, again.output);
    assert.match(again.output, /skip web\.config/);
    assert.equal(readFileSync(webConfig, 'utf8'), edited, 'declined: the user\'s file is as they left it');
    assert.equal(loadedYeoman(), true, 'Yeoman asked');
    // Said once: the lines of the run the direct engine began are not printed twice.
    assert.equal(again.output.match(/is there already: the site's entries go into it/g)?.length, 1, again.output);
  });

  it('a refused run under yo prints the one line the bin prints, and exits 1', () => {
    const { site, env } = yoWorkspace();
    const run = inTerminal([process.execPath, yoCli, 'azure-python', '--module', 'class', '--yes'], site, [], env);
    const bin = spawnSync(process.execPath, [binPath, '--module', 'class', '--yes'], { cwd: temporaryFolder(), env: binEnvironment(), encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.deepEqual(shownLines(run.output), [bin.stderr.trim()]);
    assert.deepEqual(readdirSync(site), []);
  });
});
