import assert from 'node:assert/strict';
import { parseWebConfig, readText, runBin, temporaryFolder } from '../helpers.js';
import { assertRerunChangesNothing } from '../reruns.js';

describe('running again', () => {
  it('app: a second run with the kept answers changes nothing and asks nothing', () => assertRerunChangesNothing('app'));

  it('a changed answer updates every value that follows from it', () => {
    const folder = temporaryFolder();
    assert.equal(runBin(['--yes', '--no-git', '--static-dir', 'static'], folder).status, 0);
    const { status, stderr } = runBin(['--module', 'Shop', '--callable', 'app', '--python', '3.4'], folder);
    assert.equal(status, 0, stderr);
    const document = parseWebConfig(readText(folder, 'web.config'));
    const settings = Object.fromEntries(
      Array.from(document.getElementsByTagName('appSettings')[0]!.getElementsByTagName('add'), add => [add.getAttribute('key'), add.getAttribute('value')]),
    );
    assert.deepEqual(settings, { pythonpath: 'D:\\home\\site\\wwwroot\\Shop', WSGI_HANDLER: 'Shop.app' });
    const handler = document.getElementsByTagName('handlers')[0]!.getElementsByTagName('add')[0]!;
    assert.equal(handler.getAttribute('scriptProcessor'), 'D:\\Python34\\python.exe|D:\\Python34\\Scripts\\wfastcgi.py');
    assert.match(readText(folder, 'Shop/Shop.py'), /^def app\(environ, start_response\):/m);
    assert.equal(JSON.parse(readText(folder, '.yo-rc.json'))['generator-azure-python'].module, 'Shop');
    // The old module is the user's to delete: it stays, and the run says so.
    assert.ok(readText(folder, 'ConfigurePython/ConfigurePython.py').length > 0);
    assert.match(stderr, /ConfigurePython\/ConfigurePython\.py is left as it is/);
    assert.match(readText(folder, 'web.config'), /^\s+<!-- What wfastcgi imports \(module\.attribute\) and calls/m, 'still the template\'s own layout');
  });

});
