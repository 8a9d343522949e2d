import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { git, readText, runGenerator, temporaryFolder } from './helpers.js';

const remote = 'https://me@my-site.scm.azurewebsites.net/my-site.git';

function committedFiles(folder: string): string[] {
  return git(folder, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n').sort();
}

describe('git generator', () => {
  it('creates a repository, commits exactly the generated files and adds the azure remote', async () => {
    const result = await runGenerator('app', { yes: true, remote }, { args: ['my-site'] });
    const site = path.join(result.cwd, 'my-site');
    assert.equal(git(site, 'rev-parse', '--show-toplevel'), site);
    assert.deepEqual(committedFiles(site), [
      '.gitignore',
      '.yo-rc.json',
      'ConfigurePython/ConfigurePython.py',
      'handler.fcgi',
      'web.config',
    ]);
    assert.equal(git(site, 'status', '--porcelain'), '');
    assert.equal(git(site, 'remote', 'get-url', 'azure'), remote);
    assert.match(readText(site, '.gitignore'), /^__pycache__\/$/m);
  });

  it('in an existing repository: no re-init, no commit of user files, existing remote kept', async () => {
    const folder = temporaryFolder();
    git(folder, 'init', '-q');
    writeFileSync(path.join(folder, 'notes.txt'), 'committed by the user\n');
    git(folder, 'add', 'notes.txt');
    git(folder, 'commit', '-qm', 'user commit');
    git(folder, 'remote', 'add', 'azure', 'https://other@elsewhere.scm.azurewebsites.net/elsewhere.git');
    writeFileSync(path.join(folder, 'notes.txt'), 'modified, not committed\n');
    writeFileSync(path.join(folder, 'staged.txt'), 'staged by the user\n');
    git(folder, 'add', 'staged.txt');
    writeFileSync(path.join(folder, 'untracked.txt'), 'untracked\n');
    writeFileSync(path.join(folder, '.gitignore'), 'node_modules/\n*.log\n');

    await runGenerator('app', { yes: true, remote }, { folder });

    assert.equal(git(folder, 'rev-list', '--count', 'HEAD'), '2', 'one new commit on top of the user\'s');
    assert.deepEqual(git(folder, 'show', '--name-only', '--format=', 'HEAD').split('\n').sort(), [
      '.yo-rc.json',
      'ConfigurePython/ConfigurePython.py',
      'handler.fcgi',
      'web.config',
    ]);
    assert.equal(git(folder, 'remote', 'get-url', 'azure'), 'https://other@elsewhere.scm.azurewebsites.net/elsewhere.git');
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: folder, encoding: 'utf8' });
    assert.deepEqual(status.split('\n').filter(Boolean).sort(), [' M notes.txt', '?? .gitignore', '?? untracked.txt', 'A  staged.txt']);
    const gitignore = readText(folder, '.gitignore');
    assert.ok(gitignore.startsWith('node_modules/\n*.log\n'), 'the user\'s lines stay first and unchanged');
    assert.match(gitignore, /^__pycache__\/$/m);
    assert.equal(gitignore.match(/^\*\.log$/gm)?.length, 1, 'an entry the user has is not added twice');
  });

  it('a second run changes nothing and commits nothing', async () => {
    const folder = temporaryFolder();
    await runGenerator('app', { yes: true }, { folder, args: ['my-site'] });
    const site = path.join(folder, 'my-site');
    const head = git(site, 'rev-parse', 'HEAD');
    await runGenerator('app', { yes: true }, { folder: site });
    assert.equal(git(site, 'rev-parse', 'HEAD'), head);
    assert.equal(git(site, 'status', '--porcelain'), '');
  });

  it('--no-commit leaves the files uncommitted', async () => {
    const result = await runGenerator('app', { yes: true, commit: false }, { args: ['my-site'] });
    const site = path.join(result.cwd, 'my-site');
    assert.throws(() => git(site, 'rev-parse', '--verify', '-q', 'HEAD'));
  });

  it('a site in a subfolder of a repository commits only its own files', async () => {
    const folder = temporaryFolder();
    git(folder, 'init', '-q');
    mkdirSync(path.join(folder, 'other'));
    writeFileSync(path.join(folder, 'other', 'file.txt'), 'not ours\n');
    await runGenerator('app', { yes: true }, { folder, args: ['site'] });
    assert.deepEqual(committedFiles(folder), [
      'site/.gitignore',
      'site/.yo-rc.json',
      'site/ConfigurePython/ConfigurePython.py',
      'site/handler.fcgi',
      'site/web.config',
    ]);
  });

  it('alone in an existing folder: commits only what it created', async () => {
    const folder = temporaryFolder();
    writeFileSync(path.join(folder, 'app.py'), 'print("mine")\n');
    await runGenerator('git', { yes: true, remote }, { folder });
    assert.deepEqual(committedFiles(folder), ['.gitignore', '.yo-rc.json']);
    assert.equal(git(folder, 'remote', 'get-url', 'azure'), remote);
    assert.equal(git(folder, 'status', '--porcelain'), '?? app.py');
  });
});
