import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { git, runBin, runGenerator, temporaryFolder } from '../helpers.js';

const remote = 'https://me@my-site.scm.azurewebsites.net/my-site.git';

function committedFiles(folder: string): string[] {
  return git(folder, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n').sort();
}

/* How the git step fails: each through the bin, with git missing, refusing or mid-operation. */
describe('git generator: when git cannot do its part', () => {
  it('without git installed: the site is written, and the message gives the commands to run', () => {
    const folder = temporaryFolder();
    const emptyPath = temporaryFolder('no-git-');
    const { status, stderr } = runBin(['--yes', '--remote', remote], folder, { ...process.env, PATH: emptyPath });
    assert.equal(status, 0, stderr);
    assert.ok(existsSync(path.join(folder, 'web.config')) && existsSync(path.join(folder, 'ConfigurePython', 'ConfigurePython.py')));
    assert.equal(existsSync(path.join(folder, '.git')), false);
    assert.ok(
      stderr.includes(
        [
          `git is not installed, or not on PATH: the site files are written, with no repository. Once git is installed, run in ${folder}:`,
          '  git init',
          '  git add -- .gitignore .yo-rc.json ConfigurePython/ConfigurePython.py README.md azure/azuredeploy.json handler.fcgi web.config',
          '  git commit -m "Azure Python site"',
          `  git remote add azure '${remote}'`,
          '  git push azure HEAD:master',
        ].join('\n'),
      ),
      stderr,
    );
  });

  it('when git cannot commit (no user.name): the files are written and staged, and the message says how to go on', () => {
    const folder = temporaryFolder();
    const config = path.join(temporaryFolder('git-config-'), 'gitconfig');
    writeFileSync(config, '[user]\n\tuseConfigOnly = true\n[init]\n\tdefaultBranch = main\n');
    const identity = ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'EMAIL'];
    const env = { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !identity.includes(name))), GIT_CONFIG_GLOBAL: config };
    const { status, stderr } = runBin(['--yes'], folder, env);
    assert.equal(status, 0, stderr);
    assert.ok(
      stderr.includes(
        [
          'git could not commit (Author identity unknown). The site files are written and staged; to commit them, run:',
          '  git config --global user.name "Your Name"',
          '  git config --global user.email "you@example.com"',
          '  git commit -m "Azure Python site"',
        ].join('\n'),
      ),
      stderr,
    );
    assert.deepEqual(git(folder, 'status', '--porcelain').split('\n').sort(), [
      'A  .gitignore',
      'A  .yo-rc.json',
      'A  ConfigurePython/ConfigurePython.py',
      'A  README.md',
      'A  azure/azuredeploy.json',
      'A  handler.fcgi',
      'A  web.config',
    ]);
  });

  /** A repository of the user's with one commit, on main. */
  function userRepository(): string {
    const folder = temporaryFolder();
    git(folder, 'init', '-q');
    writeFileSync(path.join(folder, 'notes.txt'), 'one\n');
    git(folder, 'add', 'notes.txt');
    git(folder, 'commit', '-qm', 'first');
    return folder;
  }

  /** A repository stopped on a conflict of `operation` (merge, cherry-pick, rebase) in notes.txt. */
  function conflictedRepository(operation: 'merge' | 'cherry-pick' | 'rebase'): string {
    const folder = userRepository();
    git(folder, 'checkout', '-qb', 'other');
    writeFileSync(path.join(folder, 'notes.txt'), 'theirs\n');
    git(folder, 'commit', '-qam', 'theirs');
    git(folder, 'checkout', '-q', 'main');
    writeFileSync(path.join(folder, 'notes.txt'), 'ours\n');
    git(folder, 'commit', '-qam', 'ours');
    const args = { merge: ['merge', 'other'], 'cherry-pick': ['cherry-pick', 'other'], rebase: ['rebase', 'other'] }[operation];
    assert.throws(() => execFileSync('git', args, { cwd: folder, stdio: 'pipe' }), `${operation} stops on the conflict`);
    return folder;
  }

  it('mid-merge: the site is written, nothing is staged or committed, and the commands to finish are printed', () => {
    const folder = conflictedRepository('merge');
    const head = git(folder, 'rev-parse', 'HEAD');
    const staged = git(folder, 'diff', '--cached', '--name-only');
    const { status, stderr } = runBin(['--yes', '--no-provision'], folder);
    assert.equal(status, 0, stderr);
    assert.equal(git(folder, 'rev-parse', 'HEAD'), head, 'no commit into the merge');
    assert.equal(git(folder, 'diff', '--cached', '--name-only'), staged, "nothing of ours is staged into the user's merge");
    assert.match(stderr, /Nothing was staged or committed: the repository is in the middle of a merge\. The site files are written; once it is done, run:/);
    assert.match(stderr, /^ {2}git add -- \.gitignore \.yo-rc\.json ConfigurePython\/ConfigurePython\.py README\.md handler\.fcgi web\.config$/m);
    assert.ok(existsSync(path.join(folder, 'web.config')));
  });

  for (const [state, prepare] of [
    ['mid-rebase', () => conflictedRepository('rebase')],
    ['mid-cherry-pick', () => conflictedRepository('cherry-pick')],
    ['bisecting', () => {
      const folder = userRepository();
      git(folder, 'bisect', 'start');
      return folder;
    }],
    ['a detached HEAD', () => {
      const folder = userRepository();
      git(folder, 'checkout', '-q', '--detach');
      return folder;
    }],
    ["another git's index.lock", () => {
      const folder = userRepository();
      writeFileSync(path.join(folder, '.git', 'index.lock'), '');
      return folder;
    }],
  ] as const) {
    it(`${state}: no commit, nothing staged, the site written`, async () => {
      const folder = prepare();
      const head = git(folder, 'rev-parse', 'HEAD');
      const staged = git(folder, 'diff', '--cached', '--name-only');
      await runGenerator('app', { yes: true, provision: false }, { folder });
      assert.equal(git(folder, 'rev-parse', 'HEAD'), head);
      assert.equal(git(folder, 'diff', '--cached', '--name-only'), staged);
      assert.ok(existsSync(path.join(folder, 'web.config')));
    });
  }

  it('a created file the .gitignore ignores is not committed, and the message says how to commit it', () => {
    const folder = userRepository();
    writeFileSync(path.join(folder, '.gitignore'), '*.json\n');
    git(folder, 'add', '.gitignore');
    git(folder, 'commit', '-qm', 'ignore json');
    const { status, stderr } = runBin(['--yes', '--no-provision'], folder);
    assert.equal(status, 0, stderr);
    assert.ok(!committedFiles(folder).includes('.yo-rc.json'));
    assert.ok(committedFiles(folder).includes('web.config'));
    assert.match(stderr, /Not committed, since your \.gitignore ignores them, though the site needs them deployed: \.yo-rc\.json\./);
    assert.match(stderr, /git add -f -- \.yo-rc\.json && git commit -m "Add Azure Python site files"/);
  });

  it('a repository git refuses (dubious ownership): no git init inside it, the site written, the commands printed', () => {
    const folder = userRepository();
    execFileSync('chown', ['-R', '12345:12345', folder]);
    const { status, stderr } = runBin(['--yes', '--no-provision'], folder);
    assert.equal(status, 0, stderr);
    assert.match(stderr, /git refused to work here \(fatal: detected dubious ownership in repository at /);
    assert.match(stderr, /git config --global --add safe\.directory /);
    assert.doesNotMatch(stderr, /^ {2}git init$/m);
    assert.ok(existsSync(path.join(folder, 'web.config')));
  });
});
