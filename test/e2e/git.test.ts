import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { folderListing, git, readText, runBin, runGenerator, temporaryFolder } from '../helpers.js';

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
      'README.md',
      'azure/azuredeploy.json',
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
      'README.md',
      'azure/azuredeploy.json',
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

  it('a site in a subfolder of another repository: no commit unless --commit, and then only its own files', async () => {
    const folder = temporaryFolder();
    git(folder, 'init', '-q');
    mkdirSync(path.join(folder, 'other'));
    writeFileSync(path.join(folder, 'other', 'file.txt'), 'not ours\n');
    git(folder, 'add', 'other/file.txt');
    git(folder, 'commit', '-q', '-m', 'theirs');
    const unasked = runBin(['site', '--yes'], folder);
    assert.equal(unasked.status, 0, unasked.stderr);
    assert.match(unasked.stdout + unasked.stderr, /Nothing was committed: the site is a subfolder of the repository in .*\. --commit commits its files there\./);
    assert.doesNotMatch(unasked.stdout + unasked.stderr, /^ *info Deploy with/m, 'never "Deploy with" while the site is uncommitted');
    assert.equal(git(folder, 'rev-list', '--count', 'HEAD'), '1');

    await runGenerator('app', { yes: true, commit: true }, { folder, args: ['site'] });
    assert.deepEqual(committedFiles(folder).filter(file => file.startsWith('site/')), [
      'site/.gitignore',
      'site/.yo-rc.json',
      'site/ConfigurePython/ConfigurePython.py',
      'site/README.md',
      'site/azure/azuredeploy.json',
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

  it('warns when an azure remote with another URL is kept', () => {
    const folder = temporaryFolder();
    git(folder, 'init', '-q');
    git(folder, 'remote', 'add', 'azure', 'https://other@elsewhere.scm.azurewebsites.net/elsewhere.git');
    const { status, stderr } = runBin(['--yes', '--remote', remote], folder);
    assert.equal(status, 0, stderr);
    assert.match(stderr, /The remote "azure" already points to another URL: left as it is/);
    assert.equal(git(folder, 'remote', 'get-url', 'azure'), 'https://other@elsewhere.scm.azurewebsites.net/elsewhere.git');
  });

  it('never pushes: the remote repository stays empty', () => {
    const bare = temporaryFolder('remote-');
    git(bare, 'init', '-q', '--bare');
    const folder = temporaryFolder();
    const { status, stderr } = runBin(['--yes', '--remote', `file://${bare}`], folder);
    assert.equal(status, 0, stderr);
    assert.equal(git(folder, 'remote', 'get-url', 'azure'), `file://${bare}`);
    assert.equal(git(bare, 'for-each-ref'), '', 'no branch or tag reached the remote');
  });

  it('a remote URL with a password reaches neither .git/config, .yo-rc.json nor the terminal', () => {
    const folder = temporaryFolder();
    git(folder, 'init', '-q');
    const config = readFileSync(path.join(folder, '.git', 'config'), 'utf8');
    const before = folderListing(folder);
    const { status, stdout, stderr } = runBin(['--yes', '--remote', 'https://me:hunter2@site.scm.azurewebsites.net/site.git'], folder);
    assert.equal(status, 1);
    assert.match(stderr, /^generator-azure-python: --remote: it holds a password; give the URL without it .* let a git credential helper keep the password\n$/);
    assert.ok(!`${stdout}${stderr}`.includes('hunter2'));
    assert.equal(readFileSync(path.join(folder, '.git', 'config'), 'utf8'), config);
    assert.deepEqual(folderListing(folder), before);
  });
});
