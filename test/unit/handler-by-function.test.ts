import assert from 'node:assert/strict';
import { mergeWebConfig } from '../../lib/iis/merge.js';
import { parseWebConfig } from '../helpers.js';

const ours = (modules: string, scriptProcessor = 'D:\\Python27\\python.exe|D:\\Python27\\Scripts\\wfastcgi.py') =>
  `<configuration><system.webServer><handlers><add name="PythonHandler" path="handler.fcgi" verb="*" modules="${modules}" scriptProcessor="${scriptProcessor}" resourceType="Either" /></handlers></system.webServer></configuration>`;
const theirs = (handler: string) => `<?xml version="1.0"?>\n<configuration>\n  <system.webServer>\n    <handlers>\n      ${handler}\n    </handlers>\n  </system.webServer>\n</configuration>\n`;
const handlers = (text: string) => Array.from(parseWebConfig(text).getElementsByTagName('handlers')[0]!.getElementsByTagName('add'), add => add.getAttribute('name'));

describe('the Python handler is found by what it does, not by its name', () => {
  it('a FastCGI handler running wfastcgi under another name is updated in place, keeping its name', () => {
    const existing = theirs('<add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="D:\\Python27\\python.exe|D:\\Python27\\Scripts\\wfastcgi.py" resourceType="Unspecified" />');
    const merge = mergeWebConfig(existing, ours('FastCgiModule'), 'web.config');
    assert.deepEqual(handlers(merge.text), ['Python FastCGI']);
    const handler = parseWebConfig(merge.text).getElementsByTagName('handlers')[0]!.getElementsByTagName('add')[0]!;
    assert.equal(handler.getAttribute('path'), 'handler.fcgi', 'the routing decides the path');
  });

  it('a site HttpPlatformHandler runs is not switched to FastCGI silently: the change says so, and what keeps it', () => {
    const existing = theirs('<add name="httpplatformhandler" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" />');
    const merge = mergeWebConfig(existing, ours('FastCgiModule'), 'web.config');
    assert.equal(merge.change, 'modification');
    assert.equal(
      merge.changes[0]!.description,
      'the site runs HttpPlatformHandler now (handler "httpplatformhandler"), and wfastcgi under FastCGI would take its requests: --server httpplatform keeps it',
    );
  });

  it("a Node.js site's iisnode handler is never taken over silently", () => {
    const existing = theirs('<add name="iisnode" path="server.js" verb="*" modules="iisnode" />');
    const merge = mergeWebConfig(existing, ours('FastCgiModule'), 'web.config');
    assert.equal(merge.change, 'modification');
    assert.match(merge.changes[0]!.description, /^the site runs iisnode \(Node\.js\) now \(handler "iisnode"\), .*: remove that handler if the site is to run Python$/);
  });

  it('a handler of something else (a static file handler) is no Python handler: ours is added before it', () => {
    const existing = theirs('<add name="StaticFile" path="*" verb="*" modules="StaticFileModule" resourceType="Either" />');
    const merge = mergeWebConfig(existing, ours('FastCgiModule'), 'web.config');
    assert.equal(merge.change, 'addition');
    assert.deepEqual(handlers(merge.text), ['PythonHandler', 'StaticFile']);
  });
});
