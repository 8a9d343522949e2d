import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { userSite } from '../bad-values.js';
import { assertRefused, folderListing, readText, runBin, temporaryFolder } from '../helpers.js';

/* Runs through the bin that wait on a second process or read a site several times over. */
describe('a site that is the user\'s, or another run\'s, between runs', () => {
  it('a file the user edited is never overwritten silently: without a terminal or --force the run stops', () => {
    const folder = temporaryFolder();
    assert.equal(runBin(['--yes', '--no-git', '--config', 'portal', '--site-name', 'contoso-py'], folder).status, 0);
    appendFileSync(path.join(folder, 'ConfigurePython', 'ConfigurePython.py'), '# my change\n');
    const steps = path.join(folder, 'azure', 'portal-steps.md');
    writeFileSync(steps, readFileSync(steps, 'utf8').replace('## With the Azure CLI', '## With the Azure CLI (our resource group: web-rg)'));
    const before = folderListing(folder);

    const refused = runBin(['--callable', 'app', '--site-name', 'contoso-web'], folder);
    assert.equal(refused.status, 1);
    assert.equal(
      refused.stderr.trim(),
      'generator-azure-python: Not overwritten without a terminal to ask: ConfigurePython/ConfigurePython.py (it differs from what the generator wrote), azure/portal-steps.md (it differs from what the generator wrote). Run again in a terminal to review each change, or with --force to apply them.',
    );
    assert.deepEqual(folderListing(folder), before, 'nothing written, .yo-rc.json included');

    const forced = runBin(['--callable', 'app', '--site-name', 'contoso-web', '--force'], folder);
    assert.equal(forced.status, 0, forced.stderr);
    assert.doesNotMatch(readText(folder, 'ConfigurePython/ConfigurePython.py'), /# my change/);
    assert.match(readText(folder, 'azure/portal-steps.md'), /-n contoso-web/);
  });

  it('one run at a time: a site another live run holds is refused in one line; a lock left by a gone process is taken over', () => {
    const folder = userSite();
    const lock = path.join(folder, '.generator-azure-python.lock');
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      writeFileSync(lock, `${JSON.stringify({ pid: other.pid })}\n`);
      assertRefused(folder, ['module', '--yes'], `Another run (process ${other.pid}) is writing ${folder}`, /If no run is, delete \.generator-azure-python\.lock there\.$/);
    } finally {
      other.kill();
    }
    // A process that has ended: its lock is stale.
    const stale = spawnSync('true').pid;
    writeFileSync(lock, `${JSON.stringify({ pid: stale })}\n`);
    const { status, stderr } = runBin(['module', '--yes'], folder);
    assert.equal(status, 0, stderr);
    assert.ok(!existsSync(lock), 'the run removes its lock when it ends');
    assert.ok(existsSync(path.join(folder, 'Kept', 'Kept.py')));
  });});
