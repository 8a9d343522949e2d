import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { generateSite } from '../../lib/api.js';
import { diagnose } from '../../lib/doctor/diagnose.js';
import { startupCommand } from '../../lib/azure/linux.js';
import { packageRoot } from '../../lib/engine/package-root.js';
import { parseWebConfig, pythonWith, readText, startAsAppService, temporaryFolder } from '../helpers.js';
import { requestOutcome } from '../../lib/iis/request-pipeline.js';

const greeting = 'Hello from Azure Websites\n';

/** A Python that imports every framework: the one on PATH, else Debian's (python3-flask, -django, -bottle). */
const frameworkPython = () => pythonWith('flask', 'django', 'bottle');

/** The app settings a site gives wfastcgi: web.config's appSettings, or the portal's JSON. */
function settingsOf(site: string): Record<string, string> {
  if (existsSync(path.join(site, 'web.config'))) {
    const adds = parseWebConfig(readText(site, 'web.config')).getElementsByTagName('appSettings')[0]!.getElementsByTagName('add');
    return Object.fromEntries(Array.from(adds, add => [add.getAttribute('key')!.toUpperCase(), add.getAttribute('value')!]));
  }
  const settings = JSON.parse(readText(site, 'azure/appsettings.json')) as { name: string; value: string }[];
  return Object.fromEntries(settings.map(setting => [setting.name.toUpperCase(), setting.value]));
}

/** Sends /, a missing page and a static file to the site's WSGI_HANDLER, resolved as wfastcgi does. */
function requestsThroughHandler(site: string): { path: string; status: string; body: string }[] {
  const settings = settingsOf(site);
  const paths = settings.PYTHONPATH!.split(';').map(entry => entry.replace('D:\\home\\site\\wwwroot', site).replaceAll('\\', '/'));
  const environment = { ...process.env, ...(settings.DJANGO_SETTINGS_MODULE ? { DJANGO_SETTINGS_MODULE: settings.DJANGO_SETTINGS_MODULE } : {}) };
  const script = path.join(packageRoot, 'test', 'python', 'framework_check.py');
  const result = spawnSync(frameworkPython(), [script, path.join(packageRoot, 'python'), JSON.stringify({ paths, handler: settings.WSGI_HANDLER })], {
    encoding: 'utf8',
    env: environment,
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim().split('\n').map(line => JSON.parse(line) as { path: string; status: string; body: string });
}

const expected = {
  flask: { handler: 'Shop.app', settings: {}, servesStatic: true, pins: /^Flask==1\.0\.4; python_version == "3\.4"$/m },
  bottle: { handler: 'Shop.app', settings: {}, servesStatic: true, pins: /^bottle==0\.12\.25$/m },
  django: {
    handler: 'django.core.wsgi.get_wsgi_application()',
    settings: { DJANGO_SETTINGS_MODULE: 'Shop.settings' },
    // Through WhiteNoise where it is installed (App Service on Linux's requirements.txt has it; IIS serves the folder on Windows).
    servesStatic: spawnSync(frameworkPython(), ['-c', 'import whitenoise'], { stdio: 'ignore' }).status === 0,
    pins: /^Django==2\.0\.13; python_version == "3\.4"$/m,
  },
} as const;

describe('frameworks', function () {
  this.timeout(60_000);

  for (const [framework, expects] of Object.entries(expected)) {
    for (const config of ['webconfig', 'portal'] as const) {
      it(`${framework} with ${config}: WSGI_HANDLER resolves as wfastcgi does, and the app answers`, async () => {
        const site = path.join(temporaryFolder(), 'site');
        await generateSite({ destination: site, framework: framework as 'flask', module: 'Shop', python: '3.4', config, git: false });
        const settings = settingsOf(site);
        assert.equal(settings.WSGI_HANDLER, expects.handler);
        for (const [name, value] of Object.entries(expects.settings)) assert.equal(settings[name], value);
        // Azure's deployment installs requirements.txt into env for a built-in Python asked for in runtime.txt.
        assert.equal(settings.PYTHONPATH, 'D:\\home\\site\\wwwroot\\Shop;D:\\home\\site\\wwwroot\\env\\Lib\\site-packages');
        assert.match(readText(site, 'requirements.txt'), expects.pins);
        assert.equal(readText(site, 'runtime.txt'), 'python-3.4\n');

        const [home, missing, staticFile] = requestsThroughHandler(site);
        assert.deepEqual([home!.status, home!.body], ['200 OK', greeting]);
        assert.match(missing!.status, /^404 /);
        if (config === 'webconfig') {
          assert.match(staticFile!.status, expects.servesStatic ? /^200 / : /^404 /, 'run locally, the app serves its static files or not');
          // On IIS the static folder is IIS's, and the virtualenv is never served.
          assert.deepEqual(requestOutcome(site, '/static/hello.txt'), { kind: 'file', file: 'static/hello.txt', mimeType: 'text/plain' });
          assert.deepEqual(requestOutcome(site, '/env/Lib/site-packages/x.txt'), { kind: 'refused', status: '404.8' });
          assert.deepEqual(requestOutcome(site, '/runtime.txt'), { kind: 'refused', status: '404.8' });
        }
        const probe = diagnose(site, frameworkPython()).find(check => check.id === 'wsgi-import');
        assert.equal(probe?.status, 'pass', probe?.message);
      });
    }
  }

  it('a wrong "()" fails: the doctor and wfastcgi agree that ours resolve, and a swapped one does not', async () => {
    for (const framework of ['flask', 'django'] as const) {
      const site = path.join(temporaryFolder(), 'site');
      await generateSite({ destination: site, framework, module: 'Shop', python: '3.4', git: false });
      const webConfig = readText(site, 'web.config');
      const handler = settingsOf(site).WSGI_HANDLER!;
      const swapped = handler.endsWith('()') ? handler.slice(0, -2) : `${handler}()`;
      const { writeFileSync } = await import('node:fs');
      writeFileSync(path.join(site, 'web.config'), webConfig.replace(`value="${handler}"`, `value="${swapped}"`));
      const probe = diagnose(site, frameworkPython()).find(check => check.id === 'wsgi-import')!;
      assert.equal(probe.status, 'fail', `${framework}: ${swapped}`);
      assert.match(probe.fix!, framework === 'flask' ? /without "\(\)"/ : /with "\(\)"|could not/);
    }
  });

  it('django on App Service on Linux: gunicorn runs the project\'s wsgi module', async () => {
    const site = path.join(temporaryFolder(), 'site');
    await generateSite({ destination: site, framework: 'django', module: 'Shop', host: 'linux', git: false });
    const command = startupCommand({ module: 'Shop', moduleDir: 'Shop', callable: 'application', framework: 'django' });
    assert.equal(command, 'gunicorn --bind=0.0.0.0:${PORT:-8000} --timeout 220 --chdir Shop Shop.wsgi:application');
    assert.match(readText(site, 'requirements.txt'), /^gunicorn==23\.0\.0$/m);
    const server = startAsAppService(site, command);
    try {
      assert.equal((await server.get('/')).body, greeting);
    } finally {
      server.stop();
    }
  });

  it('each framework\'s files, as docs/frameworks.md shows them', async () => {
    const readme = (await import('node:fs')).readFileSync(path.join(packageRoot, 'docs', 'frameworks.md'), 'utf8');
    for (const framework of ['flask', 'django', 'bottle'] as const) {
      const site = path.join(temporaryFolder(), 'site');
      const { files } = await generateSite({ destination: site, framework, module: 'Shop', python: '2.7', git: false });
      assert.ok(readme.includes(`| \`${framework}\``), `the README has a row for ${framework}`);
      assert.ok(files.includes('requirements.txt') && files.includes('runtime.txt') && files.includes('static/hello.txt'));
    }
  });
});
