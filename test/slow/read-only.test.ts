import assert from 'node:assert/strict';
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { userSite } from '../bad-values.js';
import { folderListing, runBin } from '../helpers.js';

describe('a read-only file', () => {
  it('a read-only web.config the run would change is one line; one the run leaves identical is no obstacle', () => {
    const folder = userSite();
    const config = path.join(folder, 'web.config');
    writeFileSync(config, '<?xml version="1.0"?>\n<configuration>\n  <appSettings>\n    <add key="MINE" value="1" />\n  </appSettings>\n</configuration>\n');
    chmodSync(config, 0o444);
    const before = folderListing(folder);
    const refused = runBin(['webconfig', '--yes'], folder);
    assert.equal(refused.status, 1);
    assert.equal(refused.stderr, 'generator-azure-python: Not written: web.config is read-only. Nothing was changed: make it writable (chmod u+w, or clear the read-only attribute), then run again.\n');
    assert.deepEqual(folderListing(folder), before);
    assert.equal(statSync(config).mode & 0o777, 0o444);

    chmodSync(config, 0o644);
    assert.equal(runBin(['webconfig', '--yes'], folder).status, 0);
    chmodSync(config, 0o444);
    const rerun = runBin(['webconfig'], folder);
    assert.equal(rerun.status, 0, rerun.stderr);
  });
});
