import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startupCommand } from '../../lib/azure/linux.js';
import { generateSite } from '../../lib/api.js';
import { assertRefused, folderWith, keptInYoRc, pythonWith, readText, runBin, startAsAppService, temporaryFolder } from '../helpers.js';

/*
 * A Linux site started exactly as App Service on Linux starts it: the ARM template's startup
 * command (appCommandLine), in a shell, from the site root, with PORT and the app settings in the
 * environment, run by Debian's gunicorn. The platform's health check asks /healthz with the
 * instance's address as Host.
 */

const greeting = 'Hello from Azure Websites\n';
const siteName = 'contoso-linux';
const siteHost = `${siteName}.azurewebsites.net`;
const instanceAddress = '169.254.129.3:8000';

async function linuxSite(framework: 'wsgi' | 'flask' | 'django' | 'bottle'): Promise<{ site: string; command: string }> {
  const site = path.join(temporaryFolder(), 'site');
  await generateSite({ destination: site, host: 'linux', framework, siteName, git: false });
  const template = JSON.parse(readText(site, 'azure/azuredeploy.json')) as { resources: { type: string; properties?: { siteConfig?: { appCommandLine?: string; healthCheckPath?: string } } }[] };
  const siteConfig = template.resources.find(resource => resource.type === 'Microsoft.Web/sites')!.properties!.siteConfig!;
  const { answers } = keptInYoRc(site);
  assert.equal(siteConfig.appCommandLine, startupCommand({ moduleDir: answers.module, ...answers } as never), 'the template starts what the CLI commands set');
  assert.equal(siteConfig.healthCheckPath, '/healthz');
  return { site, command: siteConfig.appCommandLine! };
}

describe('App Service on Linux: the generated site, started as the platform starts it', function () {
  this.timeout(60_000);

  for (const framework of ['wsgi', 'flask', 'bottle'] as const) {
    it(`${framework}: the startup command binds 0.0.0.0 on PORT; /, a deep URL, a static file and /healthz answer`, async () => {
      if (framework !== 'wsgi') pythonWith(framework);
      const { site, command } = await linuxSite(framework);
      assert.match(command, /^gunicorn --bind=0\.0\.0\.0:\$\{PORT:-8000\} --timeout 220 /);
      const server = startAsAppService(site, command, { WEBSITE_HOSTNAME: siteHost });
      try {
        const home = await server.get('/', siteHost);
        assert.equal(home.status, 200);
        assert.equal(home.body, greeting);
        const deep = await server.get('/shop/cart/42', siteHost);
        // The bare WSGI module answers every path; a framework's router answers an unknown one with its 404.
        assert.equal(deep.status, framework === 'wsgi' ? 200 : 404);
        if (framework !== 'wsgi') {
          const file = await server.get('/static/hello.txt', siteHost);
          assert.equal(file.status, 200, 'the framework serves the static folder: no IIS on Linux');
          assert.match(file.type ?? '', /^text\/plain/);
        }
        const probe = await server.get('/healthz', instanceAddress);
        assert.equal(probe.status, 200);
      } finally {
        server.stop();
      }
    });
  }

  it("django: WEBSITE_HOSTNAME's host is served, any other refused, the probe answered; WhiteNoise serves the collected static files", async () => {
    const python = pythonWith('django', 'whitenoise');
    const { site, command } = await linuxSite('django');
    assert.match(readText(site, 'requirements.txt'), /^whitenoise==/m, 'Oryx installs WhiteNoise');
    const settings = { WEBSITE_HOSTNAME: siteHost, DJANGO_SECRET_KEY: 'a-key-from-the-app-settings', SCM_DO_BUILD_DURING_DEPLOYMENT: 'true' };
    // Oryx's build runs collectstatic for a Django project, from the folder of manage.py.
    execFileSync(python, ['manage.py', 'collectstatic', '--noinput'], { cwd: path.join(site, 'ConfigurePython'), env: { ...process.env, ...settings }, stdio: 'pipe' });
    const server = startAsAppService(site, command, settings);
    try {
      const home = await server.get('/', siteHost);
      assert.equal(home.status, 200, home.body);
      assert.equal(home.body, greeting);
      assert.equal((await server.get('/', 'evil.example')).status, 400, 'DisallowedHost: not the site');
      assert.equal((await server.get('/', instanceAddress)).status, 400, 'the instance address is no host of the site');
      const probe = await server.get('/healthz', instanceAddress);
      assert.equal(probe.status, 200, 'the health check is answered before any host check');
      assert.equal((await server.get('/no/such/page', siteHost)).status, 404);
      const file = await server.get('/static/hello.txt', siteHost);
      assert.equal(file.status, 200, 'WhiteNoise serves STATIC_ROOT');
      assert.match(file.type ?? '', /^text\/plain/);
    } finally {
      server.stop();
    }
  });

  it('django: with DJANGO_ALLOWED_HOSTS a custom domain is served beside the site, and CSRF trusts both origins', async () => {
    const python = pythonWith('django');
    const { site } = await linuxSite('django');
    const output = execFileSync(python, ['-c', 'from django.conf import settings; import django; print(settings.ALLOWED_HOSTS); print(settings.CSRF_TRUSTED_ORIGINS); print(django.VERSION[0])'], {
      cwd: path.join(site, 'ConfigurePython'),
      env: { ...process.env, DJANGO_SETTINGS_MODULE: 'ConfigurePython.settings', WEBSITE_HOSTNAME: siteHost, DJANGO_ALLOWED_HOSTS: 'www.contoso.com', DJANGO_SECRET_KEY: 'k' },
      encoding: 'utf8',
    }).trim().split('\n');
    assert.equal(output[0], `['${siteHost}', 'www.contoso.com']`);
    // Django 4.0 and later: origins with their scheme; Debian's 3.2 here: host names.
    const withScheme = Number(output[2]) >= 4;
    assert.equal(output[1], withScheme ? `['https://${siteHost}', 'https://www.contoso.com']` : `['${siteHost}', 'www.contoso.com']`);
  });

  it("a project of the user's: no WhiteNoise added to its requirements and no static sample, since its settings stay as they are", async () => {
    const django = folderWith({
      'manage.py': "import os\nimport sys\n\nif __name__ == '__main__':\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n",
      'mysite/__init__.py': '',
      'mysite/settings.py': "SECRET_KEY = 'k'\nROOT_URLCONF = 'mysite.urls'\n",
      'mysite/urls.py': 'urlpatterns = []\n',
      'mysite/wsgi.py': "import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\napplication = get_wsgi_application()\n",
    });
    const { files } = await generateSite({ destination: django, host: 'linux', git: false });
    assert.ok(files.includes('requirements.txt'));
    assert.doesNotMatch(readText(django, 'requirements.txt'), /whitenoise/i);
    assert.ok(!files.some(file => file.startsWith('static/')), files.join(', '));
    const template = JSON.parse(readText(django, 'azure/azuredeploy.json')) as { resources: { type: string; properties?: { siteConfig?: { healthCheckPath?: string } } }[] };
    assert.equal(template.resources.find(resource => resource.type === 'Microsoft.Web/sites')!.properties!.siteConfig!.healthCheckPath, undefined, 'its app may not answer /healthz');
    const flask = folderWith({ 'app.py': 'from flask import Flask\n\napp = Flask(__name__)\n' });
    const flaskFiles = (await generateSite({ destination: flask, host: 'linux', git: false })).files;
    assert.ok(!flaskFiles.some(file => file.startsWith('static/')), flaskFiles.join(', '));
  });

  it("an ASGI app of the project's: gunicorn runs it with uvicorn workers on Linux, and a Windows host refuses it in one line", async () => {
    pythonWith('uvicorn', 'starlette');
    const project = {
      'main.py': "from starlette.applications import Starlette\nfrom starlette.responses import PlainTextResponse\nfrom starlette.routing import Route\n\n\nasync def index(request):\n    return PlainTextResponse('hello from starlette')\n\napp = Starlette(routes=[Route('/', index)])\n",
      'requirements.txt': 'starlette\n',
    };
    const site = folderWith(project);
    const run = runBin(['--host', 'linux', '--yes', '--no-git', '--site-name', siteName], site);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /Detected main\.py defines app = Starlette\(\.\.\.\), an ASGI app: --module main, --module-dir \., --callable app, --framework asgi/);
    const template = JSON.parse(readText(site, 'azure/azuredeploy.json')) as { resources: { type: string; properties?: { siteConfig?: { appCommandLine?: string } } }[] };
    const command = template.resources.find(resource => resource.type === 'Microsoft.Web/sites')!.properties!.siteConfig!.appCommandLine!;
    assert.equal(command, 'gunicorn --bind=0.0.0.0:${PORT:-8000} --timeout 220 -k uvicorn.workers.UvicornWorker main:app');
    assert.equal(readText(site, 'requirements.txt'), 'starlette\ngunicorn==23.0.0\nuvicorn==0.32.1; python_version >= "3.8"\n');
    const server = startAsAppService(site, command, { WEBSITE_HOSTNAME: siteHost });
    try {
      const home = await server.get('/', siteHost);
      assert.deepEqual([home.status, home.body], [200, 'hello from starlette']);
    } finally {
      server.stop();
    }
    const windows = folderWith(project);
    assertRefused(windows, ['--yes', '--no-git'], '--module', /main\.py defines app = Starlette\(\.\.\.\): an ASGI app, .* or --host linux, where gunicorn serves it with uvicorn workers/);
    assertRefused(windows, ['--yes', '--no-git', '--framework', 'asgi', '--module', 'main', '--module-dir', '.'], '--framework', /an ASGI app runs on App Service on Linux only \(gunicorn with uvicorn workers\)/);
  });
});
