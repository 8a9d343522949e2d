import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from '../../lib/xml/tree.js';
import { isGeneratedPythonRule, rewritesToHandler, sameAppSetting, sameHandlerAttribute } from '../../lib/iis/equivalents.js';
import { mergeWebConfig } from '../../lib/iis/merge.js';
import { requestOutcome } from '../../lib/iis/request-pipeline.js';
import { parseXmlText } from '../../lib/xml/text.js';
import { temporaryFolder } from '../helpers.js';

function element(xml: string, name: string): Element {
  return parseXmlText(xml, 'web.config').document.getElementsByTagName(name)[0]!;
}

const settings = (entries: string) => `<configuration><appSettings>${entries}</appSettings></configuration>`;
const setting = (key: string, entries: string) =>
  Array.from(parseXmlText(settings(entries), 'web.config').document.getElementsByTagName('add')).find(add => add.getAttribute('key') === key)!;

describe("a user's web.config in its own words: what means what the generated one means", () => {
  it('PYTHONPATH: the same folders first, without regard to case or a trailing backslash; extra folders after are the user\'s', () => {
    const item = setting('PYTHONPATH', '<add key="PYTHONPATH" value="x" />');
    assert.equal(sameAppSetting(item, 'value', 'C:\\API\\facemaskapi\\', 'c:\\api\\facemaskapi'), true);
    assert.equal(sameAppSetting(item, 'value', 'C:\\site;C:\\shared\\libs', 'C:\\site'), true);
    assert.equal(sameAppSetting(item, 'value', 'C:\\shared\\libs;C:\\site', 'C:\\site'), false, 'another folder first shadows the module');
    assert.equal(sameAppSetting(item, 'value', 'D:\\home\\site\\wwwroot', 'D:\\home\\site\\wwwroot;D:\\home\\site\\wwwroot\\env\\Lib\\site-packages'), false, "the virtualenv's packages are missing");
  });

  it("WSGI_HANDLER: the project's own wsgi.application is Django's factory with that project's settings, and nothing else is", () => {
    const entries = '<add key="WSGI_HANDLER" value="x" /><add key="DJANGO_SETTINGS_MODULE" value="interpub.settings" />';
    const item = setting('WSGI_HANDLER', entries);
    assert.equal(sameAppSetting(item, 'value', 'interpub.wsgi.application', 'django.core.wsgi.get_wsgi_application()'), true);
    assert.equal(sameAppSetting(item, 'value', 'other.wsgi.application', 'django.core.wsgi.get_wsgi_application()'), false, "another project's app");
    assert.equal(sameAppSetting(item, 'value', 'django.core.handlers.wsgi.WSGIHandler()', 'django.core.wsgi.get_wsgi_application()'), false, "Django 1.x's handler serves nothing since 1.7");
    assert.equal(sameAppSetting(setting('WSGI_HANDLER', '<add key="WSGI_HANDLER" value="x" />'), 'value', 'interpub.wsgi.application', 'django.core.wsgi.get_wsgi_application()'), false, 'no settings module to tell the project');
    assert.equal(sameAppSetting(item, 'value', 'app.app()', 'app.app'), false);
    // The other way round: the factory with the project's settings, where the project's own wsgi.py is generated.
    assert.equal(sameAppSetting(item, 'value', 'django.core.wsgi.get_wsgi_application()', 'interpub.wsgi.application'), true);
    assert.equal(sameAppSetting(item, 'value', 'django.core.wsgi.get_wsgi_application()', 'other.wsgi.application'), false);
  });

  it("DJANGO_SETTINGS_MODULE: another settings module of the same project is the user's choice", () => {
    const item = setting('DJANGO_SETTINGS_MODULE', '<add key="DJANGO_SETTINGS_MODULE" value="x" />');
    assert.equal(sameAppSetting(item, 'value', 'condofront.settings_dev', 'condofront.settings'), true);
    assert.equal(sameAppSetting(item, 'value', '[project_module].settings', 'mysite.settings'), false, 'an unfilled placeholder');
  });

  it("the handler: requireAccess left to IIS's default (Script), and resourceType Unspecified, are kept", () => {
    const handler = element('<configuration><handlers><add name="h" /></handlers></configuration>', 'add');
    assert.equal(sameHandlerAttribute(handler, 'requireAccess', null, 'Script'), true);
    assert.equal(sameHandlerAttribute(handler, 'requireAccess', 'Read', 'Script'), false);
    assert.equal(sameHandlerAttribute(handler, 'resourceType', 'Unspecified', 'Either'), true);
    assert.equal(sameHandlerAttribute(handler, 'resourceType', 'File', 'Either'), false, 'File refuses the rewritten URLs that name no file');
    assert.equal(sameHandlerAttribute(handler, 'scriptProcessor', null, 'x'), false);
  });

  it('a rule that rewrites to handler.fcgi is told by its action; the generated one by its name and conditions', () => {
    const rule = (body: string, name = 'Configure Python') => element(`<configuration><rules><rule name="${name}">${body}</rule></rules></configuration>`, 'rule');
    assert.equal(rewritesToHandler(rule('<action type="Rewrite" url="handler.fcgi/{R:1}" />')), true);
    assert.equal(rewritesToHandler(rule('<action type="Rewrite" url="/Handler.FCGI?x=1" />')), true);
    assert.equal(rewritesToHandler(rule('<action type="Rewrite" url="app.py" />')), false);
    assert.equal(rewritesToHandler(element('<configuration><rule enabled="false"><action type="Rewrite" url="handler.fcgi" /></rule></configuration>', 'rule')), false);
    const ours = '<conditions><add input="{REQUEST_FILENAME}" matchType="IsFile" negate="true" /></conditions><action type="Rewrite" url="handler.fcgi/{R:1}" />';
    assert.equal(isGeneratedPythonRule(rule(ours)), true);
    assert.equal(isGeneratedPythonRule(rule(ours, 'Python app')), false);
    assert.equal(isGeneratedPythonRule(rule('<conditions><add input="{REQUEST_URI}" pattern="^/static/.*" negate="true" /></conditions><action type="Rewrite" url="handler.fcgi/{R:1}" />')), false);
  });
});

describe("merging around a user's own Python rule", () => {
  const generated = (rules: string) =>
    `<configuration><system.webServer><handlers><add name="PythonHandler" path="handler.fcgi" verb="*" modules="FastCgiModule" scriptProcessor="D:\\Python27\\python.exe|D:\\Python27\\Scripts\\wfastcgi.py" resourceType="Either" /></handlers>${rules}</system.webServer></configuration>`;
  const ourRule =
    '<rewrite><rules><!-- ours --><rule name="Configure Python" stopProcessing="true"><match url="(.*)" ignoreCase="false" /><conditions><add input="{REQUEST_FILENAME}" matchType="IsFile" negate="true" /></conditions><action type="Rewrite" url="handler.fcgi/{R:1}" appendQueryString="true" /></rule></rules></rewrite>';
  const users =
    '<configuration>\n  <system.webServer>\n    <handlers>\n      <add name="PythonHandler" path="handler.fcgi" verb="*" modules="FastCgiModule" scriptProcessor="D:\\Python27\\python.exe|D:\\Python27\\Scripts\\wfastcgi.py" resourceType="Either" />\n    </handlers>\n    <rewrite>\n      <rules>\n        <rule name="To Python" stopProcessing="true">\n          <match url="(.*)" />\n          <conditions>\n            <add input="{REQUEST_URI}" pattern="^/static/.*" negate="true" />\n          </conditions>\n          <action type="Rewrite" url="handler.fcgi/{R:1}" />\n        </rule>\n      </rules>\n    </rewrite>\n  </system.webServer>\n</configuration>\n';

  it("keeps the user's rule as written, conditions and all, and adds no second rule beside it", () => {
    const merged = mergeWebConfig(users, generated(ourRule), 'web.config');
    assert.deepEqual(merged.changes, []);
    assert.equal(merged.text, users);
  });

  it("under wildcard routing, removes its own rule but never the user's of the same name", () => {
    const theirs = users.replace('name="To Python"', 'name="Configure Python"');
    assert.equal(mergeWebConfig(theirs, generated(''), 'web.config').text, theirs);
    const ours = users.replace('name="To Python"', 'name="Configure Python"').replace('{REQUEST_URI}" pattern="^/static/.*" negate="true"', '{REQUEST_FILENAME}" matchType="IsFile" negate="true"');
    const merged = mergeWebConfig(ours, generated(''), 'web.config');
    assert.deepEqual(merged.changes.map(change => change.description), ['removed <system.webServer/rewrite/rules/rule name="Configure Python">']);
  });
});

describe('the IIS model: a folder\'s own handler list', () => {
  it('<clear/> and a StaticFile handler in the static folder serve its files under a path="*" Python handler', () => {
    const site = temporaryFolder();
    mkdirSync(path.join(site, 'static'));
    writeFileSync(path.join(site, 'static', 'site.css'), 'body {}');
    writeFileSync(path.join(site, 'web.config'), '<configuration><system.webServer><handlers><add name="Python1" path="*" verb="*" modules="FastCgiModule" scriptProcessor="c:\\p\\python.exe|c:\\p\\wfastcgi.py" /></handlers></system.webServer></configuration>');
    assert.equal(requestOutcome(site, '/static/site.css').kind, 'python');
    writeFileSync(
      path.join(site, 'static', 'web.config'),
      '<configuration><system.webServer><handlers><clear/><add name="StaticFile" path="*" verb="*" modules="StaticFileModule" resourceType="File" requireAccess="Read"/></handlers></system.webServer></configuration>',
    );
    assert.deepEqual(requestOutcome(site, '/static/site.css'), { kind: 'file', file: 'static/site.css', mimeType: 'text/css' });
    assert.equal(requestOutcome(site, '/static/missing.css').kind, 'not found');
    assert.equal(requestOutcome(site, '/accounts/').kind, 'python');
  });
});
