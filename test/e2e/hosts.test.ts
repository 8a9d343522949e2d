import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from '../../lib/xml/tree.js';
import { generateSite } from '../../lib/api.js';
import { hosts } from '../../lib/catalog/hosts.js';
import { startupCommand } from '../../lib/azure/linux.js';
import { packageRoot } from '../../lib/engine/package-root.js';
import { pythonRuntimes, type WindowsRuntime } from '../../lib/catalog/runtimes.js';
import { checkWebConfigsIn, parseWebConfig, pythonWith, readText, runBin, startAsAppService, temporaryFolder } from '../helpers.js';

const greeting = 'Hello from Azure Websites\n';

function handlerOf(site: string): Element {
  return parseWebConfig(readText(site, 'web.config')).getElementsByTagName('handlers')[0]!.getElementsByTagName('add')[0]!;
}

function attributes(element: Element): Record<string, string> {
  return Object.fromEntries(Array.from(element.attributes, attribute => [attribute.name, attribute.value]));
}

/** Waits until `url` answers, then returns its body; fails after `seconds`. */
async function fetchWhenUp(url: string, seconds = 15): Promise<string> {
  for (let waited = 0; waited < seconds * 10; waited++) {
    try {
      return await (await fetch(url)).text();
    } catch {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} did not answer in ${seconds} s`);
}

const windowsRows = pythonRuntimes.filter((runtime): runtime is WindowsRuntime => runtime.os === 'windows');
const linuxRows = pythonRuntimes.filter(runtime => runtime.os === 'linux');

describe('hosts, servers and runtimes', function () {
  this.timeout(120_000);

  it('every Windows runtime row, with FastCGI and with HttpPlatformHandler, gives a web.config IIS accepts', async () => {
    for (const runtime of windowsRows) {
      for (const server of ['fastcgi', 'httpplatform'] as const) {
        const site = path.join(temporaryFolder(), 'site');
        await generateSite({ destination: site, python: runtime.version, server, git: false, staticDir: 'static' });
        checkWebConfigsIn(site);
        const handler = attributes(handlerOf(site));
        if (server === 'fastcgi') {
          assert.equal(handler.scriptProcessor, `${runtime.interpreter}|${runtime.wfastcgi}`, runtime.version);
          assert.equal(handler.modules, 'FastCgiModule');
        } else {
          assert.deepEqual(handler, { name: 'PythonHandler', path: '*', verb: '*', modules: 'httpPlatformHandler', resourceType: 'Unspecified' });
          const platform = parseWebConfig(readText(site, 'web.config')).getElementsByTagName('httpPlatform')[0]!;
          // Azure builds a virtualenv env in the site root for its built-in Pythons (runtime.txt asks for it).
          const expected = runtime.siteExtension ? runtime.interpreter : 'D:\\home\\site\\wwwroot\\env\\Scripts\\python.exe';
          assert.equal(platform.getAttribute('processPath'), expected, runtime.version);
          assert.equal(existsSync(path.join(site, 'runtime.txt')), !runtime.siteExtension);
          assert.ok(existsSync(path.join(site, 'static', 'web.config')), 'the static folder removes the handler');
        }
      }
    }
  });

  it('site-extension rows name the extension that installs them, at the path it installs to', () => {
    const extensions = windowsRows.filter(runtime => runtime.siteExtension);
    assert.ok(extensions.length >= 10);
    for (const runtime of extensions) {
      const folder = path.win32.dirname(runtime.interpreter);
      assert.equal(runtime.wfastcgi, `${folder}\\wfastcgi.py`, 'wfastcgi.py sits beside python.exe');
      // The extensions Azure no longer offers had no azureappservice- prefix yet (Azure/azure-python-siteextensions, Archived/).
      assert.match(runtime.siteExtension!, runtime.offered === false ? /^python\d+x(64|86)$/ : /^azureappservice-python\d+x(64|86)$/);
    }
    assert.equal(windowsRows.find(runtime => runtime.version === '3.6')!.interpreter, 'D:\\home\\python364x64\\python.exe');
  });

  it('--interpreter and --wfastcgi: any other Python, in web.config and in the portal files', async () => {
    const interpreter = 'E:\\Pythons\\3.11\\python.exe';
    const wfastcgi = 'E:\\Pythons\\3.11\\Lib\\site-packages\\wfastcgi.py';
    const site = path.join(temporaryFolder(), 'site');
    await generateSite({ destination: site, interpreter, wfastcgi, git: false });
    assert.equal(handlerOf(site).getAttribute('scriptProcessor'), `${interpreter}|${wfastcgi}`);
    const portal = path.join(temporaryFolder(), 'portal');
    await generateSite({ destination: portal, interpreter, wfastcgi, config: 'portal', git: false });
    assert.deepEqual(JSON.parse(readText(portal, 'azure/handler-mappings.json')).properties.handlerMappings, [
      { extension: '*', scriptProcessor: interpreter, arguments: wfastcgi },
    ]);
    const { status, stderr } = runBin(['--yes', '--interpreter', interpreter], temporaryFolder());
    assert.equal(status, 1);
    assert.match(stderr, /^generator-azure-python: --interpreter: it needs --wfastcgi too/);
  });

  it('--host iis: C:\\inetpub\\<site>, a Python from python.org, and setup-iis.ps1 with exactly the handler\'s paths', async () => {
    const site = path.join(temporaryFolder(), 'intranet');
    await generateSite({ destination: site, host: 'iis', siteName: 'intranet', git: false });
    checkWebConfigsIn(site);
    const scriptProcessor = handlerOf(site).getAttribute('scriptProcessor')!;
    assert.equal(scriptProcessor, 'C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py');
    const settings = parseWebConfig(readText(site, 'web.config')).getElementsByTagName('appSettings')[0]!.getElementsByTagName('add');
    assert.equal(settings[0]!.getAttribute('value'), 'C:\\inetpub\\intranet\\ConfigurePython');

    const script = readText(site, 'setup-iis.ps1');
    const literal = (name: string) => new RegExp(`^\\$${name} = '([^']*)'$`, 'm').exec(script)?.[1];
    assert.equal(`${literal('python')}|${literal('wfastcgi')}`, scriptProcessor, 'the FastCGI application it registers is the handler\'s');
    assert.equal(literal('sitePath'), 'C:\\inetpub\\intranet');
    for (const step of [
      'Add-WebConfiguration -PSPath \'MACHINE/WEBROOT/APPHOST\' -Filter \'system.webServer/fastCgi\' -Value @{ fullPath = $python; arguments = $wfastcgi }',
      "Set-WebConfiguration -PSPath 'MACHINE/WEBROOT/APPHOST' -Filter 'system.webServer/handlers' -Metadata overrideMode -Value Allow",
      '& $python -m pip install --upgrade wfastcgi',
      'if (Test-Path $requirements) { & $python -m pip install -r $requirements }',
      "Install-WindowsFeature Web-CGI",
      "rewrite.dll",
      '--routing wildcard',
    ]) {
      assert.ok(script.includes(step), `setup-iis.ps1: ${step}`);
    }
    const segments = Array.from(parseWebConfig(readText(site, 'web.config')).getElementsByTagName('hiddenSegments')[0]!.getElementsByTagName('add'));
    assert.ok(segments.some(add => add.getAttribute('segment') === 'setup-iis.ps1'), 'IIS never serves the script');

    const wildcard = path.join(temporaryFolder(), 'wildcard');
    const { stderr } = runBin(['wildcard', '--yes', '--host', 'iis', '--no-git'], path.dirname(wildcard));
    assert.match(stderr, /--routing rewrite needs IIS's URL Rewrite module .* --routing wildcard is the set-up that works/);
  });

  it('--host iis: a path with a quote is a correct PowerShell literal', async () => {
    const site = path.join(temporaryFolder(), 'site');
    await generateSite({ destination: site, host: 'iis', siteRoot: "C:\\inetpub\\o'neil", git: false });
    assert.match(readText(site, 'setup-iis.ps1'), /^\$sitePath = 'C:\\inetpub\\o''neil'$/m);
  });

  it('--server httpplatform: waitress, started with the exact arguments web.config holds, answers over HTTP', async () => {
    const site = path.join(temporaryFolder(), 'site');
    await generateSite({ destination: site, server: 'httpplatform', python: '3.6', module: 'Shop', callable: 'app', git: false });
    const platform = parseWebConfig(readText(site, 'web.config')).getElementsByTagName('httpPlatform')[0]!;
    assert.equal(platform.getAttribute('processPath'), 'D:\\home\\python364x64\\python.exe');
    assert.equal(platform.getAttribute('stdoutLogFile'), 'D:\\home\\LogFiles\\python.log');
    assert.match(readText(site, 'requirements.txt'), /^waitress==3\.0\.2; python_version >= "3\.8"$/m);
    assert.equal(existsSync(path.join(site, 'handler.fcgi')), false);

    // As HttpPlatformHandler does: a free port for %HTTP_PLATFORM_PORT%, the environment
    // variables set (the Windows site root mapped to this folder), python run with the arguments.
    const port = 21_000 + Math.floor(Math.random() * 20_000);
    const args = platform.getAttribute('arguments')!.replace('%HTTP_PLATFORM_PORT%', String(port)).split(' ');
    const environment: NodeJS.ProcessEnv = { ...process.env };
    for (const variable of Array.from(platform.getElementsByTagName('environmentVariable'))) {
      environment[variable.getAttribute('name')!] = variable.getAttribute('value')!.replace('D:\\home\\site\\wwwroot', site).replaceAll('\\', '/');
    }
    const server = spawn(pythonWith('waitress'), args, { cwd: site, env: environment, stdio: 'ignore' });
    try {
      assert.equal(await fetchWhenUp(`http://127.0.0.1:${port}/any/path`), greeting);
    } finally {
      server.kill();
    }
  });

  it('--host linux: no web.config; gunicorn, started with the exact startup command, answers over HTTP', async () => {
    const site = path.join(temporaryFolder(), 'site');
    const lines: string[] = [];
    await generateSite({ destination: site, host: 'linux', siteName: 'contoso-linux', git: false, log: line => lines.push(line) });
    assert.equal(existsSync(path.join(site, 'web.config')), false);
    assert.equal(existsSync(path.join(site, 'handler.fcgi')), false);
    assert.match(readText(site, 'requirements.txt'), /^gunicorn==23\.0\.0$/m);
    const command = startupCommand({ module: 'ConfigurePython', moduleDir: 'ConfigurePython', callable: 'application', framework: 'wsgi' });
    assert.equal(command, 'gunicorn --bind=0.0.0.0:${PORT:-8000} --timeout 220 --chdir ConfigurePython ConfigurePython:application');
    const printed = lines.join('\n');
    assert.ok(printed.includes(`az webapp config set -g <resource-group> -n contoso-linux --startup-file '${command}'`), printed);
    assert.ok(printed.includes('az webapp config set -g <resource-group> -n contoso-linux --linux-fx-version "PYTHON|3.12"'));
    const kept = JSON.parse(readText(site, '.yo-rc.json'))['generator-azure-python'];
    assert.equal(kept.siteRoot, undefined, 'no IIS site root is kept for Linux');

    const server = startAsAppService(site, command);
    try {
      assert.equal((await server.get('/any/path')).body, greeting);
    } finally {
      server.stop();
    }
  });

  it('every Linux runtime row; a Windows row on Linux (and the reverse) is refused', async () => {
    for (const runtime of linuxRows) {
      const site = path.join(temporaryFolder(), 'site');
      const lines: string[] = [];
      await generateSite({ destination: site, host: 'linux', python: runtime.version, git: false, log: line => lines.push(line) });
      assert.ok(lines.some(line => line.includes(`--linux-fx-version "PYTHON|${runtime.version}"`)));
    }
    let result = runBin(['--yes', '--host', 'linux', '--python', '3.6'], temporaryFolder());
    assert.match(result.stderr, /^generator-azure-python: --python: "3\.6" is not allowed: on --host linux, use one of 3\.11, 3\.12, 3\.13, 3\.14\n$/);
    result = runBin(['--yes', '--config', 'portal', '--server', 'httpplatform'], temporaryFolder());
    assert.match(result.stderr, /^generator-azure-python: --config: "portal" is not allowed: the portal \(Option 1\) configures Azure App Service on Windows with FastCGI/);
  });

  it('--help and docs/hosts-and-runtimes.md show every host, server and runtime row', () => {
    const readme = readFileSync(path.join(packageRoot, 'docs', 'hosts-and-runtimes.md'), 'utf8');
    const { stdout } = runBin(['--help'], temporaryFolder());
    for (const host of hosts) assert.ok(readme.includes(`| \`${host.name}\``) && stdout.includes(host.name), host.name);
    for (const runtime of pythonRuntimes) {
      assert.ok(readme.includes(`| \`${runtime.version}\``), `the README's runtime table has ${runtime.version}`);
      if (runtime.os === 'windows') assert.ok(readme.includes(runtime.interpreter), runtime.interpreter);
      // A runtime Azure no longer offers (a site extension, a Python past its end of life) is accepted, and listed in the docs as such, never in --help.
      const offered = runtime.offered !== false;
      assert.equal(new RegExp(`\\b${runtime.version.replace(/\./g, '\\.')}(?![\\w.-])`).test(stdout), offered, `--help ${offered ? 'lists' : 'leaves out'} ${runtime.version}`);
      if (!offered) assert.match(readme, new RegExp(`\\| \`${runtime.version}\` \\| ${runtime.os === 'linux' ? 'linux' : 'azure'} \\| no longer offered`));
    }
  });
});
