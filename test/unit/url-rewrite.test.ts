import assert from 'node:assert/strict';
import { requestOutcome, type Outcome } from '../../lib/iis/request-pipeline.js';
import { readWindowsSite } from '../../lib/migrate/windows-site.js';
import { folderWith } from '../helpers.js';

/** The model's outcome, with the handler's own fields of a Python outcome left to the serve tests: where the request goes, and the path the app sees. */
function routed(...args: Parameters<typeof requestOutcome>): Outcome {
  const outcome = requestOutcome(...args);
  return outcome.kind === 'python' ? ({ kind: 'python', pathInfo: outcome.pathInfo } as Outcome) : outcome;
}


/*
 * URL Rewrite's actions and references as the IIS model applies them, each against what the
 * module's documentation ("URL Rewrite Module Configuration Reference") says: a Redirect sends
 * its redirectType's status with the query string appended unless appendQueryString="false";
 * {C:n} is a group of the last condition that matched; Wildcard patterns match the whole path;
 * MatchAny holds when one condition does; CustomResponse answers its status; AbortRequest drops
 * the connection.
 */

const python = '<handlers><add name="PythonHandler" path="*" verb="*" modules="FastCgiModule" scriptProcessor="D:\\home\\Python27\\python.exe|D:\\home\\Python27\\wfastcgi.py" resourceType="Unspecified" /></handlers>';
const siteWith = (rules: string, files: Record<string, string> = {}) =>
  folderWith({ 'web.config': `<configuration><appSettings><add key="WSGI_HANDLER" value="app.app" /></appSettings><system.webServer>${python}<rewrite><rules>${rules}</rules></rewrite></system.webServer></configuration>`, 'app.py': '', ...files });

describe('URL Rewrite in the IIS model: actions, back-references and server variables', () => {
  it('an HTTP-to-HTTPS redirect: over HTTP a 301 to the same path and query on HTTPS; over HTTPS the request goes on', () => {
    const site = siteWith('<rule name="HTTPS" stopProcessing="true"><match url="(.*)" /><conditions><add input="{HTTPS}" pattern="^OFF$" /></conditions><action type="Redirect" url="https://{HTTP_HOST}/{R:1}" redirectType="Permanent" /></rule>');
    assert.deepEqual(routed(site, '/shop/cart?id=4', { https: false, host: 'contoso.com' }), { kind: 'redirect', status: 301, location: 'https://contoso.com/shop/cart?id=4' });
    assert.deepEqual(routed(site, '/shop/cart?id=4', { https: true, host: 'contoso.com' }), { kind: 'python', pathInfo: '/shop/cart' });
  });

  it('{C:n} from the condition that matched, a Found redirect, and appendQueryString="false"', () => {
    const site = siteWith('<rule name="No www"><match url="(.*)" /><conditions><add input="{HTTP_HOST}" pattern="^www\\.(.+)$" /></conditions><action type="Redirect" url="https://{C:1}/{R:1}" redirectType="Found" appendQueryString="false" /></rule>');
    assert.deepEqual(routed(site, '/a/b?x=1', { host: 'www.contoso.com' }), { kind: 'redirect', status: 302, location: 'https://contoso.com/a/b' });
    assert.equal(routed(site, '/a/b?x=1', { host: 'contoso.com' }).kind, 'python');
  });

  it('a Wildcard pattern matches the whole path, and its * is {R:1}', () => {
    const site = folderWith({
      'web.config': '<configuration><system.webServer><rewrite><rules><rule name="Old blog" patternSyntax="Wildcard" stopProcessing="true"><match url="blog/*" /><action type="Rewrite" url="static/posts/{R:1}" /></rule></rules></rewrite></system.webServer></configuration>',
      'static/posts/hello.html': '<p>hello</p>',
    });
    assert.deepEqual(routed(site, '/blog/hello.html'), { kind: 'file', file: 'static/posts/hello.html', mimeType: 'text/html' });
    assert.deepEqual(routed(site, '/my/blog/hello.html'), { kind: 'not found', status: '404.0' }, 'no match: the pattern is the whole path');
  });

  it('CustomResponse answers its status, AbortRequest drops the connection, MatchAny holds on one condition', () => {
    const site = siteWith(
      '<rule name="Gone" stopProcessing="true"><match url="^old/" /><action type="CustomResponse" statusCode="410" subStatusCode="0" statusReason="Gone" /></rule>' +
        '<rule name="Bots" stopProcessing="true"><match url=".*" /><conditions logicalGrouping="MatchAny"><add input="{QUERY_STRING}" pattern="crawl=1" /><add input="{HTTP_HOST}" pattern="^bad\\." /></conditions><action type="AbortRequest" /></rule>',
    );
    assert.deepEqual(routed(site, '/old/page'), { kind: 'custom response', status: '410' });
    assert.deepEqual(routed(site, '/page?crawl=1'), { kind: 'aborted' });
    assert.deepEqual(routed(site, '/page', { host: 'bad.example' }), { kind: 'aborted' });
    assert.equal(routed(site, '/page', { host: 'contoso.com' }).kind, 'python');
  });

  it('migrate finds the static folder of a site whose rules also redirect HTTP to HTTPS', () => {
    const site = folderWith({
      'web.config':
        '<configuration><appSettings><add key="WSGI_HANDLER" value="app.app" /></appSettings><system.webServer><handlers><add name="PythonHandler" path="handler.fcgi" verb="*" modules="FastCgiModule" scriptProcessor="D:\\home\\Python27\\python.exe|D:\\home\\Python27\\wfastcgi.py" resourceType="Unspecified" /></handlers>' +
        '<rewrite><rules><rule name="HTTPS" stopProcessing="true"><match url="(.*)" /><conditions><add input="{HTTPS}" pattern="off" /></conditions><action type="Redirect" url="https://{HTTP_HOST}/{R:1}" /></rule>' +
        '<rule name="Static" stopProcessing="true"><match url="^static/.*" /><action type="None" /></rule>' +
        '<rule name="Configure Python" stopProcessing="true"><match url="(.*)" /><action type="Rewrite" url="handler.fcgi/{R:1}" /></rule></rules></rewrite></system.webServer></configuration>',
      'app.py': '',
      'handler.fcgi': '',
      'static/site.css': 'body {}',
    });
    assert.deepEqual(readWindowsSite(site).staticFiles, ['static/site.css']);
  });
});
