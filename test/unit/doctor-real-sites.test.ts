import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { diagnose } from '../../lib/doctor/diagnose.js';
import { doctorSites } from '../fixtures/doctor-sites.js';
import { folderWith, python3, pythonWith, temporaryFolder } from '../helpers.js';

describe('the doctor on sites as they are found: no false alarm, every cause found', () => {
  for (const site of doctorSites) {
    it(`${site.name} (as in ${site.reproduces.split(' ')[0]})`, () => {
      const folder = folderWith(site.files, 'doctor-');
      const checks = diagnose(folder, site.needs ? pythonWith(...site.needs) : python3(), site.host ? { host: site.host } : {});
      for (const [id, expected] of Object.entries(site.expect)) {
        const found = checks.find(candidate => candidate.id === id);
        assert.ok(found, `${id} in ${checks.map(candidate => candidate.id).join(', ')}`);
        assert.equal(found.status, expected.status, `${id}: ${found.message}`);
        if (expected.message) assert.match(found.message, expected.message);
        if (expected.fix) assert.match(found.fix ?? '', expected.fix);
      }
      for (const id of site.noAlarm ?? []) {
        const found = checks.find(candidate => candidate.id === id);
        assert.ok(!found || found.status === 'pass', `${id} raises no alarm: ${found?.message}`);
      }
    });
  }

  it('every independent cause in one run: an invalid resourceType and a missing handler.fcgi', () => {
    const folder = temporaryFolder('doctor-');
    writeFileSync(path.join(folder, 'app.py'), 'def application(environ, start_response):\n    start_response("200 OK", [("Content-Type", "text/plain")])\n    return [b"ok"]\n');
    writeFileSync(
      path.join(folder, 'web.config'),
      '<configuration><appSettings><add key="WSGI_HANDLER" value="app.application" /><add key="PYTHONPATH" value="D:\\home\\site\\wwwroot" /></appSettings><system.webServer><handlers><add name="PythonHandler" path="handler.fcgi" verb="*" modules="FastCgiModule" scriptProcessor="D:\\Python27\\python.exe|D:\\Python27\\Scripts\\wfastcgi.py" resourceType="Eihter" /></handlers></system.webServer></configuration>',
    );
    const failed = diagnose(folder, python3()).filter(found => found.status === 'fail');
    assert.deepEqual(failed.map(found => found.id), ['web.config-schema', 'placeholder']);
    assert.match(failed[0]!.message, /resourceType="Eihter" is not one of File, Directory, Either, Unspecified/);
    assert.match(failed[1]!.message, /the handler's path handler\.fcgi does not exist/);
  });
});
