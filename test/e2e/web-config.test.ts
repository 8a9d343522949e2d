import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Document, Element } from '../../lib/xml/tree.js';
import { packageRoot } from '../../lib/engine/package-root.js';
import { hiddenExtensions, hiddenSegments } from '../../lib/iis/names.js';
import { malformedWebConfigs } from '../fixtures/malformed.js';
import { runBin, folderListing, parseWebConfig, parseXml, readText, runGenerator, temporaryFolder } from '../helpers.js';
import { requestOutcome, type Outcome } from '../../lib/iis/request-pipeline.js';
import { schemaProblems } from '../../lib/iis/schema.js';

/** The model's outcome, with the handler's own fields of a Python outcome left to the serve tests: where the request goes, and the path the app sees. */
function routed(...args: Parameters<typeof requestOutcome>): Outcome {
  const outcome = requestOutcome(...args);
  return outcome.kind === 'python' ? ({ kind: 'python', pathInfo: outcome.pathInfo } as Outcome) : outcome;
}


const fixtures = path.join(packageRoot, 'test', 'fixtures', 'web-configs');

function elements(scope: Document | Element, name: string): Element[] {
  return Array.from(scope.getElementsByTagName(name));
}

function attributes(element: Element): Record<string, string> {
  return Object.fromEntries(Array.from(element.attributes, attribute => [attribute.name, attribute.value]));
}

/** Every element of a document as path + attributes, and every comment: what a merge must keep. */
function contentOf(document: Document): string[] {
  const found: string[] = [];
  const visit = (node: Element, trail: string) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 8) found.push(`${trail} <!--${(child as unknown as { data: string }).data}-->`);
      if (child.nodeType !== 1) continue;
      const element = child as Element;
      const here = `${trail}/${element.nodeName}`;
      found.push(`${here} ${JSON.stringify(attributes(element))}`);
      visit(element, here);
    }
  };
  visit(document.documentElement!, '');
  return found;
}

function siteWithWebConfig(fixture: string): string {
  const folder = temporaryFolder();
  copyFileSync(path.join(fixtures, fixture), path.join(folder, 'web.config'));
  return folder;
}

const python = (pathInfo: string): Outcome => ({ kind: 'python', pathInfo }) as Outcome;
const file = (name: string, mimeType: string): Outcome => ({ kind: 'file', file: name, mimeType });

describe('web.config: routing and hardening', () => {
  const variants = [
    {},
    { 'static-dir': 'static' },
    { 'static-dir': 'assets/static', 'serve-files': 'static-only' },
    { routing: 'wildcard' },
    { routing: 'wildcard', 'static-dir': 'static' },
    { 'wsgi-log': 'D:\\home\\LogFiles\\wfastcgi.log', harden: false },
    { routing: 'wildcard', harden: false, python: '3.4' },
  ];
  for (const options of variants) {
    it(`is valid for IIS: ${JSON.stringify(options)}`, async () => {
      const result = await runGenerator('webconfig', { yes: true, ...options });
      const document = parseWebConfig(readText(result.cwd, 'web.config'));
      const staticDir = (options as { 'static-dir'?: string })['static-dir'];
      if (staticDir && (options as { routing?: string }).routing === 'wildcard') {
        parseWebConfig(readText(result.cwd, `${staticDir}/web.config`));
      }
      assert.equal(elements(document, 'security').length, (options as { harden?: boolean }).harden === false ? 0 : 1);
    });
  }

  it('rewrite (default): files are IIS\'s, every other URL reaches Python with its own path', async () => {
    const result = await runGenerator('webconfig', { yes: true });
    const site = result.cwd;
    writeFileSync(path.join(site, 'logo.png'), 'png');
    assert.deepEqual(routed(site, '/'), python('/'));
    assert.deepEqual(routed(site, '/shop/cart?id=1'), python('/shop/cart'));
    assert.deepEqual(routed(site, '/logo.png'), file('logo.png', 'image/png'));
    assert.deepEqual(routed(site, '/handler.fcgi'), python('/handler.fcgi'));
    // The module's source is a file without a MIME type: IIS never serves it.
    mkdirSync(path.join(site, 'ConfigurePython'));
    writeFileSync(path.join(site, 'ConfigurePython', 'ConfigurePython.py'), '');
    assert.deepEqual(routed(site, '/ConfigurePython/ConfigurePython.py'), { kind: 'not found', status: '404.3' });
  });

  it('hides the private files, and only URLs with those exact segments', async () => {
    const result = await runGenerator('webconfig', { yes: true });
    const site = result.cwd;
    for (const name of ['.yo-rc.json', '.gitignore', 'requirements.txt', 'runtime.txt']) writeFileSync(path.join(site, name), '{}');
    for (const { segment } of hiddenSegments) {
      assert.deepEqual(routed(site, `/${segment}`), { kind: 'refused', status: '404.8' }, segment);
      assert.deepEqual(routed(site, `/a/${segment}/b`), { kind: 'refused', status: '404.8' }, `${segment} anywhere in the URL`);
    }
    for (const { extension } of hiddenExtensions) {
      assert.deepEqual(routed(site, `/ConfigurePython/module${extension}`), { kind: 'refused', status: '404.7' });
    }
    for (const url of ['/environment', '/envelope/1', '/requirements', '/static.txt.html', '/a/__pycache__x', '/api/v1/users']) {
      assert.equal(routed(site, url).kind, 'python', `${url} still reaches the app`);
    }
    const comments = elements(parseXml(readText(site, 'web.config')), 'hiddenSegments')[0]!.childNodes;
    const commentText = Array.from(comments).filter(node => node.nodeType === 8).map(node => (node as unknown as { data: string }).data.trim());
    // Each entry says what it hides; that an app URL is refused too is said once, above the list.
    // webconfig alone, in a folder without the ARM template: no azure folder to hide.
    assert.deepEqual(commentText, hiddenSegments.map(entry => entry.what));
    assert.equal(readText(site, 'web.config').match(/an app's URL too/g)?.length, 2, 'once for the segments, once for the extensions');
  });

  it('--no-harden leaves request filtering out: IIS then serves .yo-rc.json', async () => {
    const result = await runGenerator('webconfig', { yes: true, harden: false });
    assert.deepEqual(routed(result.cwd, '/.yo-rc.json'), file('.yo-rc.json', 'application/json'));
  });

  it('--static-dir: the folder is IIS\'s, a missing file there is a 404, not a Python call', async () => {
    const result = await runGenerator('webconfig', { yes: true, 'static-dir': 'static' });
    const site = result.cwd;
    writeFileSync(path.join(site, 'robots.txt'), 'x');
    assert.equal(readText(site, 'static/hello.txt').includes('served by IIS'), true);
    assert.deepEqual(routed(site, '/static/hello.txt'), file('static/hello.txt', 'text/plain'));
    assert.deepEqual(routed(site, '/static/missing.css'), { kind: 'not found', status: '404.0' });
    assert.deepEqual(routed(site, '/robots.txt'), file('robots.txt', 'text/plain'));
    assert.deepEqual(routed(site, '/statically'), python('/statically'));
  });

  it('--serve-files static-only: a file outside the static folder goes to Python', async () => {
    const result = await runGenerator('webconfig', { yes: true, 'static-dir': 'assets/static', 'serve-files': 'static-only' });
    const site = result.cwd;
    writeFileSync(path.join(site, 'robots.txt'), 'x');
    assert.deepEqual(routed(site, '/assets/static/hello.txt'), file('assets/static/hello.txt', 'text/plain'));
    assert.deepEqual(routed(site, '/robots.txt'), python('/robots.txt'));
    assert.deepEqual(routed(site, '/assets/other.css'), python('/assets/other.css'));
    const match = elements(parseXml(readText(site, 'web.config')), 'match')[0]!;
    assert.equal(match.getAttribute('url'), '^assets/static/');
  });

  it('--routing wildcard: every request reaches Python, no placeholder, no rewrite', async () => {
    const result = await runGenerator('webconfig', { yes: true, routing: 'wildcard' });
    const site = result.cwd;
    writeFileSync(path.join(site, 'logo.png'), 'png');
    const document = parseXml(readText(site, 'web.config'));
    assert.equal(elements(document, 'rewrite').length, 0);
    assert.equal(existsSync(path.join(site, 'handler.fcgi')), false);
    assert.deepEqual(attributes(elements(document, 'handlers')[0]!.getElementsByTagName('add')[0]!), {
      name: 'PythonHandler',
      path: '*',
      verb: '*',
      modules: 'FastCgiModule',
      scriptProcessor: 'D:\\Python27\\python.exe|D:\\Python27\\Scripts\\wfastcgi.py',
      resourceType: 'Unspecified',
      requireAccess: 'Script',
    });
    assert.deepEqual(routed(site, '/logo.png'), python('/logo.png'));
    assert.deepEqual(routed(site, '/a/b'), python('/a/b'));
    assert.deepEqual(routed(site, '/requirements.txt'), { kind: 'refused', status: '404.8' });
  });

  it('--routing wildcard --static-dir: the static folder\'s web.config removes the Python handler', async () => {
    const result = await runGenerator('webconfig', { yes: true, routing: 'wildcard', 'static-dir': 'static' });
    const site = result.cwd;
    assert.deepEqual(attributes(elements(parseXml(readText(site, 'static/web.config')), 'remove')[0]!), { name: 'PythonHandler' });
    assert.deepEqual(routed(site, '/static/hello.txt'), file('static/hello.txt', 'text/plain'));
    assert.deepEqual(routed(site, '/other/hello.txt'), python('/other/hello.txt'));
  });

  it('says what --routing wildcard means', () => {
    const { status, stderr } = runBin(['webconfig', '--yes', '--routing', 'wildcard', '--static-dir', 'static'], temporaryFolder());
    assert.equal(status, 0, stderr);
    assert.match(stderr, /--routing wildcard: every request, static files included, goes through Python, except under \/static\/, which IIS serves itself\./);
  });

  it('--wsgi-log adds WSGI_LOG', async () => {
    const result = await runGenerator('webconfig', { yes: true, 'wsgi-log': 'D:\\home\\LogFiles\\wfastcgi.log' });
    const settings = elements(parseXml(readText(result.cwd, 'web.config')), 'appSettings')[0]!.getElementsByTagName('add');
    assert.deepEqual(attributes(settings[2]!), { key: 'WSGI_LOG', value: 'D:\\home\\LogFiles\\wfastcgi.log' });
  });

  it('does what the routing table of docs/web-config.md says, request by request', async () => {
    const readme = readFileSync(path.join(packageRoot, 'docs', 'web-config.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| Request |'), readme.indexOf('\n\n', readme.indexOf('| Request |')));
    const [header, , ...rows] = table.split('\n').map(row => row.split(' | ').map(cell => cell.replace(/^\| |\s*\|$/g, '')));
    assert.deepEqual(header, ['Request', '`rewrite`', '`rewrite` + `--serve-files static-only`', '`wildcard`']);
    const columns = [
      { 'static-dir': 'static' },
      { 'static-dir': 'static', 'serve-files': 'static-only' },
      { 'static-dir': 'static', routing: 'wildcard' },
    ];
    const sites: string[] = [];
    for (const options of columns) {
      const site = temporaryFolder();
      await runGenerator('app', { yes: true, git: false, ...options }, { folder: site });
      for (const name of ['logo.png', 'static/site.css', 'requirements.txt']) writeFileSync(path.join(site, name), 'x');
      sites.push(site);
    }
    const expected = (cell: string): Outcome['kind'] =>
      cell.startsWith('Python') ? 'python' : cell.startsWith('IIS: 404') ? 'not found' : cell.startsWith('IIS') ? 'file' : 'refused';
    assert.equal(rows.length, 6);
    for (const [request, ...cells] of rows) {
      const urls = [...request!.matchAll(/`(\/[^`]*)`/g)].map(([, url]) => url!.replace('...', 'x'));
      assert.ok(urls.length > 0, request);
      for (const url of urls) {
        cells.forEach((cell, column) => assert.equal(routed(sites[column]!, url).kind, expected(cell), `${url} in column ${column + 1}`));
      }
    }
  });

  it('the IIS schema check catches a misspelt attribute, an unknown enum value and an unknown element', () => {
    const valid = readFileSync(path.join(fixtures, 'django-template.config'), 'utf8');
    assert.deepEqual(schemaProblems(parseXml(valid)), []);
    const broken = (from: string, to: string) => {
      assert.ok(valid.includes(from));
      return schemaProblems(parseXml(valid.replace(from, to)));
    };
    assert.match(broken('resourceType="Unspecified"', 'resourceType="Any"').join(), /resourceType="Any" is not one of File, Directory, Either, Unspecified/);
    assert.match(broken('scriptProcessor=', 'scriptProcesor=').join(), /IIS knows no attribute scriptProcesor/);
    assert.match(broken('<match url="(.*)"', '<match uri="(.*)"').join(), /IIS knows no attribute uri/);
    assert.match(broken('stopProcessing="true"', 'stopProcessing="yes"').join(), /stopProcessing="yes" is not true or false/);
    assert.match(broken('<modules ', '<module ').join(), /system\.webServer\/module: not a section/);
    assert.match(broken('<action type="Rewrite"', '<action type="Rewrite" url2="x"').join(), /IIS knows no attribute url2/);
    assert.match(broken(' verb="*"', '').join(), /the required attribute verb is missing/);
  });
});

describe('web.config: merging into an existing file', () => {
  const fixtureCases = [
    { fixture: 'other-handlers.config', change: 'addition' },
    { fixture: 'commented.config', change: 'addition' },
    { fixture: 'django-template.config', change: 'modification' },
  ] as const;

  for (const { fixture, change } of fixtureCases) {
    it(`${fixture}: keeps everything the file had, adds ours, and a re-run leaves it byte-identical`, async () => {
      const folder = siteWithWebConfig(fixture);
      const original = readFileSync(path.join(folder, 'web.config'), 'utf8');
      // A modification is Yeoman's conflict: answered "overwrite" here, as a user would.
      await runGenerator('webconfig', { yes: true, 'wsgi-log': 'D:\\home\\LogFiles\\wfastcgi.log' }, { folder, answers: { action: 'write' }, askOnConflict: true });
      const merged = readFileSync(path.join(folder, 'web.config'), 'utf8');
      const document = parseWebConfig(merged);

      const kept = new Set(contentOf(document));
      // The user's Python handler (found by what it does, "Python FastCGI" in Visual Studio's template) is updated in place.
      const changed = (line: string) => /"WSGI_HANDLER"|"PYTHONPATH"|name="Configure Python"|\/rules\/rule\/|"name":"Python FastCGI"/.test(line);
      for (const line of contentOf(parseXml(original.replace(/^\uFEFF/, '')))) {
        if (change === 'modification' && changed(line)) continue;
        assert.ok(kept.has(line), `kept: ${line}`);
      }
      const settings = Object.fromEntries(
        Array.from(elements(document, 'appSettings')[0]!.getElementsByTagName('add'), add => [add.getAttribute('key')!.toUpperCase(), add.getAttribute('value')]),
      );
      assert.equal(settings.PYTHONPATH, 'D:\\home\\site\\wwwroot\\ConfigurePython');
      assert.equal(settings.WSGI_HANDLER, 'ConfigurePython.application');
      assert.equal(settings.WSGI_LOG, 'D:\\home\\LogFiles\\wfastcgi.log');
      const handlers = elements(document, 'handlers')[0]!.getElementsByTagName('add');
      assert.equal(handlers[0]!.getAttribute('name'), fixture === 'django-template.config' ? 'Python FastCGI' : 'PythonHandler', 'the Python handler comes first: IIS takes the first match');
      assert.equal(elements(document, 'rule').filter(rule => rule.getAttribute('name') === 'Configure Python').length, 1);

      // The file's own conventions: byte-order mark and line ends.
      assert.equal(merged.startsWith('\uFEFF'), original.startsWith('\uFEFF'));
      assert.equal(merged.includes('\r\n'), original.includes('\r\n'));
      assert.equal(merged.replace(/\r\n/g, '').includes('\n'), !original.includes('\r\n'));

      writeFileSync(path.join(folder, 'handler.fcgi'), '');
      await runGenerator('webconfig', {}, { folder, askOnConflict: true });
      assert.equal(readFileSync(path.join(folder, 'web.config'), 'utf8'), merged, 'the second run changes nothing');
    });
  }

  it('an addition is applied without a terminal and without a question', () => {
    const folder = siteWithWebConfig('other-handlers.config');
    const { status, stderr } = runBin(['webconfig', '--yes'], folder);
    assert.equal(status, 0, stderr);
    assert.match(stderr, /^ {3}append web\.config$/m);
    // Said before it is written: the user's file gains entries, and nothing else of it changes.
    assert.match(stderr, /web\.config is there already: the site's entries go into it, and everything else in it stays as it is\./);
    assert.ok(stderr.indexOf('is there already') < stderr.indexOf('append web.config'));
    assert.doesNotMatch(stderr, /conflict/);
    const merged = readText(folder, 'web.config');
    const again = runBin(['webconfig', '--yes'], folder);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stderr, /identical web\.config/);
    assert.equal(readText(folder, 'web.config'), merged);
  });

  it('indents what it adds like the file around it', async () => {
    const folder = siteWithWebConfig('commented.config');
    await runGenerator('webconfig', { yes: true }, { folder });
    const lines = readText(folder, 'web.config').split('\n');
    assert.ok(lines.includes('            <add name="PythonHandler" path="handler.fcgi" verb="*" modules="FastCgiModule" scriptProcessor="D:\\Python27\\python.exe|D:\\Python27\\Scripts\\wfastcgi.py" resourceType="Either" />'));
    assert.ok(lines.includes('        </handlers>'));
    assert.ok(lines.includes('                    <add segment="bin" />'));
    assert.ok(lines.includes('                    <add segment=".yo-rc.json" />'));
    // ENV is already hidden: segments are compared without case, as IIS does.
    assert.equal(lines.filter(line => /segment="env"/i.test(line)).length, 1);
  });

  it('a conflicting entry is not overwritten without a terminal: one line naming it, nothing written', () => {
    const folder = siteWithWebConfig('django-template.config');
    const before = folderListing(folder);
    const { status, stderr, stdout } = runBin(['webconfig', '--yes'], folder);
    assert.equal(status, 1);
    assert.equal(stdout, '');
    // What detection read from the file comes first, as info lines; the refusal is one line.
    const lines = stderr.trimEnd().split('\n').filter(line => !line.startsWith('     info '));
    assert.equal(lines.length, 1, stderr);
    assert.match(
      lines[0]!,
      /^generator-azure-python: Not overwritten without a terminal to ask: web\.config \(.*WSGI_HANDLER.*was "ptvs_virtualenv_proxy\.get_virtualenv_handler\(\)".*\)\. Run again in a terminal .* or with --force/,
    );
    assert.deepEqual(folderListing(folder), before);
  });

  it('a handler of ours with another scriptProcessor is a conflict: "do not overwrite" keeps it, --force applies it', async () => {
    const folder = temporaryFolder();
    const userFile = readFileSync(path.join(fixtures, 'commented.config'), 'utf8').replace(
      '<handlers>\n        </handlers>',
      '<handlers>\n            <add name="PythonHandler" path="handler.fcgi" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py" resourceType="Either" />\n        </handlers>',
    );
    writeFileSync(path.join(folder, 'web.config'), userFile);
    // The answers name another Python than the file's: the one detection would read from it.
    await runGenerator('webconfig', { yes: true, host: 'azure', python: '2.7' }, { folder, answers: { action: 'skip' }, askOnConflict: true });
    assert.equal(readText(folder, 'web.config'), userFile);

    const { status, stderr } = runBin(['webconfig', '--yes', '--force', '--host', 'azure', '--python', '2.7'], folder);
    assert.equal(status, 0, stderr);
    const handler = elements(parseWebConfig(readText(folder, 'web.config')), 'handlers')[0]!.getElementsByTagName('add')[0]!;
    assert.equal(handler.getAttribute('scriptProcessor'), 'D:\\Python27\\python.exe|D:\\Python27\\Scripts\\wfastcgi.py');
  });

  it('switching to --routing wildcard removes our rewrite rules, and keeps the user\'s', async () => {
    const folder = siteWithWebConfig('other-handlers.config');
    await runGenerator('webconfig', { yes: true, 'static-dir': 'static' }, { folder });
    const withUserRule = readText(folder, 'web.config').replace('<rules>', '<rules>\r\n        <rule name="Force HTTPS" stopProcessing="true"><match url="(.*)"/><action type="Redirect" url="https://{HTTP_HOST}/{R:1}"/></rule>');
    writeFileSync(path.join(folder, 'web.config'), withUserRule);
    await runGenerator('webconfig', { routing: 'wildcard' }, { folder, answers: { action: 'write' }, askOnConflict: true });
    const document = parseWebConfig(readText(folder, 'web.config'));
    assert.deepEqual(elements(document, 'rule').map(rule => rule.getAttribute('name')), ['Force HTTPS']);
    assert.equal(elements(document, 'handlers')[0]!.getElementsByTagName('add')[0]!.getAttribute('path'), '*');
    assert.ok(!readText(folder, 'web.config').includes('URLs in the static folder'), 'the removed rule\'s comment goes with it');
    parseWebConfig(readText(folder, 'static/web.config'));
  });

  it('merges into a <location path="."> section rather than defining the section twice', async () => {
    const folder = temporaryFolder();
    const aspNetCore =
      '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <location path="." inheritInChildApplications="false">\n    <system.webServer>\n      <handlers>\n        <add name="aspNetCore" path="*" verb="*" modules="AspNetCoreModuleV2" resourceType="Unspecified" />\n      </handlers>\n    </system.webServer>\n  </location>\n</configuration>\n';
    writeFileSync(path.join(folder, 'web.config'), aspNetCore);
    await runGenerator('webconfig', { yes: true }, { folder });
    const document = parseWebConfig(readText(folder, 'web.config'));
    assert.equal(elements(document, 'system.webServer').length, 1);
    assert.deepEqual(
      Array.from(elements(document, 'handlers')[0]!.getElementsByTagName('add'), add => add.getAttribute('name')),
      ['PythonHandler', 'aspNetCore'],
    );
    const twice = aspNetCore.replace('</configuration>', '<system.webServer><handlers/></system.webServer></configuration>');
    assert.match(schemaProblems(parseXml(twice)).join(), /system\.webServer\/handlers: the section is defined twice/);
  });

  it('fills an empty <handlers/>, one level deeper than it', async () => {
    const folder = temporaryFolder();
    writeFileSync(path.join(folder, 'web.config'), '<configuration>\n\t<system.webServer>\n\t\t<handlers/>\n\t</system.webServer>\n</configuration>\n');
    await runGenerator('webconfig', { yes: true }, { folder });
    const lines = readText(folder, 'web.config').split('\n');
    assert.ok(lines.some(line => line.startsWith('\t\t\t<add name="PythonHandler"')), 'indented with the file\'s tabs');
    assert.ok(lines.includes('\t\t</handlers>'));
    parseWebConfig(lines.join('\n'));
  });

  it('merges into the static folder\'s own web.config', async () => {
    const folder = temporaryFolder();
    const staticConfig = '<?xml version="1.0"?>\n<configuration>\n  <system.webServer>\n    <staticContent>\n      <clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="30.00:00:00" />\n    </staticContent>\n  </system.webServer>\n</configuration>\n';
    mkdirSync(path.join(folder, 'static'));
    writeFileSync(path.join(folder, 'static', 'web.config'), staticConfig);
    await runGenerator('webconfig', { yes: true, routing: 'wildcard', 'static-dir': 'static' }, { folder });
    const document = parseWebConfig(readText(folder, 'static/web.config'));
    assert.equal(elements(document, 'clientCache').length, 1);
    assert.deepEqual(attributes(elements(document, 'remove')[0]!), { name: 'PythonHandler' });
  });

  // Each kind of malformed XML is a unit test of the merge (test/unit/xml.test.ts); one goes through the bin.
  it("a web.config with an unclosed element is never overwritten: one line with the parser's position, nothing written", () => {
    const folder = temporaryFolder();
    writeFileSync(path.join(folder, 'web.config'), malformedWebConfigs[0]!.text);
    const before = folderListing(folder);
    const { status, stderr } = runBin(['webconfig', '--yes'], folder);
    assert.equal(status, 1);
    const lines = stderr.trim().split('\n');
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0]!, /^generator-azure-python: web\.config is not well-formed XML \(/);
    assert.match(lines[0]!, malformedWebConfigs[0]!.position);
    assert.deepEqual(folderListing(folder), before);
  });

  it('a web.config whose root is not <configuration> is left alone', () => {
    const folder = temporaryFolder();
    writeFileSync(path.join(folder, 'web.config'), '<settings/>\n');
    const { status, stderr } = runBin(['webconfig', '--yes'], folder);
    assert.equal(status, 1);
    assert.match(stderr, /web\.config is not an IIS configuration file: its root element is <settings>/);
    assert.equal(readText(folder, 'web.config'), '<settings/>\n');
  });
});
