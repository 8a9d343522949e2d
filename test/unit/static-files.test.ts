import assert from 'node:assert/strict';
import path from 'node:path';
import { iisDefaultDocuments, iisDefaultMimeTypes, unmappedExtensions, iisDefaultDeniedExtensions } from '../../lib/catalog/iis-defaults.js';
import { privateFilesCheck } from '../../lib/doctor/checks/web-config.js';
import { requestOutcome, staticMimeType } from '../../lib/iis/request-pipeline.js';
import { readExistingSite } from '../../lib/site/existing.js';
import { folderWith } from '../helpers.js';

const staticContent = (entries: string) => `<configuration><system.webServer><staticContent>${entries}</staticContent></system.webServer></configuration>`;

describe("IIS's static file handler: its MIME map and default documents", () => {
  it("serves the types a site's files have as IIS 10's default map names them", () => {
    // Read from applicationHost.config's <staticContent> by hand: IIS's choices, not the registered types.
    const expected: Record<string, string> = {
      '.css': 'text/css',
      '.js': 'application/javascript',
      '.json': 'application/json',
      '.html': 'text/html',
      '.svg': 'image/svg+xml',
      '.png': 'image/png',
      '.ico': 'image/x-icon',
      '.woff': 'font/x-woff',
      '.ttf': 'application/octet-stream',
      '.csv': 'application/octet-stream',
      '.xml': 'text/xml',
      '.zip': 'application/x-zip-compressed',
      '.map': 'text/plain',
    };
    for (const [extension, type] of Object.entries(expected)) assert.equal(iisDefaultMimeTypes.get(extension), type, extension);
    const site = folderWith(Object.fromEntries(Object.keys(expected).map(extension => [`static/a${extension}`, 'x'])));
    for (const [extension, type] of Object.entries(expected)) {
      assert.deepEqual(requestOutcome(site, `/static/a${extension}`), { kind: 'file', file: `static/a${extension}`, mimeType: type });
    }
  });

  it('answers 404.3 for a file whose type the map lacks: Python source, Markdown, YAML, .woff2 and the others', () => {
    const names = unmappedExtensions.map(extension => `file${extension}`);
    const site = folderWith(Object.fromEntries(names.map(name => [name, 'x'])));
    for (const name of names) {
      assert.equal(iisDefaultMimeTypes.has(path.extname(name)), false, name);
      // .config is refused before the static file handler: request filtering denies it by default (404.7).
      const status = iisDefaultDeniedExtensions.includes(path.extname(name)) ? { kind: 'refused', status: '404.7' } : { kind: 'not found', status: '404.3' };
      assert.deepEqual(requestOutcome(site, `/${name}`), status, name);
    }
    assert.deepEqual(requestOutcome(site, '/missing.css'), { kind: 'not found', status: '404.0' });
  });

  it("follows the site's <staticContent>: a mimeMap adds a type, remove and clear take them away, a folder's own applies below it", () => {
    const site = folderWith({
      'web.config': staticContent('<remove fileExtension=".json" /><mimeMap fileExtension=".woff2" mimeType="font/woff2" />'),
      'fonts/a.woff2': 'x',
      'data.json': '{}',
      'docs/web.config': staticContent('<mimeMap fileExtension=".md" mimeType="text/markdown" />'),
      'docs/README.md': '#',
      'README.md': '#',
      'clear/web.config': staticContent('<clear />'),
      'clear/site.css': 'x',
    });
    assert.deepEqual(requestOutcome(site, '/fonts/a.woff2'), { kind: 'file', file: 'fonts/a.woff2', mimeType: 'font/woff2' });
    assert.deepEqual(requestOutcome(site, '/data.json'), { kind: 'not found', status: '404.3' });
    assert.deepEqual(requestOutcome(site, '/docs/README.md'), { kind: 'file', file: 'docs/README.md', mimeType: 'text/markdown' });
    assert.deepEqual(requestOutcome(site, '/README.md'), { kind: 'not found', status: '404.3' }, "the folder's mimeMap stays in its folder");
    assert.deepEqual(requestOutcome(site, '/clear/site.css'), { kind: 'not found', status: '404.3' });
    assert.equal(staticMimeType(site, 'docs/README.md'), 'text/markdown');
    assert.equal(staticMimeType(site, 'README.md'), undefined);
  });

  it('answers a folder with its first default document in IIS order, or 403.14 (no directory listing)', () => {
    assert.deepEqual(iisDefaultDocuments.slice(0, 5), ['Default.htm', 'Default.asp', 'index.htm', 'index.html', 'iisstart.htm']);
    const site = folderWith({ 'index.html': '<p>', 'Default.htm': '<p>', 'empty/.keep': '', 'docs/index.htm': '<p>' });
    assert.deepEqual(requestOutcome(site, '/'), { kind: 'file', file: 'Default.htm', mimeType: 'text/html' });
    assert.deepEqual(requestOutcome(site, '/docs/'), { kind: 'file', file: 'docs/index.htm', mimeType: 'text/html' });
    assert.deepEqual(requestOutcome(site, '/empty/'), { kind: 'refused', status: '403.14' });
  });

  it("follows the site's <defaultDocument>: its own files list, and enabled=\"false\"", () => {
    const site = folderWith({
      'web.config': '<configuration><system.webServer><defaultDocument><files><clear /><add value="home.htm" /></files></defaultDocument></system.webServer></configuration>',
      'home.htm': '<p>',
      'index.html': '<p>',
      'off/web.config': '<configuration><system.webServer><defaultDocument enabled="false" /></system.webServer></configuration>',
      'off/home.htm': '<p>',
    });
    assert.deepEqual(requestOutcome(site, '/'), { kind: 'file', file: 'home.htm', mimeType: 'text/html' });
    assert.deepEqual(requestOutcome(site, '/off/'), { kind: 'refused', status: '403.14' });
  });

  it('the doctor counts as exposed only a private file IIS has a type for', () => {
    const rule =
      '<rewrite><rules><rule name="Python"><match url="(.*)" /><conditions><add input="{REQUEST_FILENAME}" matchType="IsFile" negate="true" /></conditions><action type="Rewrite" url="handler.fcgi/{R:1}" /></rule></rules></rewrite>';
    const site = folderWith({
      'web.config': `<configuration><system.webServer>${rule}</system.webServer></configuration>`,
      '.yo-rc.json': '{}',
      'requirements.txt': 'flask\n',
      'README.md': '# site',
      'setup-iis.ps1': '',
    });
    const found = privateFilesCheck(readExistingSite(site))!;
    assert.equal(found.status, 'warn');
    assert.match(found.message, /^IIS serves \.yo-rc\.json, requirements\.txt to anyone/);
    assert.doesNotMatch(found.message, /README\.md|setup-iis\.ps1/, 'no type for .md or .ps1 in the map: IIS answers 404.3');
  });
});
