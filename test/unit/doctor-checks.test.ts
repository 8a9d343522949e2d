import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { branchCheck, deploymentFilesCheck, packageJsonCheck, requirementsCheck } from '../../lib/doctor/checks/deployment.js';
import { handlerSettingCheck, placeholderCheck, pythonPathCheck } from '../../lib/doctor/checks/web-config.js';
import { diagnose } from '../../lib/doctor/diagnose.js';
import { startupCommandCheck } from '../../lib/doctor/checks/linux.js';
import { checksAsJson, fixChanges, formatReport } from '../../lib/doctor/report.js';
import { applyEdits } from '../../lib/doctor/changes.js';
import { readExistingSite } from '../../lib/site/existing.js';
import { elementAt, elementPath } from '../../lib/xml/dom.js';
import { parseXmlText } from '../../lib/xml/text.js';
import { folderWith, git, temporaryFolder } from '../helpers.js';

/** A hand-written site folder holding `files` (relative path: contents). */
function site(files: Record<string, string>): string {
  return folderWith(files, 'doctor-unit-');
}

const handler = (resourceType: string, scriptProcessor = 'D:\\Python27\\python.exe|D:\\Python27\\Scripts\\wfastcgi.py') =>
  `<configuration>\n  <appSettings>\n    <add key="WSGI_HANDLER" value="app.app" />\n    <add key="PYTHONPATH" value="D:\\home\\site\\wwwroot" />\n  </appSettings>\n  <system.webServer>\n    <handlers>\n      <add name="Python" path="handler.fcgi" verb="*" modules="FastCgiModule" scriptProcessor="${scriptProcessor}" resourceType="${resourceType}" />\n    </handlers>\n  </system.webServer>\n</configuration>\n`;

describe("the doctor's checks, one by one", () => {
  it('startup command on Linux: a generated site passes; the reported failures are found, each with its fix', async () => {
    const { generateSite } = await import('../../lib/api.js');
    const generated = path.join(temporaryFolder(), 'site');
    await generateSite({ destination: generated, host: 'linux', framework: 'flask', git: false });
    assert.equal(startupCommandCheck(readExistingSite(generated))?.status, 'pass');
    const linux = (files: Record<string, string>) => readExistingSite(site({ '.yo-rc.json': '{"generator-azure-python":{"host":"linux"}}', ...files }));
    // As in MicrosoftDocs/azure-docs#16086: startup.txt naming only the app, and gunicorn "Listening at: http://127.0.0.1:8000".
    const unbound = startupCommandCheck(linux({ 'startup.txt': 'gunicorn web_app:APP\n' }))!;
    assert.equal(unbound.status, 'fail');
    assert.match(unbound.message, /startup\.txt has no --bind: gunicorn listens on 127\.0\.0\.1:8000/);
    assert.match(unbound.fix!, /--bind=0\.0\.0\.0:\$\{PORT:-8000\}/);
    const loopback = startupCommandCheck(linux({ 'startup.sh': '#!/bin/sh\ngunicorn -b 127.0.0.1:8000 app:app\n' }))!;
    assert.equal(loopback.status, 'fail');
    assert.match(loopback.message, /binds 127\.0\.0\.1:8000/);
    // Microsoft's default arguments, --timeout 600: past the front end's 230 s.
    const slow = startupCommandCheck(linux({ 'startup.txt': 'gunicorn --bind=0.0.0.0 --timeout 600 app:app\n' }))!;
    assert.equal(slow.status, 'warn');
    assert.match(slow.message, /600 s: App Service's front end ends it at 230 s/);
    assert.equal(startupCommandCheck(linux({ 'startup.txt': 'gunicorn --bind=0.0.0.0:5000 app:app\n' }))?.status, 'warn', 'a port other than PORT');
    assert.equal(startupCommandCheck(linux({ 'startup.txt': 'gunicorn --bind 0.0.0.0:$PORT --timeout 120 app:app\n' }))?.status, 'pass');
    assert.equal(startupCommandCheck(linux({ 'startup.txt': 'python -m uvicorn app:app\n' })), undefined, 'not gunicorn: not this check');
    assert.ok(diagnose(generated, undefined, { importApp: false }).some(found => found.id === 'startup-command'), 'the doctor runs it on a Linux site');
  });

  it('placeholder: a missing handler.fcgi is a FAIL whose change creates it, and --fix applies only what is still missing', () => {
    const folder = site({ 'web.config': handler('Either') });
    const found = placeholderCheck(readExistingSite(folder))!;
    assert.equal(found.status, 'fail');
    assert.equal(found.fix, 'create the empty file handler.fcgi in the site root (touch handler.fcgi)');
    assert.deepEqual(found.change, { path: 'handler.fcgi', kind: 'create', contents: '' });
    assert.deepEqual(fixChanges(folder, [found]), [{ path: 'handler.fcgi', kind: 'create', contents: '' }]);
    writeFileSync(path.join(folder, 'handler.fcgi'), '');
    assert.deepEqual(fixChanges(folder, [found]), []);
    assert.equal(placeholderCheck(readExistingSite(folder))!.status, 'pass');
  });

  it('placeholder: a handler that needs no file on disk is not checked', () => {
    assert.equal(placeholderCheck(readExistingSite(site({ 'web.config': handler('Unspecified') }))), undefined);
  });

  it("requirements: on Azure's built-in Python without runtime.txt, a FAIL whose change writes runtime.txt", () => {
    const found = requirementsCheck(readExistingSite(site({ 'web.config': handler('Either'), 'requirements.txt': 'flask\n' })))!;
    assert.equal(found.status, 'fail');
    assert.deepEqual(found.change, { path: 'runtime.txt', kind: 'create', contents: 'python-2.7\n' });
  });

  it('requirements: on a Python of its own, a WARN with no change to apply', () => {
    const folder = site({ 'web.config': handler('Either', 'C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py'), 'requirements.txt': 'flask\n' });
    const found = requirementsCheck(readExistingSite(folder))!;
    assert.equal(found.status, 'warn');
    assert.equal(found.change, undefined);
  });

  it('wsgi-handler and pythonpath read the app settings, whatever their case', () => {
    const folder = site({ 'web.config': handler('Either').replace('WSGI_HANDLER', 'wsgi_handler').replace('"D:\\home\\site\\wwwroot"', '"C:\\dev\\shop"') });
    const existing = readExistingSite(folder);
    assert.equal(handlerSettingCheck(existing)!.status, 'pass');
    const pythonPath = pythonPathCheck(existing)!;
    assert.equal(pythonPath.status, 'fail');
    assert.match(pythonPath.message, /C:\\dev\\shop is outside the site root D:\\home\\site\\wwwroot/);
  });

  it('reads a UTF-16 web.config, in either byte order, as IIS does', () => {
    const text = handler('Either');
    const littleEndian = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const bigEndian = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    for (const bytes of [littleEndian, bigEndian]) {
      const folder = site({});
      writeFileSync(path.join(folder, 'web.config'), bytes);
      const checks = diagnose(folder, 'no-python-here');
      assert.equal(checks.find(found => found.id === 'web.config-xml')?.status, 'pass');
      assert.equal(checks.find(found => found.id === 'wsgi-handler')?.message, 'WSGI_HANDLER is app.app');
    }
  });

  it("deploy-files: what the deployment needs and git does not track, with the git add that commits it", () => {
    const folder = temporaryFolder();
    mkdirSync(path.join(folder, 'shop'));
    writeFileSync(path.join(folder, 'shop', 'shop.py'), 'def application(environ, start_response):\n    pass\n');
    writeFileSync(path.join(folder, 'handler.fcgi'), '');
    writeFileSync(
      path.join(folder, 'web.config'),
      '<configuration><appSettings><add key="PYTHONPATH" value="D:\\home\\site\\wwwroot\\shop" /><add key="WSGI_HANDLER" value="shop.application" /></appSettings><system.webServer><handlers><add name="PythonHandler" path="handler.fcgi" verb="*" modules="FastCgiModule" scriptProcessor="D:\\Python27\\python.exe|D:\\Python27\\Scripts\\wfastcgi.py" resourceType="Either" /></handlers></system.webServer></configuration>',
    );
    assert.equal(deploymentFilesCheck(readExistingSite(folder)), undefined, 'not a repository: nothing to say');
    git(folder, 'init', '-q');
    git(folder, 'add', '--', 'web.config');
    const missing = deploymentFilesCheck(readExistingSite(folder))!;
    assert.equal(missing.status, 'fail');
    assert.match(missing.message, /^git does not track handler\.fcgi, shop\/shop\.py: git push azure deploys what is committed/);
    assert.equal(missing.fix, 'git add -- handler.fcgi shop/shop.py && git commit -m "Add the site\'s files"');
    git(folder, 'add', '--', 'handler.fcgi', 'shop/shop.py');
    assert.equal(deploymentFilesCheck(readExistingSite(folder))!.status, 'pass');
  });

  it('package-json and deploy-branch', () => {
    assert.equal(packageJsonCheck(readExistingSite(site({ 'package.json': '{}' }))).status, 'fail');
    assert.equal(packageJsonCheck(readExistingSite(site({}))).status, 'pass');
    assert.equal(branchCheck(readExistingSite(site({ '.git/HEAD': 'ref: refs/heads/main\n' })))!.status, 'warn');
    assert.equal(branchCheck(readExistingSite(site({ '.git/HEAD': 'ref: refs/heads/master\n' })))!.status, 'pass');
    assert.equal(branchCheck(readExistingSite(site({}))), undefined);
  });

  it('the report: one line per check with its fix; --json holds id, status, message, fix and the change --fix applies', () => {
    const checks = diagnose(site({ 'web.config': handler('Either') }), 'no-python-here');
    const placeholder = checks.find(found => found.id === 'placeholder')!;
    assert.ok(formatReport(checks).split('\n').includes(`FAIL ${placeholder.message} -- fix: ${placeholder.fix}`));
    const printed = JSON.parse(checksAsJson(checks)) as Record<string, unknown>[];
    assert.deepEqual(printed.find(found => found.id === 'placeholder'), {
      id: 'placeholder',
      status: 'fail',
      message: placeholder.message,
      fix: placeholder.fix,
      change: { path: 'handler.fcgi', kind: 'create', contents: '' },
    });
    assert.deepEqual(Object.keys(printed.find(found => found.id === 'host')!), ['id', 'status', 'message']);
  });

  it("a fix that sets values in web.config is an update naming each element and attribute, made to the file as it is, all else byte for byte", () => {
    const text = handler('Unspecified', 'D:\\home\\python364x64\\python.exe|D:\\home\\python364x64\\wfastcgi.py').replace('value="app.app"', 'value="app.app()"').replace('<configuration>', '<?xml version="1.0"?>\r\n<!-- mine -->\r\n<configuration>');
    const folder = site({ 'web.config': text, 'app.py': 'def app(environ, start_response):\n    start_response("200 OK", [])\n    return [b"ok"]\n', 'runtime.txt': 'python-3.4\n' });
    const checks = diagnose(folder, 'python3');
    const wsgi = checks.find(found => found.id === 'wsgi-import')!;
    const scriptProcessor = checks.find(found => found.id === 'script-processor')!;
    assert.equal(wsgi.status, 'fail');
    assert.deepEqual(wsgi.change, { path: 'web.config', kind: 'update', edits: [{ element: "configuration/appSettings/add[@key='WSGI_HANDLER']", attribute: 'value', from: 'app.app()', to: 'app.app' }] });
    assert.equal(scriptProcessor.status, 'fail', scriptProcessor.message);
    assert.deepEqual(scriptProcessor.change, {
      path: 'web.config',
      kind: 'update',
      edits: [{ element: "configuration/system.webServer/handlers/add[@name='Python']", attribute: 'scriptProcessor', from: 'D:\\home\\python364x64\\python.exe|D:\\home\\python364x64\\wfastcgi.py', to: 'D:\\Python34\\python.exe|D:\\Python34\\Scripts\\wfastcgi.py' }],
    });
    // Both edits of web.config are one change, applied to the file as it is.
    const [change] = fixChanges(folder, checks).filter(found => found.kind === 'update');
    assert.equal(change!.kind === 'update' && change!.edits.length, 2);
    const edited = applyEdits(text, 'web.config', change!.kind === 'update' ? change!.edits : []);
    assert.equal(edited.change, 'modification');
    assert.equal(
      edited.text,
      text.replace('value="app.app()"', 'value="app.app"').replace('scriptProcessor="D:\\home\\python364x64\\python.exe|D:\\home\\python364x64\\wfastcgi.py"', 'scriptProcessor="D:\\Python34\\python.exe|D:\\Python34\\Scripts\\wfastcgi.py"'),
    );
    assert.deepEqual(edited.changes.map(found => found.description), [
      `configuration/appSettings/add[@key='WSGI_HANDLER'] value: "app.app()" becomes "app.app"`,
      `configuration/system.webServer/handlers/add[@name='Python'] scriptProcessor: "D:\\\\home\\\\python364x64\\\\python.exe|D:\\\\home\\\\python364x64\\\\wfastcgi.py" becomes "D:\\\\Python34\\\\python.exe|D:\\\\Python34\\\\Scripts\\\\wfastcgi.py"`,
    ]);
    assert.equal(applyEdits(edited.text, 'web.config', change!.kind === 'update' ? change!.edits : []).change, 'none', 'made once');
  });

  it('elementPath names an element by the attribute that tells it from its siblings, or its position, and elementAt reads it back', () => {
    const document = parseXmlText('<configuration><rewrite><rules><rule name="a"><match url="x" /></rule><rule name="b"><match url="y" /></rule></rules></rewrite><appSettings><add key="K" value="1" /><clear /></appSettings><x><y /><y /></x></configuration>', 'web.config').document;
    const all = (name: string) => Array.from(document.getElementsByTagName(name));
    const expected = ["configuration/rewrite/rules/rule[@name='b']/match", "configuration/appSettings/add[@key='K']", 'configuration/x/y[2]'];
    const elements = [all('match')[1]!, all('add')[0]!, all('y')[1]!];
    elements.forEach((element, index) => {
      assert.equal(elementPath(element), expected[index]);
      assert.equal(elementAt(document, expected[index]!), element);
    });
    assert.equal(elementAt(document, "configuration/appSettings/add[@key='gone']"), undefined);
  });
});
