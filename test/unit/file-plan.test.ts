import assert from 'node:assert/strict';
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
    assert.equal(decide(generated('new'), undefined, undefined).action, 'create');
    assert.equal(decide(generated('new'), 'new', undefined).action, 'identical');
    assert.equal(decide(generated('new'), 'old', generated('old')).action, 'update');
    assert.equal(decide(generated('new'), 'old, edited', generated('old')).action, 'conflict');
    assert.equal(decide(generated('new'), 'old', undefined).action, 'conflict', 'no previous run: the file is the user\'s');
  });

  it('a merged file: additions go in, our unedited entries follow the answers, the user\'s are a conflict', () => {
    assert.equal(decide(merged('1'), undefined, undefined).action, 'create');
    assert.deepEqual(decide(merged('1'), 'user', undefined), { path: 'f', action: 'update', contents: 'user\nours=1', reasons: [] });
    assert.equal(decide(merged('1'), 'user\nours=1', undefined).action, 'identical');
    assert.equal(decide(merged('2'), 'user\nours=1', merged('1')).action, 'update');
    assert.deepEqual(decide(merged('2'), 'user\nours=9', merged('1')).reasons, ['ours (was user\nours=9)']);
    assert.equal(decide(merged('2'), 'user\nours=1', undefined).action, 'conflict');
    assert.deepEqual(decide(merged('2'), 'ours=1', merged('1')), { path: 'f', action: 'update', contents: 'ours=2', reasons: [] }, 'our own file is written afresh');
  });

  it('a placeholder: created when missing, else kept whatever it holds', () => {
    const placeholder: PlannedFile = { path: 'f', kind: 'placeholder', contents: '' };
    assert.equal(decide(placeholder, undefined, undefined).action, 'create');
    assert.equal(decide(placeholder, 'anything', undefined).action, 'keep');
  });
});
