import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { folderListing, parseWebConfig, readText, runBin, temporaryFolder } from '../helpers.js';
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
});
