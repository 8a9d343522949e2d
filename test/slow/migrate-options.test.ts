import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { diagnose } from '../../lib/doctor/diagnose.js';
import { assertRefused, folderListing, folderWith, pythonWith, runBin, startAsAppService, temporaryFolder } from '../helpers.js';

/*
 * `generator-azure-python migrate` as a user meets it: bad input refused in one line, the Windows
 * files kept (or removed when asked), MIGRATION.md's account of each setting, rule and IIS
 * element, the direct startup command, and a change to a file the user edited asked about.
 * migrate.test.ts beside it runs every migrated variant and the corpus under gunicorn.
 */

const flaskFactory = "from flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n\n    @app.route('/')\n    def index():\n        return 'made by the factory'\n\n    return app\n";

const webConfig = (appSettings: string, webServer: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>\n${appSettings}  </appSettings>\n  <system.webServer>\n    <handlers>\n      <add name="PythonHandler" path="*" verb="*" modules="FastCgiModule" scriptProcessor="D:\\home\\python364x64\\python.exe|D:\\home\\python364x64\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />\n    </handlers>\n${webServer}  </system.webServer>\n</configuration>\n`;

function templateOf(folder: string): { appCommandLine: string; healthCheckPath?: string; linuxFxVersion: string; appSettings: { name: string; value: string }[] } {
  const template = JSON.parse(readFileSync(path.join(folder, 'azure', 'linux', 'azuredeploy.json'), 'utf8')) as { resources: { type: string; properties?: { siteConfig?: never } }[] };
  return template.resources.find(resource => resource.type === 'Microsoft.Web/sites')!.properties!.siteConfig!;
}

/** MIGRATION.md's row for `what` in a table: the cells after the first. */
function row(notes: string, what: string): string[] | undefined {
  const line = notes.split('\n').find(candidate => candidate.startsWith(`| ${what} |`));
  return line?.split(/(?<!\\)\|/).slice(2, -1).map(cell => cell.trim());
}

describe('migrate: a Windows site moved to App Service on Linux', function () {
  this.timeout(60_000);

  it('refuses, in one line naming what is wrong and with nothing written: no Windows site, an unknown --python, --no-wrapper where static folders need it', () => {
    assertRefused(folderWith({ 'app.py': flaskFactory }), ['migrate', '--yes'], '', /holds no Windows site to migrate: no web\.config with a wfastcgi \(FastCgiModule\) or HttpPlatformHandler handler, and no azure\/appsettings\.json with WSGI_HANDLER/);
    const site = folderWith({ 'web.config': webConfig('    <add key="WSGI_HANDLER" value="app.app" />\n', ''), 'app.py': 'from flask import Flask\napp = Flask(__name__)\n', 'static/site.css': 'body {}\n' });
    assertRefused(site, ['migrate', '--yes', '--python', '3.6'], '--python', /^generator-azure-python: --python: "3\.6" is not allowed: use one of 3\.11, 3\.12, 3\.13, 3\.14 \(App Service on Linux\)$/);
    // static/web.config removes the Python handler there: IIS serves static/ itself.
    const rewrite = folderWith({
      'web.config': webConfig(
        '    <add key="WSGI_HANDLER" value="app.app" />\n',
        '    <rewrite>\n      <rules>\n        <rule name="Static" stopProcessing="true">\n          <match url="^static/.*" />\n          <action type="None" />\n        </rule>\n      </rules>\n    </rewrite>\n',
      ),
      'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
      'static/web.config': '<?xml version="1.0"?>\n<configuration>\n  <system.webServer>\n    <handlers>\n      <remove name="PythonHandler" />\n    </handlers>\n  </system.webServer>\n</configuration>\n',
      'static/site.css': 'body {}\n',
    });
    assertRefused(rewrite, ['migrate', '--yes', '--no-wrapper'], '--no-wrapper', /IIS serves static\/ itself, and on Linux WhiteNoise must, from linux_app\.py: run without --no-wrapper/);
  });

  it("--no-wrapper: a factory becomes gunicorn's 'module:factory()', PYTHONPATH's folders --pythonpath, and gunicorn serves it", async () => {
    const site = folderWith({
      'web.config': webConfig('    <add key="WSGI_HANDLER" value="factory.create_app()" />\n    <add key="PYTHONPATH" value="D:\\home\\site\\wwwroot\\src;D:\\home\\site\\wwwroot\\lib" />\n', ''),
      'src/factory.py': flaskFactory,
      'lib/helpers.py': '',
      'requirements.txt': 'Flask\n',
    });
    const { status, stderr } = runBin(['migrate', '--yes', '--no-wrapper', '--site-name', 'factory-site'], site);
    assert.equal(status, 0, stderr);
    const siteConfig = templateOf(site);
    // gunicorn puts each --pythonpath entry first in turn: given last first, src stays ahead of lib.
    assert.equal(siteConfig.appCommandLine, "gunicorn --bind=0.0.0.0:${PORT:-8000} --timeout 220 --pythonpath lib,src 'factory:create_app()'");
    assert.equal(siteConfig.healthCheckPath, undefined, 'no health check path the app does not answer');
    assert.equal(siteConfig.linuxFxVersion, 'PYTHON|3.11', "3.6's nearest on Linux");
    assert.ok(!existsSync(path.join(site, 'linux_app.py')));
    pythonWith('flask');
    const server = startAsAppService(site, siteConfig.appCommandLine, { WEB_CONCURRENCY: '1' });
    try {
      assert.deepEqual(await server.get('/').then(got => [got.status, got.body]), [200, 'made by the factory']);
    } finally {
      server.stop();
    }
    const notes = readFileSync(path.join(site, 'MIGRATION.md'), 'utf8');
    assert.deepEqual(row(notes, 'Health check')?.[1], "**To do:** none: the app answers no /healthz, and a health check path it does not answer takes its instances down (add a route, then set healthCheckPath)");
    assert.match(row(notes, 'PYTHONPATH')![1]!, /^gunicorn's --pythonpath src, lib, which puts them ahead of the site's packages/);
  });

  it("MIGRATION.md: every app setting and IIS element with what it becomes; the ones with no Linux equivalent are left to do", () => {
    const site = folderWith({
      'web.config': webConfig(
        [
          '    <add key="WSGI_HANDLER" value="app.app" />',
          '    <add key="WSGI_LOG" value="D:\\home\\LogFiles\\wfastcgi.log" />',
          '    <add key="UPLOADS" value="D:\\home\\data\\uploads" />',
          '    <add key="REPORTS" value="C:\\reports" />',
          '    <add key="API_SECRET" value="in-the-repository" />',
          '',
        ].join('\n'),
        [
          '    <rewrite>',
          '      <rules>',
          '        <rule name="HTTPS" stopProcessing="true">',
          '          <match url="(.*)" />',
          '          <conditions><add input="{HTTPS}" pattern="off" /></conditions>',
          '          <action type="Redirect" url="https://{HTTP_HOST}/{R:1}" />',
          '        </rule>',
          '        <rule name="Old blog" stopProcessing="true">',
          '          <match url="^blog/(.*)" />',
          '          <action type="Redirect" url="https://blog.example.com/{R:1}" />',
          '        </rule>',
          '      </rules>',
          '    </rewrite>',
          '    <httpErrors errorMode="Custom" />',
          '    <security>',
          '      <ipSecurity allowUnlisted="false" />',
          '    </security>',
          '    <httpProtocol>',
          '      <customHeaders><add name="X-Frame-Options" value="DENY" /></customHeaders>',
          '    </httpProtocol>',
          '    <directoryBrowse enabled="false" />',
          '    <isapiFilters />',
          '',
        ].join('\n'),
      ),
      'app.py': "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/')\ndef index():\n    return 'hi'\n",
    });
    const { status, stderr } = runBin(['migrate', '--yes'], site);
    assert.equal(status, 0, stderr);
    const notes = readFileSync(path.join(site, 'MIGRATION.md'), 'utf8');
    const expected: Record<string, [string, RegExp]> = {
      WSGI_LOG: ['`D:\\home\\LogFiles\\wfastcgi.log` (web.config appSettings)', /^App Service's log stream/],
      UPLOADS: ['`D:\\home\\data\\uploads` (web.config appSettings)', /^an app setting \(as `\/home\/data\/uploads`: D:\\home is \/home on Linux\)$/],
      REPORTS: ['`C:\\reports` (web.config appSettings)', /^\*\*To do:\*\* an app setting: a Windows path, which Linux does not have; give the Linux one$/],
      API_SECRET: ['`in-the-repository` (web.config appSettings)', /^\*\*To do:\*\* an app setting: it is in the repository's Windows configuration; rotate it/],
      'rule "HTTPS"': ['`(.*)` -> Redirect `https://{HTTP_HOST}/{R:1}`', /^httpsOnly \(set in the template\)/],
      'rule "Old blog"': ['`^blog/(.*)` -> Redirect `https://blog.example.com/{R:1}`', /^\*\*To do:\*\* a redirect in the app, to https:\/\/blog\.example\.com\/\{R:1\}$/],
      httpErrors: ['`configuration/system.webServer/httpErrors`', /^\*\*To do:\*\* the app's own error pages/],
      'security/ipSecurity': ['`configuration/system.webServer/security/ipSecurity`', /^\*\*To do:\*\* App Service access restrictions: az webapp config access-restriction add/],
      httpProtocol: ['`configuration/system.webServer/httpProtocol`', /^\*\*To do:\*\* the app sets its headers/],
      directoryBrowse: ['`configuration/system.webServer/directoryBrowse`', /^nothing lists a folder/],
      isapiFilters: ['`configuration/system.webServer/isapiFilters`', /^\*\*To do:\*\* no Linux equivalent is known/],
    };
    for (const [what, [was, becomes]] of Object.entries(expected)) {
      const cells = row(notes, what);
      assert.ok(cells, `MIGRATION.md has a row for ${what}`);
      assert.equal(cells[0], was, `${what}: on Windows`);
      assert.match(cells[1]!, becomes, `${what}: on Linux`);
    }
    const settings = JSON.parse(readFileSync(path.join(site, 'azure', 'linux', 'appsettings.json'), 'utf8')) as { name: string; value: string }[];
    assert.deepEqual(
      settings.map(setting => [setting.name, setting.value]),
      [['SCM_DO_BUILD_DURING_DEPLOYMENT', 'true'], ['WEB_CONCURRENCY', '3'], ['UPLOADS', '/home/data/uploads'], ['REPORTS', 'C:\\reports'], ['API_SECRET', 'in-the-repository']],
    );
    assert.match(notes, /^## Left for you to do\n\n(- \*\*.+\n)+/m);
    assert.match(notes, /^- \*\*Python\*\*: Python 3\.11: App Service on Linux does not offer Python 3\.6: 3\.11 is the nearest it does/m);
    assert.equal(notes.match(/^- \*\*/gm)?.length, 8, 'the Python, two settings, a redirect, and four IIS elements are left to do');
  });

  it("MIGRATION.md: a Django project's settings that App Service on Linux needs changed are rows to do, never edits", () => {
    const settings = "SECRET_KEY = 'django-insecure-abc'\nDEBUG = True\nALLOWED_HOSTS = []\nROOT_URLCONF = 'mysite.urls'\n";
    const site = folderWith({
      'web.config': webConfig('    <add key="WSGI_HANDLER" value="django.core.wsgi.get_wsgi_application()" />\n    <add key="DJANGO_SETTINGS_MODULE" value="mysite.settings" />\n', ''),
      'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
      'mysite/__init__.py': '',
      'mysite/settings.py': settings,
      'mysite/wsgi.py': "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n",
    });
    assert.equal(runBin(['migrate', '--yes'], site).status, 0);
    const notes = readFileSync(path.join(site, 'MIGRATION.md'), 'utf8');
    assert.match(row(notes, 'ALLOWED_HOSTS')![1]!, /^\*\*To do:\*\* App Service on Linux names the site in WEBSITE_HOSTNAME: add `ALLOWED_HOSTS\.append\(os\.environ\['WEBSITE_HOSTNAME'\]\)`/);
    assert.match(row(notes, 'DEBUG and SECRET_KEY')![1]!, /^\*\*To do:\*\* read them from app settings/);
    assert.equal(readFileSync(path.join(site, 'mysite', 'settings.py'), 'utf8'), settings, 'the settings are as they were');
    assert.deepEqual(templateOf(site).appSettings.find(setting => setting.name === 'DJANGO_SETTINGS_MODULE'), { name: 'DJANGO_SETTINGS_MODULE', value: 'mysite.settings' });
  });

  it("a generated Windows site keeps what Windows needs: requirements.txt only gains Linux's packages, and a later run of the app leaves it and the Windows template as they are", () => {
    const site = temporaryFolder('generated-windows-');
    assert.equal(runBin(['--yes', '--no-git', '--framework', 'flask', '--site-name', 'winapp'], site).status, 0);
    const requirements = readFileSync(path.join(site, 'requirements.txt'), 'utf8');
    const windowsTemplate = readFileSync(path.join(site, 'azure', 'azuredeploy.json'), 'utf8');
    assert.match(requirements, /^Flask==3\.0\.3; python_version >= "3\.8"$/m);
    assert.equal(runBin(['migrate', '--yes'], site).status, 0);
    const migrated = readFileSync(path.join(site, 'requirements.txt'), 'utf8');
    assert.ok(migrated.startsWith(requirements), 'every line it had, in its order');
    assert.match(migrated.slice(requirements.length), /^gunicorn==23\.0\.0\n/);
    const again = runBin(['--yes'], site);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(readFileSync(path.join(site, 'requirements.txt'), 'utf8'), migrated, "the app's run on the Linux answers adds nothing and removes nothing");
    assert.equal(readFileSync(path.join(site, 'azure', 'azuredeploy.json'), 'utf8'), windowsTemplate, 'the Windows template is never regenerated');
  });

  it('--remove-windows-files removes the Option 1 files and the placeholder, keeps the Linux ones; a re-run says it is done and changes nothing', () => {
    const site = temporaryFolder('portal-site-');
    assert.equal(runBin(['--yes', '--no-git', '--config', 'portal', '--site-name', 'portal-site'], site).status, 0);
    const removed = runBin(['migrate', '--yes', '--remove-windows-files'], site);
    assert.equal(removed.status, 0, removed.stderr);
    for (const file of ['azure/appsettings.json', 'azure/handler-mappings.json', 'azure/portal-steps.md']) {
      assert.ok(!existsSync(path.join(site, file)), `${file} is removed`);
      assert.match(removed.stderr, new RegExp(`^ +remove ${file.replace(/[./]/g, '\\$&')}$`, 'm'));
    }
    for (const file of ['azure/linux/appsettings.json', 'azure/linux/azuredeploy.json', 'MIGRATION.md', 'linux_app.py', 'requirements.txt']) assert.ok(existsSync(path.join(site, file)), `${file} is written`);
    assert.match(readFileSync(path.join(site, 'MIGRATION.md'), 'utf8'), /the Windows files were removed: `git log` has them/);
    const before = folderListing(site);
    const again = runBin(['migrate', '--yes'], site);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stderr, /was migrated already, and its Windows files removed: MIGRATION\.md says what became of them/);
    assert.deepEqual(folderListing(site), before);
  });

  it('a change to linux_app.py the user edited stops a run without a terminal, with nothing written; --force applies it', () => {
    const site = folderWith({ 'web.config': webConfig('    <add key="WSGI_HANDLER" value="app.app" />\n', ''), 'app.py': 'from flask import Flask\napp = Flask(__name__)\n' });
    assert.equal(runBin(['migrate', '--yes'], site).status, 0);
    writeFileSync(path.join(site, 'linux_app.py'), `${readFileSync(path.join(site, 'linux_app.py'), 'utf8')}\n# my own line\n`);
    // The Windows site now names another module: linux_app.py's plan changes, and the user's edit is in the way.
    writeFileSync(path.join(site, 'web.config'), readFileSync(path.join(site, 'web.config'), 'utf8').replace('value="app.app"', 'value="main.app"'));
    writeFileSync(path.join(site, 'main.py'), 'from app import app\n');
    const before = folderListing(site);
    const stopped = runBin(['migrate', '--yes'], site);
    assert.equal(stopped.status, 1);
    assert.match(stopped.stderr, /^generator-azure-python: Not overwritten without a terminal to ask: linux_app\.py/m);
    assert.deepEqual(folderListing(site), before, 'nothing written');
    const forced = runBin(['migrate', '--yes', '--force'], site);
    assert.equal(forced.status, 0, forced.stderr);
    assert.match(readFileSync(path.join(site, 'linux_app.py'), 'utf8'), /^import main as site_module/m);
  });

  it("the doctor on a Linux site: build automation off fails, a health check the app refuses fails", () => {
    const python = pythonWith('django');
    const django = {
      'manage.py': "import os\nimport sys\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n",
      'shop/__init__.py': '',
      'shop/settings.py': "SECRET_KEY = 'x'\nALLOWED_HOSTS = ['shop.azurewebsites.net']\nROOT_URLCONF = 'shop.urls'\nINSTALLED_APPS = []\n# As startproject writes it: CommonMiddleware checks the Host of every request.\nMIDDLEWARE = ['django.middleware.common.CommonMiddleware']\n",
      'shop/urls.py': "from django.http import HttpResponse\nfrom django.urls import path\n\nurlpatterns = [path('healthz', lambda request: HttpResponse('ok'))]\n",
      'shop/wsgi.py': "import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\napplication = get_wsgi_application()\n",
      'requirements.txt': 'Django\n',
      '.yo-rc.json': JSON.stringify({ 'generator-azure-python': { host: 'linux', siteName: 'shop' } }),
      'azure/azuredeploy.json': JSON.stringify({
        resources: [
          {
            type: 'Microsoft.Web/sites',
            properties: {
              siteConfig: {
                appCommandLine: 'gunicorn --bind=0.0.0.0:${PORT:-8000} --timeout 220 shop.wsgi:application',
                healthCheckPath: '/healthz',
                appSettings: [{ name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }],
              },
            },
          },
        ],
      }),
    };
    const checks = diagnose(folderWith(django), python);
    const byId = Object.fromEntries(checks.map(found => [found.id, found]));
    assert.equal(byId['build-automation']?.status, 'fail');
    assert.match(byId['build-automation']!.message, /sets SCM_DO_BUILD_DURING_DEPLOYMENT to false: requirements\.txt is never installed/);
    assert.equal(byId['health-check']?.status, 'fail');
    assert.match(byId['health-check']!.message, /shop\.wsgi:application does not answer it with 200 for a platform probe \(Host 169\.254\.129\.3:8000\): the app refuses the probe's Host/);
  });
});
