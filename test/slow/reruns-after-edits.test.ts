import assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { contentHash } from '../../lib/engine/file-history.js';
import { folderListing, readText, runBin, temporaryFolder } from '../helpers.js';

describe('running again after edits: the records of what was written', () => {
  it('an edit to a file whose plan is unchanged is the user\'s: the same answers keep it silently, and change nothing', () => {
    const folder = temporaryFolder();
    assert.equal(runBin(['--yes', '--no-git'], folder).status, 0);
    appendFileSync(path.join(folder, 'ConfigurePython', 'ConfigurePython.py'), '\n# my own route\n');
    const config = path.join(folder, 'web.config');
    writeFileSync(config, readText(folder, 'web.config').replace('value="ConfigurePython.application"', 'value="ConfigurePython.wrapped_application"'));
    const before = folderListing(folder);

    for (const args of [[], ['webconfig']]) {
      const rerun = runBin(args, folder);
      assert.equal(rerun.status, 0, rerun.stderr);
      assert.deepEqual(folderListing(folder), before, `generator-azure-python ${args.join(' ')}: nothing written`);
    }
    // --force puts the generator's text over the edits.
    assert.equal(runBin(['--force'], folder).status, 0);
    assert.doesNotMatch(readText(folder, 'ConfigurePython/ConfigurePython.py'), /my own route/);
    assert.match(readText(folder, 'web.config'), /value="ConfigurePython\.application"/);
  });

  it('a file as an earlier release wrote it is updated to today\'s template, without a question', () => {
    const folder = temporaryFolder();
    assert.equal(runBin(['--yes', '--no-git'], folder).status, 0);
    const current = readText(folder, 'ConfigurePython/ConfigurePython.py');
    // What an older template gave for the same answers, and the record that release kept of it.
    const older = current.replace('Hello from Azure Websites', 'Hello from an older template');
    writeFileSync(path.join(folder, 'ConfigurePython', 'ConfigurePython.py'), older);
    const yoRc = JSON.parse(readText(folder, '.yo-rc.json'));
    yoRc['generator-azure-python'].files['ConfigurePython/ConfigurePython.py'] = { planned: contentHash(older), written: contentHash(older) };
    writeFileSync(path.join(folder, '.yo-rc.json'), JSON.stringify(yoRc, null, 2));

    const rerun = runBin([], folder);
    assert.equal(rerun.status, 0, rerun.stderr);
    assert.equal(readText(folder, 'ConfigurePython/ConfigurePython.py'), current);
    const record = JSON.parse(readText(folder, '.yo-rc.json'))['generator-azure-python'].files['ConfigurePython/ConfigurePython.py'];
    assert.deepEqual(record, { planned: contentHash(current), written: contentHash(current) });
  });
});
