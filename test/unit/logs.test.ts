import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { logChecks, logSignatures } from '../../lib/doctor/logs.js';
import { logFixtures } from '../fixtures/logs.js';
import { folderWith, temporaryFolder } from '../helpers.js';

function logFolder(files: readonly { file: string; text: string }[]): string {
  return folderWith(Object.fromEntries(files.map(({ file, text }) => [file, text])), 'logs-');
}

describe('doctor --logs: the failures in the logs a user downloads', () => {
  it('has a log fixture for every signature, each naming the thread it reproduces', () => {
    assert.deepEqual([...new Set(logFixtures.map(fixture => fixture.signature))].sort(), logSignatures.map(signature => signature.id).sort());
    for (const fixture of logFixtures) assert.ok(fixture.reproduces.length > 0);
  });

  for (const fixture of logFixtures) {
    it(`${fixture.signature}: ${fixture.file} (as in ${fixture.reproduces.split(' ')[0]})`, () => {
      const findings = logChecks(logFolder([fixture]));
      const found = findings.find(candidate => candidate.id === fixture.signature);
      assert.ok(found, findings.map(candidate => `${candidate.id}: ${candidate.message}`).join('\n'));
      assert.equal(found.status, 'fail');
      assert.ok(found.message.startsWith(`${fixture.file}, line `), found.message);
      assert.match(found.message, fixture.says);
      assert.ok(found.fix && found.fix.length > 0);
    });
  }

  it("reads Kudu's zip as it reads the folder, and says so when nothing is known in them", () => {
    const folder = temporaryFolder('logs-');
    const zip = path.join(folder, 'dump.zip');
    const entries = Object.fromEntries(logFixtures.map(fixture => [`LogFiles/${fixture.file}`, strToU8(fixture.text)]));
    writeFileSync(zip, zipSync(entries));
    assert.deepEqual(logChecks(zip).map(found => found.id).sort(), logChecks(logFolder(logFixtures)).map(found => found.id).sort());
    const quiet = logFolder([{ file: 'wfastcgi.log', text: '2020-01-01 10:00:00.000000: wfastcgi.py 3.0.0 initialized\n' }]);
    assert.deepEqual(logChecks(quiet).map(found => [found.id, found.status]), [['logs', 'pass']]);
    assert.equal(logChecks(path.join(folder, 'missing')).at(0)?.status, 'fail');
  });
});
