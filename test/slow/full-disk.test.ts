import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { binEnvironment, runBin, temporaryFolder } from '../helpers.js';

/**
 * A full disk, for real: a 256 KiB tmpfs (root can mount one; CI runs as root). The site's
 * web.config fills most of it, so that the merged one cannot be written beside it.
 */
describe('a full disk: one line, and every file as it was', function () {
  let disk = '';

  before(function () {
    disk = path.join(temporaryFolder('full-disk-'), 'mount');
    mkdirSync(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', disk]);
  });

  after(() => {
    if (disk) execFileSync('umount', [disk]);
  });

  it("an existing web.config that cannot be rewritten stays byte for byte, with ENOSPC's line", () => {
    const settings = Array.from({ length: 2_000 }, (_, index) => `    <add key="S${index}" value="${'v'.repeat(40)}" />`).join('\n');
    const original = `<configuration>\n  <appSettings>\n${settings}\n  </appSettings>\n</configuration>\n`;
    writeFileSync(path.join(disk, 'web.config'), original);
    const { status, stdout, stderr } = runBin(['webconfig', '--yes'], disk, binEnvironment());
    assert.equal(status, 1, stdout);
    // Yeoman's status lines come first; the error is one line, the last.
    const errors = stderr.trim().split('\n').filter(line => line.startsWith('generator-azure-python: '));
    assert.equal(errors.length, 1, stderr);
    assert.equal(stderr.trim().split('\n').at(-1), errors[0]);
    assert.match(errors[0]!, /^generator-azure-python: web\.config was not written \(the disk is full\); it is as it was\.$/);
    assert.equal(readFileSync(path.join(disk, 'web.config'), 'utf8'), original);
    assert.deepEqual(readdirSync(disk).filter(file => file.endsWith('.tmp')), []);
    assert.ok(!readdirSync(disk).includes('.yo-rc.json') || JSON.parse(readFileSync(path.join(disk, '.yo-rc.json'), 'utf8')), '.yo-rc.json is absent or whole');
  });
});
