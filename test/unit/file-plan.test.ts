import assert from 'node:assert/strict';
import { contentHash, readFileRecords, recordsAfter } from '../../lib/engine/file-history.js';
import { decide, type FileMerge, type PlannedFile } from '../../lib/engine/file-plan.js';

const generated = (contents: string): PlannedFile => ({ path: 'f', kind: 'generated', contents });
// A merge that adds the line "ours" when missing, and changes a line "ours=<old>" to "ours=<value>".
const merged = (value: string): PlannedFile => ({
  path: 'f',
  kind: 'merged',
  generated: `ours=${value}`,
  merge: (existing, wanted): FileMerge => {
    const lines = existing.split('\n');
    const index = lines.findIndex(line => line.startsWith('ours='));
    if (index < 0) return { text: [...lines, wanted].join('\n'), change: 'addition', changes: [] };
    if (lines[index] === wanted) return { text: existing, change: 'none', changes: [] };
    lines[index] = wanted;
    return { text: lines.join('\n'), change: 'modification', changes: [{ kind: 'modification', description: `ours (was ${existing})` }] };
  },
});

describe('what happens to a file already there', () => {
  it('a generated file: created, identical, updated when unedited, else a conflict', () => {
    assert.equal(decide(generated('new'), undefined).action, 'create');
    assert.equal(decide(generated('new'), 'new').action, 'identical');
    assert.equal(decide(generated('new'), 'old', { previous: generated('old') }).action, 'update');
    assert.equal(decide(generated('new'), 'old, edited', { previous: generated('old') }).action, 'conflict');
    assert.equal(decide(generated('new'), 'old').action, 'conflict', 'no previous run: the file is the user\'s');
  });

  it('a merged file: additions go in, our unedited entries follow the answers, the user\'s are a conflict', () => {
    assert.equal(decide(merged('1'), undefined).action, 'create');
    assert.deepEqual(decide(merged('1'), 'user'), { path: 'f', action: 'update', contents: 'user\nours=1', reasons: [], onlyAdds: true });
    assert.equal(decide(merged('1'), 'user\nours=1').action, 'identical');
    assert.equal(decide(merged('2'), 'user\nours=1', { previous: merged('1') }).action, 'update');
    assert.deepEqual(decide(merged('2'), 'user\nours=9', { previous: merged('1') }).reasons, ['ours (was user\nours=9)']);
    assert.equal(decide(merged('2'), 'user\nours=1').action, 'conflict');
    assert.deepEqual(decide(merged('2'), 'ours=1', { previous: merged('1') }), { path: 'f', action: 'update', contents: 'ours=2', reasons: [] }, 'our own file is written afresh');
  });

  it('a placeholder: created when missing, else kept whatever it holds', () => {
    const placeholder: PlannedFile = { path: 'f', kind: 'placeholder', contents: '' };
    assert.equal(decide(placeholder, undefined).action, 'create');
    assert.equal(decide(placeholder, 'anything').action, 'keep');
  });

  // A record as a run leaves it: the hashes of what the plan gave and of what it wrote.
  const record = (planned: string, written = planned) => ({ planned: contentHash(planned), written: contentHash(written) });

  it('a generated file with a record: as written, it is ours to update; edited, it stays the owner\'s while the plan is the same', () => {
    assert.equal(decide(generated('new'), 'old', { record: record('old') }).action, 'update', 'a new release\'s template: no conflict');
    assert.deepEqual(decide(generated('old'), 'old, edited', { record: record('old') }), { path: 'f', action: 'keep', contents: 'old, edited', reasons: [] });
    assert.equal(decide(generated('new'), 'old, edited', { record: record('old') }).action, 'conflict', 'the plan changed: the edit is asked about');
    assert.equal(decide(generated('old'), 'old, edited', { record: record('old') }, true).action, 'conflict', '--force: ours over the edit');
    // The record wins over the previous answers re-rendered by today's templates, which may differ.
    assert.equal(decide(generated('new'), 'old', { record: record('old'), previous: generated('other') }).action, 'update');
  });

  it('a merged file with a record: as written, updated whole; edited, kept while the plan is the same', () => {
    assert.deepEqual(decide(merged('2'), 'ours=1', { record: record('ours=1') }).contents, 'ours=2', 'created from the plan alone: written afresh');
    assert.deepEqual(decide(merged('2'), 'user\nours=1', { record: record('ours=1', 'user\nours=1') }).contents, 'user\nours=2');
    assert.equal(decide(merged('1'), 'user\nours=9', { record: record('ours=1', 'user\nours=1') }).action, 'keep');
    assert.equal(decide(merged('1'), 'user', { record: record('ours=1', 'user\nours=1') }).action, 'keep', 'an entry the owner removed stays removed');
    assert.equal(decide(merged('2'), 'user\nours=9', { record: record('ours=1', 'user\nours=1') }).action, 'conflict');
  });

  it('a README of the project\'s own is kept, one the generator wrote is updated', () => {
    const readme = (contents: string): PlannedFile => ({ path: 'README.md', kind: 'generated', contents, userFileWins: true });
    assert.equal(decide(readme('ours'), 'theirs').action, 'keep');
    assert.equal(decide(readme('ours, v2'), 'ours', { record: record('ours') }).action, 'update');
  });
});

describe('the records of what was written', () => {
  it('records the plan and the text written, and keeps the records of the files left alone', () => {
    const after = recordsAfter({ 'kept.txt': { planned: contentHash('a'), written: contentHash('b') } }, [{ path: 'web.config', planned: 'ours', contents: 'user + ours' }]);
    assert.deepEqual(after, {
      'kept.txt': { planned: contentHash('a'), written: contentHash('b') },
      'web.config': { planned: contentHash('ours'), written: contentHash('user + ours') },
    });
    assert.match(contentHash(''), /^sha256-47DEQpj8HBSa\+\/TImW\+5JCeuQeRkm5NMpJWZG3hSuFU=$/, 'the SHA-256 of nothing, as every tool prints it');
  });

  it('reads from an untrusted .yo-rc.json only well-formed records, and no key reaches a prototype', () => {
    const good = { planned: contentHash('a'), written: contentHash('a') };
    const files = JSON.stringify({ 'web.config': good, 'a.py': { planned: 'x', written: contentHash('a') }, 'b.py': 'sha', 'c.py': null });
    const kept = JSON.parse(`{"files": ${files.slice(0, -1)}, "__proto__": ${JSON.stringify(good)}}}`) as Record<string, unknown>;
    const records = readFileRecords(kept);
    assert.deepEqual(Object.keys(records), ['web.config', '__proto__']);
    assert.equal(Object.getPrototypeOf(records), Object.prototype);
    assert.deepEqual(readFileRecords({ files: ['web.config'] }), {});
    assert.deepEqual(readFileRecords({}), {});
  });
});
