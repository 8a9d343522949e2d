import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WriteError, writeFileAtomic } from '../../lib/engine/run/write.js';
import { temporaryFolder } from '../helpers.js';

describe('the write layer: a file is replaced in one step, or not at all', () => {
  it('writes a new file, creating its folder, and replaces an existing one keeping its mode', () => {
    const folder = temporaryFolder();
    writeFileAtomic(path.join(folder, 'a', 'b', 'new.txt'), 'new\n');
    assert.equal(readFileSync(path.join(folder, 'a', 'b', 'new.txt'), 'utf8'), 'new\n');
    const existing = path.join(folder, 'setup.ps1');
    writeFileSync(existing, 'old\n');
    chmodSync(existing, 0o750);
    writeFileAtomic(existing, 'new\n');
    assert.equal(readFileSync(existing, 'utf8'), 'new\n');
    assert.equal(statSync(existing).mode & 0o777, 0o750);
    assert.deepEqual(readdirSync(folder).sort(), ['a', 'setup.ps1'], 'no temporary file is left');
  });

  it('a failed write leaves what was there, says so in one line naming the file, and leaves no temporary file', () => {
    const folder = temporaryFolder();
    // A folder where the file goes: the rename fails, after the temporary file was written.
    mkdirSync(path.join(folder, 'web.config'));
    writeFileSync(path.join(folder, 'web.config', 'inside.txt'), 'kept\n');
    assert.throws(() => writeFileAtomic(path.join(folder, 'web.config'), '<configuration/>\n'), (error: unknown) => {
      assert.ok(error instanceof WriteError);
      assert.match(error.message, /web\.config was not written \((EISDIR|ENOTEMPTY|EEXIST)\); it is as it was\.$/);
      return true;
    });
    assert.equal(readFileSync(path.join(folder, 'web.config', 'inside.txt'), 'utf8'), 'kept\n');
    assert.deepEqual(readdirSync(folder), ['web.config']);
  });
});
