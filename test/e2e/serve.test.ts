import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { generateSite, type GenerateSiteOptions } from '../../lib/api.js';
import { serveSite, ServeRefusal, type ServedSite } from '../../lib/serve/serve.js';
import { binEnvironment, folderWith, pythonWith, runBin, temporaryFolder } from '../helpers.js';

/*
 * `serve` through the real server: requests over loopback to a site served as its host would
 * serve it. What IIS answers is what its documentation says (404.8 for a hidden segment, 404.3
 * for a type the MIME map lacks, 403.14 for a folder without a default document); what the
 * worker gives the app is what wfastcgi's source builds, read key by key.
 */

interface Got {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

function get(served: ServedSite, urlPath: string, headers: Record<string, string> = {}, body?: string): Promise<Got> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${served.url}${urlPath}`, { method: body === undefined ? 'GET' : 'POST', headers, timeout: 30_000 }, response => {
      let body = '';
      response.setEncoding('utf8').on('data', chunk => (body += chunk)).on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    });
    request.on('timeout', () => request.destroy(new Error(`${urlPath}: no answer in time`)));
    request.on('error', reject).end(body);
  });
}

/** A GET sent as written, dot segments and all (a client's URL parser would resolve them first). */
function rawGet(served: ServedSite, target: string): Promise<string> {
  const { port } = new URL(served.url);
  return new Promise((resolve, reject) => {
    // Written, not ended: the server closes the connection after its answer (Connection: close).
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let answer = '';
    socket.setEncoding('utf8').on('data', chunk => (answer += chunk)).on('end', () => resolve(answer)).on('error', reject);
  });
}

async function served<T>(folder: string, python: string, work: (site: ServedSite, lines: string[]) => Promise<T>, hostHeader?: string): Promise<T> {
  const lines: string[] = [];
  const site = await serveSite(folder, { port: 0, python, say: line => lines.push(line), hostHeader });
  try {
    return await work(site, lines);
  } finally {
    await site.close();
  }
}

async function generated(options: Omit<GenerateSiteOptions, 'destination'>): Promise<string> {
  const destination = path.join(temporaryFolder('serve-'), 'shop');
  await generateSite({ destination, git: false, ...options });
  return destination;
}

const greeting = 'Hello from Azure Websites\n';

describe('serve', function () {
  this.timeout(60_000);

  describe('every generated Windows variant: the greeting, the private files refused with IIS codes, static files with IIS types', () => {
    const variants: Record<string, Omit<GenerateSiteOptions, 'destination'>> = {
      'the default (a bare WSGI module, URL Rewrite to handler.fcgi)': {},
      'Flask, a static folder': { framework: 'flask', staticDir: 'static' },
      'Django': { framework: 'django' },
      'Bottle, wildcard routing': { framework: 'bottle', routing: 'wildcard', staticDir: 'static' },
      'static-only files': { staticDir: 'assets/static', serveFiles: 'static-only' },
      'Option 1, the portal': { framework: 'flask', config: 'portal' },
      'IIS of its own': { framework: 'flask', host: 'iis', siteRoot: 'C:\\inetpub\\shop', staticDir: 'static' },
    };
    for (const [name, options] of Object.entries(variants)) {
      it(name, async () => {
        const folder = await generated(options);
        const staticDir = options.staticDir;
        if (staticDir) writeFileSync(path.join(folder, ...staticDir.split('/'), 'site.css'), 'body {}\n');
        const python = pythonWith(options.framework && options.framework !== 'wsgi' ? options.framework : 'wsgiref');
        await served(folder, python, async (site, lines) => {
          const home = await get(site, '/');
          assert.equal(home.status, 200, `${name}: ${home.body}\n${lines.join('\n')}`);
          assert.equal(home.body, greeting);
          if (options.config === 'portal') {
            // The portal's * mapping sends every URL to the app (no web.config hides anything): the app answers, not the file.
            const answer = await get(site, '/.yo-rc.json');
            assert.ok(!answer.body.includes('generator-azure-python'), `${name}: .yo-rc.json is not served`);
            assert.ok(lines.some(line => line.startsWith('GET /.yo-rc.json') && line.includes('handler portal: * (FastCgiModule)')), lines.join('\n'));
            return;
          }
          // The files the hardened site hides: 404.8 (a hidden segment), as IIS answers them.
          for (const hidden of ['/.yo-rc.json', '/web.config', '/README.md', '/requirements.txt']) {
            const answer = await get(site, hidden);
            assert.equal(answer.status, 404, `${name}: ${hidden} is refused`);
          }
          assert.ok(lines.some(line => line.startsWith('GET /.yo-rc.json 404.8 hidden segment .yo-rc.json')), lines.join('\n'));
          if (staticDir && options.routing !== 'wildcard') {
            const css = await get(site, `/${staticDir}/site.css`);
            assert.deepEqual([css.status, css.headers['content-type'], css.body], [200, 'text/css', 'body {}\n'], `${name}: IIS serves the static file`);
            assert.ok(lines.some(line => line.startsWith(`GET /${staticDir}/site.css 200`) && line.includes('static text/css')), lines.join('\n'));
          }
        });
      });
    }
  });

  it("gives the app the environ wfastcgi builds, key by key, and its sys.path, cwd and app settings", async () => {
    const folder = folderWith({
      'web.config': `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    <add key="WSGI_HANDLER" value="inspect_app.application" />
    <add key="PYTHONPATH" value="D:\\home\\site\\wwwroot\\lib" />
    <add key="SHOP_MODE" value="test" />
  </appSettings>
  <system.webServer>
    <handlers>
      <add name="PythonHandler" path="handler.fcgi" verb="*" modules="FastCgiModule" scriptProcessor="D:\\Python34\\python.exe|D:\\Python34\\Scripts\\wfastcgi.py" resourceType="Unspecified" />
    </handlers>
    <rewrite>
      <rules>
        <rule name="Configure Python" stopProcessing="true">
          <match url="(.*)" ignoreCase="false" />
          <action type="Rewrite" url="handler.fcgi/{R:1}" appendQueryString="true" />
        </rule>
      </rules>
    </rewrite>
  </system.webServer>
</configuration>
`,
      'handler.fcgi': '',
      'lib/shop_helpers.py': "NAME = 'helpers'\n",
      'inspect_app.py': `import json, os, sys
import shop_helpers

def application(environ, start_response):
    keys = ['PATH_INFO', 'SCRIPT_NAME', 'QUERY_STRING', 'HTTP_X_ORIGINAL_URL', 'REQUEST_METHOD', 'CONTENT_TYPE', 'CONTENT_LENGTH', 'HTTP_HOST', 'SERVER_NAME', 'SERVER_PORT', 'HTTPS', 'URL',
            'wsgi.url_scheme', 'wsgi.multithread', 'wsgi.multiprocess', 'wsgi.run_once', 'wsgi.version', 'HTTP_X_TEST']
    seen = {key: environ.get(key) for key in keys}
    seen['raw'] = {key: environ[key].decode('iso-8859-1') for key in ['wsgi.path_info', 'wsgi.script_name', 'wsgi.query_string'] if key in environ}
    seen['body'] = environ['wsgi.input'].read().decode()
    seen['cwd'] = os.getcwd()
    seen['path0'] = sys.path[0]
    seen['last'] = sys.path[-1]
    seen['helpers'] = shop_helpers.__file__
    seen['SHOP_MODE'] = os.environ.get('SHOP_MODE')
    start_response('200 OK', [('Content-Type', 'application/json')])
    return [json.dumps(seen).encode()]
`,
    });
    await served(folder, pythonWith('json'), async site => {
      const answer = await get(site, '/shop/cart?id=4&x=%20y', { 'X-Test': 'yes' });
      assert.equal(answer.status, 200, answer.body);
      const seen = JSON.parse(answer.body) as Record<string, unknown>;
      assert.deepEqual(seen, {
        // PATH_INFO from HTTP_X_ORIGINAL_URL (URL Rewrite's), without its query; SCRIPT_NAME emptied.
        PATH_INFO: '/shop/cart',
        SCRIPT_NAME: '',
        QUERY_STRING: 'id=4&x=%20y',
        HTTP_X_ORIGINAL_URL: '/shop/cart?id=4&x=%20y',
        REQUEST_METHOD: 'GET',
        CONTENT_TYPE: null,
        CONTENT_LENGTH: '0',
        HTTP_HOST: 'shop.azurewebsites.net',
        SERVER_NAME: 'shop.azurewebsites.net',
        SERVER_PORT: '443',
        HTTPS: 'on',
        // The URL IIS gave the handler: the rewritten one.
        URL: '/handler.fcgi/shop/cart',
        'wsgi.url_scheme': 'https',
        'wsgi.multithread': false,
        'wsgi.multiprocess': true,
        'wsgi.run_once': false,
        'wsgi.version': [1, 0],
        HTTP_X_TEST: 'yes',
        raw: { 'wsgi.path_info': '/shop/cart', 'wsgi.script_name': '', 'wsgi.query_string': 'id=4&x=%20y' },
        body: '',
        cwd: folder,
        path0: '.',
        // PYTHONPATH's D:\home\site\wwwroot\lib, this site's lib/, appended after Python's own path.
        last: path.join(folder, 'lib'),
        helpers: path.join(folder, 'lib', 'shop_helpers.py'),
        SHOP_MODE: 'test',
      });
      // A form posted: its body on wsgi.input (FastCGI's STDIN), its type and length as IIS gives them.
      const posted = JSON.parse((await get(site, '/orders', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'item=tea&count=2')).body) as Record<string, unknown>;
      assert.deepEqual([posted.REQUEST_METHOD, posted.CONTENT_TYPE, posted.CONTENT_LENGTH, posted.body, posted.PATH_INFO], ['POST', 'application/x-www-form-urlencoded', '16', 'item=tea&count=2', '/orders']);
      // Past FastCGI's 65,535 bytes a record, and a parameter past 127 bytes (a length in four bytes): both ways.
      const large = 'x'.repeat(150_000);
      const big = JSON.parse((await get(site, '/upload', { 'X-Test': 'y'.repeat(300) }, large)).body) as Record<string, unknown>;
      assert.deepEqual([big.CONTENT_LENGTH, big.body, big.HTTP_X_TEST], ['150000', large, 'y'.repeat(300)]);
    }, 'shop.azurewebsites.net');
  });

  it('keeps SCRIPT_NAME with AllowPathInfoForScriptMappings, and splits PATH_INFO at a SCRIPT_NAME app setting, as wfastcgi does', async () => {
    const app = `def application(environ, start_response):\n    start_response('200 OK', [('Content-Type', 'text/plain')])\n    return [('%s|%s' % (environ['SCRIPT_NAME'], environ['PATH_INFO'])).encode()]\n`;
    const config = (settings: string) => `<configuration><appSettings><add key="WSGI_HANDLER" value="app.application" />${settings}</appSettings><system.webServer><handlers><add name="Python" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python310\\python.exe|C:\\Python310\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" /></handlers></system.webServer></configuration>\n`;
    const kept = folderWith({ 'web.config': config('<add key="AllowPathInfoForScriptMappings" value="1" />'), 'app.py': app });
    await served(kept, pythonWith('json'), async site => assert.equal((await get(site, '/a/b')).body, '/a/b|/a/b'));
    const split = folderWith({ 'web.config': config('<add key="SCRIPT_NAME" value="/shop" />'), 'app.py': app });
    await served(split, pythonWith('json'), async site => assert.equal((await get(site, '/shop/cart')).body, '/shop|/cart'));
  });

  it("answers a str body with wfastcgi's 500 and writes WSGI_LOG; a factory is called; an import error is a 500 with wfastcgi's words", async () => {
    const folder = folderWith({
      'web.config': `<configuration><appSettings><add key="WSGI_HANDLER" value="app.make_app()" /><add key="WSGI_LOG" value="D:\\home\\site\\wwwroot\\wfastcgi.log" /></appSettings><system.webServer><handlers><add name="Python" path="*" verb="*" modules="FastCgiModule" scriptProcessor="D:\\home\\python364x64\\python.exe|D:\\home\\python364x64\\wfastcgi.py" resourceType="Unspecified" /></handlers></system.webServer></configuration>\n`,
      'app.py': `def make_app():\n    def application(environ, start_response):\n        start_response('200 OK', [('Content-Type', 'text/plain')])\n        return ['a str, not bytes']\n    return application\n`,
    });
    await served(folder, pythonWith('json'), async (site, lines) => {
      const answer = await get(site, '/');
      assert.equal(answer.status, 500);
      assert.match(answer.body, /^Error occurred:\n\nTraceback/);
      assert.match(answer.body, /TypeError: content must be encoded before sending: 'a str, not bytes'/);
      assert.match(readFileSync(path.join(folder, 'wfastcgi.log'), 'utf8'), /content must be encoded before sending/);
      assert.ok(lines.some(line => line.includes("FastCGI -> the worker's stderr")), lines.join('\n'));
    });
    const broken = folderWith({
      'web.config': `<configuration><appSettings><add key="WSGI_HANDLER" value="missing.app" /></appSettings><system.webServer><handlers><add name="Python" path="*" verb="*" modules="FastCgiModule" scriptProcessor="D:\\home\\python364x64\\python.exe|D:\\home\\python364x64\\wfastcgi.py" resourceType="Unspecified" /></handlers></system.webServer></configuration>\n`,
    });
    await served(broken, pythonWith('json'), async site => {
      const answer = await get(site, '/');
      assert.equal(answer.status, 500);
      assert.match(answer.body, /^Error occurred while reading WSGI handler:\n\nTraceback[\s\S]*ValueError: "missing.app" could not be imported: Traceback[\s\S]*No module named 'missing'/);
      // The worker ended at its start-up error, as wfastcgi does; the next request starts another.
      assert.equal((await get(site, '/')).status, 500);
    });
  });

  it('picks up a changed .py file: the worker is started again, as wfastcgi restarts', async () => {
    const folder = await generated({});
    await served(folder, pythonWith('wsgiref'), async (site, lines) => {
      assert.equal((await get(site, '/')).body, greeting);
      const module = path.join(folder, 'ConfigurePython', 'ConfigurePython.py');
      writeFileSync(module, readFileSync(module, 'utf8').replace('Hello from Azure Websites', 'Hello again'));
      let body = '';
      for (let attempt = 0; attempt < 50 && body !== 'Hello again\n'; attempt++) {
        await new Promise(resolve => setTimeout(resolve, 100));
        body = (await get(site, '/')).body;
      }
      assert.equal(body, 'Hello again\n');
      assert.ok(lines.some(line => line.startsWith('restart: ConfigurePython\\ConfigurePython.py changed')), lines.join('\n'));
    });
  });

  it('answers URL Rewrite redirects, custom responses and aborts as IIS does, and serves a default document', async () => {
    const folder = folderWith({
      'web.config': `<configuration><appSettings><add key="WSGI_HANDLER" value="app.application" /></appSettings><system.webServer>
<handlers><add name="PythonHandler" path="handler.fcgi" verb="*" modules="FastCgiModule" scriptProcessor="D:\\Python34\\python.exe|D:\\Python34\\Scripts\\wfastcgi.py" resourceType="File" /></handlers>
<rewrite><rules>
<rule name="Old shop" stopProcessing="true"><match url="^old/(.*)$" /><action type="Redirect" url="/shop/{R:1}" redirectType="Found" /></rule>
<rule name="Block admin" stopProcessing="true"><match url="^admin" /><action type="CustomResponse" statusCode="403" subStatusCode="0" statusReason="Forbidden" /></rule>
<rule name="Drop" stopProcessing="true"><match url="^drop$" /><action type="AbortRequest" /></rule>
<rule name="Files" stopProcessing="true"><match url="(.*)" /><conditions logicalGrouping="MatchAny"><add input="{REQUEST_FILENAME}" matchType="IsFile" /><add input="{REQUEST_FILENAME}" matchType="IsDirectory" /></conditions><action type="None" /></rule>
<rule name="Python" stopProcessing="true"><match url="(.*)" /><action type="Rewrite" url="handler.fcgi/{R:1}" /></rule>
</rules></rewrite></system.webServer></configuration>\n`,
      'handler.fcgi': '',
      'app.py': `def application(environ, start_response):\n    start_response('200 OK', [('Content-Type', 'text/plain')])\n    return [environ['PATH_INFO'].encode()]\n`,
      'docs/index.html': '<p>docs</p>\n',
      'img/my photo.png': 'png',
      'empty/.keep': '',
      'data.unknownext': 'x',
    });
    await served(folder, pythonWith('json'), async site => {
      const moved = await get(site, '/old/cart?id=2');
      assert.deepEqual([moved.status, moved.headers.location], [302, '/shop/cart?id=2']);
      assert.equal((await get(site, '/admin/users')).status, 403);
      await assert.rejects(get(site, '/drop'), /socket hang up|ECONNRESET/);
      const documents = await get(site, '/docs/');
      assert.deepEqual([documents.status, documents.headers['content-type'], documents.body], [200, 'text/html', '<p>docs</p>\n']);
      assert.equal((await get(site, '/empty/')).status, 403, 'a folder without a default document: 403.14');
      assert.equal((await get(site, '/data.unknownext')).status, 404, 'a type the MIME map lacks: 404.3');
      assert.equal((await get(site, '/shop/cart')).body, '/shop/cart');
      // IIS decodes the path before it looks at the disk: /img/my%20photo.png is "my photo.png".
      const photo = await get(site, '/img/my%20photo.png');
      assert.deepEqual([photo.status, photo.headers['content-type'], photo.body], [200, 'image/png', 'png']);
      // A hidden segment percent-encoded is hidden all the same.
      assert.equal((await get(site, '/%77eb.config')).status, 404);
      // After a rewrite wfastcgi gives the app the original URL as sent, still encoded (its PATH_INFO is HTTP_X_ORIGINAL_URL).
      assert.equal((await get(site, '/caf%C3%A9/menu')).body, '/caf%C3%A9/menu');
      // Dot segments are resolved as HTTP.sys resolves them, never above the site: no file outside it is served.
      const above = await rawGet(site, '/../docs/index.html');
      assert.equal(above.split('\r\n')[0], 'HTTP/1.1 200 OK');
      assert.ok(above.includes('<p>docs</p>\n'), 'the site\'s own docs/index.html');
      writeFileSync(path.join(folder, '..', 'outside.txt'), 'not the site\'s\n');
      for (const escape of ['/../outside.txt', '/%2e%2e/outside.txt', '/docs/%2E%2E/%2E%2E/outside.txt']) {
        const answer = await rawGet(site, escape);
        assert.ok(!answer.includes("not the site's"), `${escape} serves no file outside the site`);
        // /outside.txt, which the site lacks: the app's, with the path as IIS resolved it.
        assert.ok(answer.includes('/outside.txt') && answer.startsWith('HTTP/1.1 200 OK'), `${escape}: ${answer}`);
      }
    });
  });

  it("says the doctor's other findings at start, and serves the site all the same", async () => {
    const folder = folderWith({
      'web.config': `<configuration><appSettings><add key="WSGI_HANDLER" value="app.application" /></appSettings><system.webServer><handlers><add name="PythonHandler" path="handler.fcgi" verb="*" modules="FastCgiModule" scriptProcessor="D:\\Python34\\python.exe|D:\\Python34\\Scripts\\wfastcgi.py" resourceType="Unspecified" /></handlers><rewrite><rules><rule name="Python" stopProcessing="true"><match url="(.*)" /><action type="Rewrite" url="handler.fcgi/{R:1}" /></rule></rules></rewrite></system.webServer></configuration>\n`,
      'app.py': `def application(environ, start_response):\n    start_response('200 OK', [('Content-Type', 'text/plain')])\n    return [b'served']\n`,
    });
    await served(folder, pythonWith('json'), async (site, lines) => {
      assert.match(lines[0]!, /^The doctor's findings \(the site is served as it is\):\nWARN PYTHONPATH is not set/);
      assert.equal((await get(site, '/a')).body, 'served');
    });
  });

  it('refuses to start on what IIS refuses (500.19), with the doctor\'s lines', async () => {
    const folder = folderWith({ 'web.config': '<configuration><system.webServer><handlers><add name="Python" path="*" verb="*" modules="FastCgiModule" resourceType="Sometimes" /></handlers></system.webServer></configuration>\n' });
    await assert.rejects(serveSite(folder, { port: 0, say: () => undefined }), (error: Error) => error instanceof ServeRefusal && /500\.19[\s\S]*FAIL web\.config is not valid for IIS: .*resourceType/.test(error.message));
  });

  it('runs HttpPlatformHandler\'s process with HTTP_PLATFORM_PORT, and proxies to it', async () => {
    const folder = await generated({ framework: 'flask', server: 'httpplatform' });
    await served(folder, pythonWith('flask', 'waitress'), async (site, lines) => {
      assert.match(site.runs, /-m waitress .*--port=\$\{HTTP_PLATFORM_PORT\}/);
      const home = await get(site, '/');
      assert.deepEqual([home.status, home.body], [200, greeting], lines.join('\n'));
      assert.equal((await get(site, '/web.config')).status, 404);
    });
  });

  for (const framework of ['flask', 'django'] as const) {
    it(`runs a Linux site's startup command with PORT, WEBSITE_HOSTNAME and its app settings, and proxies to it (${framework})`, async () => {
      const folder = await generated({ framework, host: 'linux' });
      await served(folder, pythonWith(framework), async (site, lines) => {
        assert.match(site.runs, /^gunicorn --bind=0\.0\.0\.0:\$\{PORT:-8000\}/);
        const home = await get(site, '/');
        assert.deepEqual([home.status, home.body], [200, greeting], lines.join('\n'));
        assert.equal((await get(site, '/.yo-rc.json')).status, 404, 'gunicorn serves the app, not the files');
      });
    });
  }

  it("is the doctor's --probe: what a user would see on the server, a served private file a failure", async () => {
    const hardened = await generated({ framework: 'flask', staticDir: 'static' });
    const good = runBin(['doctor', '--probe', '--no-import'], hardened, { ...binEnvironment(), PATH: `${path.dirname(pythonWith('flask'))}${path.delimiter}${process.env.PATH ?? ''}` });
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /^PASS served here as its host would, running your code: \S*python\S* with a FastCGI worker that imports WSGI_HANDLER ConfigurePython\.app as wfastcgi does/m);
    assert.match(good.stdout, /^PASS served here as on the server, \/ answers 200 .*FastCGI -> app 200/m);
    // Flask's own 404: the URL reached the app.
    assert.match(good.stdout, /^PASS a deep URL reaches the app \(404\)$/m);
    assert.match(good.stdout, /^PASS IIS serves static\/hello\.txt itself, as text\/plain$/m);
    assert.match(good.stdout, /^PASS the private files are not served: \.yo-rc\.json 404\.8, requirements\.txt 404\.8, web\.config 404\.8$/m);
    // Without request filtering, the IsFile rule hands .yo-rc.json and requirements.txt to IIS's static file handler.
    const open = await generated({ framework: 'flask', harden: false });
    const exposed = runBin(['doctor', '--probe', '--no-import'], open, { ...binEnvironment(), PATH: `${path.dirname(pythonWith('flask'))}${path.delimiter}${process.env.PATH ?? ''}` });
    assert.equal(exposed.status, 1);
    assert.match(exposed.stdout, /^FAIL anyone can download \.yo-rc\.json, requirements\.txt: the site serves them as they are -- fix: hide them/m);
  });

  it('takes bad options and folders in one line, before anything runs', () => {
    const folder = temporaryFolder();
    const port = runBin(['serve', '--port', 'eighty'], folder);
    assert.equal(port.status, 1);
    assert.equal(port.stderr, 'generator-azure-python: --port: a port number from 0 to 65535, not "eighty"\n');
    const python = runBin(['serve', '--python', '/no/such/python'], folder);
    assert.equal(python.status, 1);
    assert.match(python.stderr, /^generator-azure-python: --python: \/no\/such\/python cannot be run .*\n$/);
    const empty = runBin(['serve'], folder);
    assert.equal(empty.status, 1);
    assert.match(empty.stderr, /^generator-azure-python: .* holds no site to serve: no web\.config with a wfastcgi .*, and no startup command of App Service on Linux .*\n$/);
  });
});
