import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from '../../lib/xml/tree.js';
import { contentHash } from '../../lib/engine/file-history.js';
import { checkWsgiModule, folderListing, keptInYoRc, parseWebConfig, parseXml, python3, readText, runGenerator, temporaryFolder } from '../helpers.js';

const greeting = 'Hello from Azure Websites\n';

function assertServesGreeting(siteFolder: string, module: string, callable: string): void {
  const responses = checkWsgiModule(siteFolder, module, callable);
  assert.deepEqual(
    responses.map(response => response.method),
    ['GET', 'HEAD', 'POST', 'GET'],
  );
  for (const response of responses) {
    assert.equal(response.status, '200 OK');
    const headers = Object.fromEntries(response.headers.map(([name, value]) => [name.toLowerCase(), value]));
    assert.equal(headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(headers['content-length'], String(greeting.length));
    assert.equal(response.body, response.method === 'HEAD' ? '' : greeting);
  }
}

function only(document: ReturnType<typeof parseXml>, tag: string): Element {
  const elements = document.getElementsByTagName(tag);
  assert.equal(elements.length, 1, `one <${tag}>`);
  return elements[0]!;
}

function appSettingsOf(document: ReturnType<typeof parseXml>): Record<string, string | null> {
  const settings = only(document, 'appSettings').getElementsByTagName('add');
  return Object.fromEntries(Array.from(settings, setting => [setting.getAttribute('key')!, setting.getAttribute('value')]));
}

describe('module generator', () => {
  it('writes a PEP 3333 module that wsgiref.validate accepts for GET, HEAD, POST and a query string', async () => {
    const result = await runGenerator('module', { module: 'ConfigurePython', callable: 'application' });
    assertServesGreeting(result.cwd, 'ConfigurePython', 'application');
    assert.match(readText(result.cwd, 'ConfigurePython/ConfigurePython.py'), /body = b'Hello from Azure Websites\\n'/);
  });

  it('names the module and callable as asked, and compiles', async () => {
    const result = await runGenerator('module', { module: 'shop_site', callable: 'wsgi_app' });
    assertServesGreeting(result.cwd, 'shop_site', 'wsgi_app');
    const module = readText(result.cwd, 'shop_site/shop_site.py');
    assert.deepEqual(JSON.parse(readText(result.cwd, '.yo-rc.json')), {
      'generator-azure-python': {
        module: 'shop_site',
        framework: 'wsgi',
        callable: 'wsgi_app',
        files: { 'shop_site/shop_site.py': { planned: contentHash(module), written: contentHash(module) } },
      },
    });
  });

  it('serves the greeting over HTTP when run as a script', async function () {
    this.timeout(20_000);
    const result = await runGenerator('module', { yes: true });
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const { spawn } = await import('node:child_process');
    const server = spawn(python3(), ['ConfigurePython/ConfigurePython.py'], {
      cwd: result.cwd,
      env: { ...process.env, PORT: String(port) },
      stdio: 'ignore',
    });
    try {
      let body = '';
      for (let attempt = 0; attempt < 50 && body === ''; attempt++) {
        try {
          body = await (await fetch(`http://localhost:${port}/any/path?x=1`)).text();
        } catch {
          await new Promise(resolve => setTimeout(resolve, 100));
        }
      }
      assert.equal(body, greeting);
    } finally {
      server.kill();
    }
  });
});

describe('webconfig generator', () => {
  it('writes the document\'s web.config and the handler.fcgi placeholder', async () => {
    const result = await runGenerator('webconfig', { yes: true });
    const document = parseWebConfig(readText(result.cwd, 'web.config'));
    assert.equal(document.documentElement!.tagName, 'configuration');
    assert.deepEqual(appSettingsOf(document), {
      pythonpath: 'D:\\home\\site\\wwwroot\\ConfigurePython',
      WSGI_HANDLER: 'ConfigurePython.application',
    });
    const handler = only(document, 'handlers').getElementsByTagName('add')[0]!;
    assert.deepEqual(
      Object.fromEntries(Array.from(handler.attributes, attribute => [attribute.name, attribute.value])),
      {
        name: 'PythonHandler',
        path: 'handler.fcgi',
        verb: '*',
        modules: 'FastCgiModule',
        scriptProcessor: 'D:\\Python27\\python.exe|D:\\Python27\\Scripts\\wfastcgi.py',
        resourceType: 'Either',
      },
    );
    const rule = only(document, 'rule');
    assert.equal(rule.getAttribute('name'), 'Configure Python');
    assert.equal(rule.getAttribute('stopProcessing'), 'true');
    assert.equal(only(document, 'match').getAttribute('url'), '(.*)');
    assert.equal(only(document, 'match').getAttribute('ignoreCase'), 'false');
    const condition = only(document, 'conditions').getElementsByTagName('add')[0]!;
    assert.equal(condition.getAttribute('input'), '{REQUEST_FILENAME}');
    assert.equal(condition.getAttribute('matchType'), 'IsFile');
    assert.equal(condition.getAttribute('negate'), 'true');
    const action = only(document, 'action');
    assert.equal(action.getAttribute('type'), 'Rewrite');
    assert.equal(action.getAttribute('url'), 'handler.fcgi/{R:1}');
    assert.equal(action.getAttribute('appendQueryString'), 'true');
    assert.equal(readText(result.cwd, 'handler.fcgi'), '');
  });

  it('takes both script processor paths from the runtime', async () => {
    const result = await runGenerator('webconfig', { yes: true, python: '3.4' });
    const handler = only(parseWebConfig(readText(result.cwd, 'web.config')), 'handlers').getElementsByTagName('add')[0]!;
    assert.equal(handler.getAttribute('scriptProcessor'), 'D:\\Python34\\python.exe|D:\\Python34\\Scripts\\wfastcgi.py');
  });

  it('escapes values: a site root with & and \' reads back exactly', async () => {
    const siteRoot = "E:\\R&D sites\\it's";
    const result = await runGenerator('webconfig', { yes: true, 'site-root': siteRoot, module: 'Shop' });
    const text = readText(result.cwd, 'web.config');
    assert.ok(text.includes('R&amp;D'), 'the & is escaped in the file');
    assert.equal(appSettingsOf(parseWebConfig(text)).pythonpath, `${siteRoot}\\Shop`);
  });

  it('reuses the answers kept in .yo-rc.json', async () => {
    const folder = temporaryFolder();
    writeFileSync(
      path.join(folder, '.yo-rc.json'),
      JSON.stringify({ 'generator-azure-python': { module: 'Kept', callable: 'app', python: '3.4', siteRoot: 'D:\\site' } }),
    );
    const result = await runGenerator('webconfig', {}, { folder });
    const document = parseWebConfig(readText(result.cwd, 'web.config'));
    assert.deepEqual(appSettingsOf(document), { pythonpath: 'D:\\site\\Kept', WSGI_HANDLER: 'Kept.app' });
  });
});

describe('portal generator', () => {
  it('writes Option 1 as files for the Azure CLI, and no web.config', async () => {
    const result = await runGenerator('portal', { yes: true, 'site-name': 'contoso-py', python: '3.4' });
    assert.deepEqual(JSON.parse(readText(result.cwd, 'azure/appsettings.json')), [
      { name: 'PYTHONPATH', value: 'D:\\home\\site\\wwwroot\\ConfigurePython', slotSetting: false },
      { name: 'WSGI_HANDLER', value: 'ConfigurePython.application', slotSetting: false },
    ]);
    assert.deepEqual(JSON.parse(readText(result.cwd, 'azure/handler-mappings.json')), {
      properties: {
        handlerMappings: [
          { extension: '*', scriptProcessor: 'D:\\Python34\\python.exe', arguments: 'D:\\Python34\\Scripts\\wfastcgi.py' },
        ],
      },
    });
    const steps = readText(result.cwd, 'azure/portal-steps.md');
    for (const value of ['D:\\Python34\\python.exe', 'D:\\Python34\\Scripts\\wfastcgi.py', '`PYTHONPATH` = `D:\\home\\site\\wwwroot\\ConfigurePython`', '--settings @azure/appsettings.json', '--body @azure/handler-mappings.json', '-n contoso-py']) {
      assert.ok(steps.includes(value), `portal steps mention ${value}`);
    }
    assert.equal(existsSync(path.join(result.cwd, 'web.config')), false);
  });
});

describe('portal generator: --wsgi-log', () => {
  it('adds WSGI_LOG to the app settings', async () => {
    const result = await runGenerator('portal', { yes: true, 'wsgi-log': 'D:\\home\\LogFiles\\wfastcgi.log' });
    const settings = JSON.parse(readText(result.cwd, 'azure/appsettings.json')) as { name: string; value: string }[];
    assert.deepEqual(settings[2], { name: 'WSGI_LOG', value: 'D:\\home\\LogFiles\\wfastcgi.log', slotSetting: false });
    assert.ok(readText(result.cwd, 'azure/portal-steps.md').includes('`WSGI_LOG` = `D:\\home\\LogFiles\\wfastcgi.log`'));
  });
});

describe('app generator', () => {
  it('yo azure-python my-site --yes: the document\'s layout and values', async () => {
    const result = await runGenerator('app', { yes: true, git: false }, { args: ['my-site'] });
    const site = path.join(result.cwd, 'my-site');
    assert.deepEqual(Object.keys(folderListing(site)).sort(), [
      '.yo-rc.json',
      'ConfigurePython/',
      'ConfigurePython/ConfigurePython.py',
      'README.md',
      'azure/',
      'azure/azuredeploy.json',
      'handler.fcgi',
      'web.config',
    ]);
    assert.deepEqual(keptInYoRc(site).answers, {
      siteName: 'my-site',
      module: 'ConfigurePython',
      framework: 'wsgi',
      callable: 'application',
      host: 'azure',
      server: 'fastcgi',
      python: '2.7',
      interpreter: '',
      wfastcgi: '',
      config: 'webconfig',
      siteRoot: 'D:\\home\\site\\wwwroot',
      routing: 'rewrite',
      staticDir: '',
      wsgiLog: '',
      harden: true,
      provision: true,
      ci: 'none',
      git: false,
    });
    assert.equal(appSettingsOf(parseWebConfig(readText(site, 'web.config'))).WSGI_HANDLER, 'ConfigurePython.application');
    assertServesGreeting(site, 'ConfigurePython', 'application');
  });

  it('--config portal gives the portal files instead of web.config', async () => {
    const result = await runGenerator('app', { yes: true, git: false, config: 'portal' }, { args: ['my-site'] });
    const files = Object.keys(folderListing(path.join(result.cwd, 'my-site'))).sort();
    assert.ok(files.includes('azure/appsettings.json') && files.includes('azure/portal-steps.md'));
    assert.ok(!files.includes('web.config') && !files.includes('handler.fcgi'));
  });

  it('takes every answer from prompts', async () => {
    const answers = {
      siteName: 'prompted-site',
      module: 'Prompted',
      callable: 'app',
      python: '3.4',
      config: 'webconfig',
      siteRoot: 'D:\\home\\site\\wwwroot',
      routing: 'rewrite',
      staticDir: 'static',
      wsgiLog: 'D:\\home\\LogFiles\\wfastcgi.log',
      git: false,
    };
    const result = await runGenerator('app', {}, { answers: { ...answers, customise: true } });
    assert.equal(readText(result.cwd, 'static/hello.txt').length > 0, true);
    const document = parseWebConfig(readText(result.cwd, 'web.config'));
    assert.deepEqual(appSettingsOf(document), {
      pythonpath: 'D:\\home\\site\\wwwroot\\Prompted',
      WSGI_HANDLER: 'Prompted.app',
      WSGI_LOG: 'D:\\home\\LogFiles\\wfastcgi.log',
    });
    const defaults = { framework: 'wsgi', host: 'azure', server: 'fastcgi', interpreter: '', wfastcgi: '', serveFiles: 'existing', harden: true, provision: true, ci: 'none' };
    assert.deepEqual(keptInYoRc(result.cwd).answers, { ...answers, ...defaults });
    assertServesGreeting(result.cwd, 'Prompted', 'app');
  });

  it('checks prompted answers by the same rules', async () => {
    await assert.rejects(
      runGenerator('app', { git: false }, { answers: { module: 'class', customise: true } }),
      { message: /^--module: "class" is not allowed/ },
    );
  });

  it('never writes a package.json into the site', async () => {
    const result = await runGenerator('app', { yes: true });
    assert.equal(existsSync(path.join(result.cwd, 'package.json')), false);
  });

  for (const [option, value] of [
    ['module', 'my-module'],
    ['callable', 'app()'],
    ['site-name', '-bad-'],
    ['python', '3.9'],
    ['config', 'iis'],
    ['site-root', 'D:/home/site'],
    ['routing', 'proxy'],
    ['static-dir', '../static'],
    ['serve-files', 'static-only'],
    ['wsgi-log', 'wfastcgi.log'],
    ['remote', 'https://me:secret@site.scm.azurewebsites.net/site.git'],
  ] as const) {
    it(`rejects --${option} ${JSON.stringify(value)} before writing anything`, async () => {
      const folder = temporaryFolder();
      mkdirSync(path.join(folder, 'existing'));
      writeFileSync(path.join(folder, 'existing', 'keep.txt'), 'user file\n');
      const before = folderListing(folder);
      await assert.rejects(
        runGenerator('app', { yes: true, [option]: value }, { folder, args: ['new-site'] }),
        (error: Error) => error.message.startsWith(`--${option}: `) && !error.message.includes('\n') && !error.message.includes('secret'),
      );
      assert.deepEqual(folderListing(folder), before);
    });
  }

  it('rejects a bad value kept in .yo-rc.json, naming the key', async () => {
    const folder = temporaryFolder();
    writeFileSync(path.join(folder, '.yo-rc.json'), JSON.stringify({ 'generator-azure-python': { python: '9.9' } }));
    await assert.rejects(runGenerator('app', { yes: true }, { folder }), { message: /^\.yo-rc\.json "python": "9\.9" is not allowed/ });
  });
});
