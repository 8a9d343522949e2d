import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { colourful } from '../../lib/engine/run/output.js';
import { packageRoot } from '../../lib/engine/package-root.js';
import { binEnvironment, runBin, temporaryFolder } from '../helpers.js';

describe('the end message', () => {
  it("the end message gives the install step before the local run, and on Windows App Service what Azure offers today", () => {
    const folder = temporaryFolder();
    const flask = runBin(['--yes', '--no-git', '--framework', 'flask'], folder);
    assert.equal(flask.status, 0, flask.stderr);
    assert.match(flask.stdout + flask.stderr, /^Try it locally: python -m pip install -r requirements\.txt, then python ConfigurePython\/ConfigurePython\.py {2}\(then open http:\/\/localhost:8000\/\)$/m);
    assert.match(flask.stdout + flask.stderr, /Note: Azure no longer offers Python on Windows App Service to new sites: a new site belongs on App Service on Linux \(--host linux\), and an existing one moves there with generator-azure-python migrate\./);
    const linux = runBin(['--yes', '--no-git', '--host', 'linux'], temporaryFolder());
    assert.equal(linux.status, 0, linux.stderr);
    assert.doesNotMatch(linux.stdout + linux.stderr, /no longer offers/);
  });
});

describe('output: the package\'s own status words, colour only on a terminal', () => {
  it('piped, no escape codes; FORCE_COLOR asks for colour, NO_COLOR refuses it', () => {
    const piped = runBin(['--yes', '--no-git'], temporaryFolder(), { ...binEnvironment(), FORCE_COLOR: undefined, NO_COLOR: undefined });
    assert.equal(piped.status, 0, piped.stderr);
    assert.doesNotMatch(piped.stdout + piped.stderr, /\u001b\[/);
    const forced = runBin(['--yes', '--no-git'], temporaryFolder(), { ...binEnvironment(), FORCE_COLOR: '1', NO_COLOR: undefined });
    assert.match(forced.stderr, /\u001b\[32m {3}create\u001b\[39m web\.config/);
    assert.equal(colourful({ isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '1' }), false);
    assert.equal(colourful({ isTTY: true }, { FORCE_COLOR: '0' }), false);
    assert.equal(colourful({ isTTY: false }, {}), false);
    assert.equal(colourful({ isTTY: true }, {}), true);
  });

  it("no input, a pipe and a file are not terminals, and telling so loads no tty module (a terminal's colours are in the terminal test)", () => {
    const output = path.join(packageRoot, 'dist', 'lib', 'engine', 'run', 'output.js');
    const errors = path.join(temporaryFolder(), 'stderr.txt');
    const descriptor = openSync(errors, 'w');
    const script = `import(${JSON.stringify(output)}).then(({ isTerminal }) => console.log(JSON.stringify({ terminals: [0, 1, 2].map(isTerminal), tty: process.moduleLoadList.includes('NativeModule tty') })))`;
    try {
      const result = spawnSync(process.execPath, ['-e', script], { env: binEnvironment(), encoding: 'utf8', stdio: ['ignore', 'pipe', descriptor] });
      assert.equal(result.status, 0, readFileSync(errors, 'utf8'));
      // console.log made the standard output's stream, a pipe's: net, not tty.
      assert.deepEqual(JSON.parse(result.stdout), { terminals: [false, false, false], tty: false });
    } finally {
      closeSync(descriptor);
    }
  });

  it('says create, append, update and identical, never "force" for a file nobody asked to force', () => {
    const folder = temporaryFolder();
    writeFileSync(path.join(folder, '.gitignore'), 'node_modules/\n');
    const first = runBin(['--yes', '--framework', 'flask'], folder);
    assert.equal(first.status, 0, first.stderr);
    const lines = (text: string) => text.split('\n').filter(line => /^ {0,9}(create|append|update|identical|conflict|skip|force) /.test(line)).map(line => line.trim());
    assert.deepEqual(lines(first.stderr), [
      'create .yo-rc.json',
      'create ConfigurePython/ConfigurePython.py',
      'create requirements.txt',
      'create runtime.txt',
      'create web.config',
      'create handler.fcgi',
      'create static/hello.txt',
      'create azure/azuredeploy.json',
      'create README.md',
      'append .gitignore',
    ]);
    const again = runBin(['--yes', '--framework', 'flask', '--python', '3.4'], folder);
    assert.equal(again.status, 0, again.stderr);
    assert.ok(lines(again.stderr).includes('update web.config'), again.stderr);
    assert.ok(lines(again.stderr).includes('update .yo-rc.json'), again.stderr);
    assert.ok(lines(again.stderr).includes('identical ConfigurePython/ConfigurePython.py'), again.stderr);
    assert.ok(!lines(again.stderr).some(line => line.startsWith('force')), again.stderr);
  });
});
