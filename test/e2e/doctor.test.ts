import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSite, type GenerateSiteOptions } from '../../lib/api.js';
import { diagnose, type Check } from '../../lib/doctor/diagnose.js';
import { packageRoot } from '../../lib/engine/package-root.js';
import { git, python3, runBin, temporaryFolder } from '../helpers.js';

/** A healthy generated site, to break one thing in. */
async function healthySite(options: Partial<GenerateSiteOptions> = {}): Promise<string> {
  const site = path.join(temporaryFolder(), 'site');
  await generateSite({ destination: site, git: false, ...options });
  return site;
}

function edit(site: string, file: string, from: string, to: string): void {
  const text = readFileSync(path.join(site, file), 'utf8');
  assert.ok(text.includes(from), `${file} holds ${from}`);
  writeFileSync(path.join(site, file), text.replace(from, to));
}

/** The checks that are not PASS. */
function findings(site: string): Check[] {
  return diagnose(site, python3()).filter(found => found.status !== 'pass');
}

const brokenSites: { cause: string; break: (site: string) => void | Promise<void>; expect: Partial<Check> & { id: string; status: 'fail' | 'warn' } }[] = [
  {
    cause: 'web.config not well-formed',
    break: site => edit(site, 'web.config', '<add key="WSGI_HANDLER" value="ConfigurePython.application" />', '<add key="WSGI_HANDLER" value="a&b" />'),
    expect: { id: 'web.config-xml', status: 'fail', fix: 'fix line 12 of web.config' },
  },
  {
    cause: 'web.config not valid for IIS',
    break: site => edit(site, 'web.config', 'resourceType="Either" />', 'resourceType="Any" />'),
    expect: { id: 'web.config-schema', status: 'fail', fix: 'correct line 21 of web.config' },
  },
  {
    cause: 'WSGI_HANDLER missing',
    break: site => edit(site, 'web.config', '<add key="WSGI_HANDLER" value="ConfigurePython.application" />', ''),
    expect: { id: 'wsgi-handler', status: 'fail' },
  },
  {
    cause: 'WSGI_HANDLER not importable',
    break: site => edit(site, 'web.config', 'value="ConfigurePython.application"', 'value="Shop.application"'),
    expect: { id: 'wsgi-import', status: 'fail', fix: 'put the module in a PYTHONPATH folder, or correct WSGI_HANDLER to <module>.<callable>' },
  },
  {
    cause: 'a WSGI app written with ()',
    break: site => edit(site, 'web.config', 'value="ConfigurePython.application"', 'value="ConfigurePython.application()"'),
    expect: { id: 'wsgi-import', status: 'fail', fix: 'set WSGI_HANDLER to ConfigurePython.application (without "()")' },
  },
  {
    cause: 'a factory written without ()',
    break: site => {
      writeFileSync(path.join(site, 'ConfigurePython', 'factory.py'), 'from ConfigurePython import application\n\ndef create_app():\n    return application\n');
      edit(site, 'web.config', 'value="ConfigurePython.application"', 'value="factory.create_app"');
    },
    expect: { id: 'wsgi-import', status: 'fail', fix: 'set WSGI_HANDLER to factory.create_app() (with "()")' },
  },
  {
    cause: 'PYTHONPATH outside the site root',
    break: site => edit(site, 'web.config', 'value="D:\\home\\site\\wwwroot\\ConfigurePython"', 'value="C:\\dev\\shop"'),
    expect: { id: 'pythonpath', status: 'fail' },
  },
  {
    cause: 'resourceType="Either" without the placeholder',
    break: site => rmSync(path.join(site, 'handler.fcgi')),
    expect: { id: 'placeholder', status: 'fail', fix: 'create the empty file handler.fcgi in the site root (touch handler.fcgi)' },
  },
  {
    cause: 'a scriptProcessor that is not the runtime\'s',
    break: site => edit(site, 'web.config', 'D:\\Python27\\Scripts\\wfastcgi.py', 'D:\\Python27\\wfastcgi.py'),
    expect: { id: 'script-processor', status: 'fail', fix: 'set scriptProcessor="D:\\Python27\\python.exe|D:\\Python27\\Scripts\\wfastcgi.py"' },
  },
  {
    cause: 'runtime.txt asking for another Python than the scriptProcessor\'s',
    break: site => writeFileSync(path.join(site, 'runtime.txt'), 'python-3.4\n'),
    expect: { id: 'script-processor', status: 'fail', fix: 'set scriptProcessor="D:\\Python34\\python.exe|D:\\Python34\\Scripts\\wfastcgi.py"' },
  },
  {
    cause: 'a str body on Python 3',
    break: site => edit(site, 'ConfigurePython/ConfigurePython.py', "body = b'Hello from Azure Websites\\n'", "body = 'Hello from Azure Websites\\n'"),
    expect: { id: 'wsgi-import', status: 'fail', fix: "return bytes: b'...' or '...'.encode('utf-8')" },
  },
  {
    cause: 'private files served under the IsFile rule',
    break: site => {
      edit(site, 'web.config', '<add segment=".yo-rc.json" />', '');
      writeFileSync(path.join(site, 'requirements.txt'), '');
      writeFileSync(path.join(site, 'runtime.txt'), 'python-2.7\n');
      edit(site, 'web.config', '<add segment="requirements.txt" />', '');
    },
    expect: { id: 'private-files', status: 'warn' },
  },
  {
    cause: 'package.json in the root',
    break: site => writeFileSync(path.join(site, 'package.json'), '{ "name": "tools" }\n'),
    expect: { id: 'package-json', status: 'fail' },
  },
  {
    cause: 'requirements.txt without runtime.txt',
    break: site => writeFileSync(path.join(site, 'requirements.txt'), 'requests==2.27.1\n'),
    expect: { id: 'requirements', status: 'fail', fix: 'add runtime.txt holding python-2.7' },
  },
  {
    cause: 'deploying from main to a site that deploys master',
    break: site => {
      // The site committed, as it is deployed: on main.
      git(site, 'init', '-q', '-b', 'main');
      git(site, 'add', '-A');
      git(site, '-c', 'user.name=doctor', '-c', 'user.email=doctor@example.com', 'commit', '-qm', 'the site');
    },
    expect: { id: 'deploy-branch', status: 'warn', fix: 'git push azure main:master   (or set the app setting DEPLOYMENT_BRANCH=main)' },
  },
];

describe('the doctor', function () {
  this.timeout(60_000);

  it('a healthy site: every check passes, and the bin exits 0', async () => {
    const site = await healthySite();
    const checks = diagnose(site, python3());
    assert.deepEqual(checks.filter(found => found.status !== 'pass'), []);
    assert.ok(checks.length >= 9);
    const { status, stdout } = runBin(['doctor', site], temporaryFolder());
    assert.equal(status, 0);
    assert.equal(stdout.trim().split('\n').length, checks.length, 'one line per check');
    assert.ok(stdout.split('\n').every(line => line === '' || /^(PASS|WARN|FAIL) /.test(line)));
  });

  for (const broken of brokenSites) {
    it(`${broken.cause}: exactly its ${broken.expect.status.toUpperCase()}, with the fix`, async () => {
      const site = await healthySite();
      await broken.break(site);
      const found = findings(site);
      assert.equal(found.length, 1, JSON.stringify(found, null, 1));
      assert.equal(found[0]!.id, broken.expect.id);
      assert.equal(found[0]!.status, broken.expect.status);
      assert.ok(found[0]!.fix, 'a fix is given');
      if (broken.expect.fix) assert.equal(found[0]!.fix, broken.expect.fix);
    });
  }

  it('a FAIL: the report line holds the fix, --json gives the checks, the exit code is 1', async () => {
    const site = await healthySite();
    rmSync(path.join(site, 'handler.fcgi'));
    const text = runBin(['doctor', site], temporaryFolder());
    assert.equal(text.status, 1);
    assert.match(text.stdout, /^FAIL the handler's path handler\.fcgi does not exist: .* -- fix: create the empty file handler\.fcgi in the site root/m);
    assert.equal(text.stderr.trim(), `generator-azure-python: the doctor found 1 failure in ${site}`);
    const json = runBin(['doctor', site, '--json'], temporaryFolder());
    assert.equal(json.status, 1);
    const checks = JSON.parse(json.stdout) as Check[];
    assert.deepEqual(checks.find(found => found.status === 'fail')?.id, 'placeholder');
  });

  it('--fix adds the missing files through Yeoman, then checks again; it changes nothing else', async () => {
    const site = await healthySite();
    rmSync(path.join(site, 'handler.fcgi'));
    writeFileSync(path.join(site, 'requirements.txt'), 'requests==2.27.1\n');
    const webConfig = readFileSync(path.join(site, 'web.config'), 'utf8');
    const { status, stdout, stderr } = runBin(['doctor', site, '--fix'], temporaryFolder());
    assert.equal(status, 0, stderr);
    assert.equal(readFileSync(path.join(site, 'handler.fcgi'), 'utf8'), '');
    assert.equal(readFileSync(path.join(site, 'runtime.txt'), 'utf8'), 'python-2.7\n');
    assert.equal(readFileSync(path.join(site, 'web.config'), 'utf8'), webConfig);
    assert.doesNotMatch(stdout, /^FAIL/m);
    assert.match(stderr, /create .*handler\.fcgi/);
  });

  it("--fix sets a value in web.config only as a change the owner approves: without a terminal it stops, writing nothing; --force makes it", async () => {
    const site = await healthySite({ framework: 'flask' });
    edit(site, 'web.config', 'value="ConfigurePython.app"', 'value="ConfigurePython.app()"');
    rmSync(path.join(site, 'handler.fcgi'));
    const edited = readFileSync(path.join(site, 'web.config'), 'utf8');
    const yoRc = readFileSync(path.join(site, '.yo-rc.json'), 'utf8');
    const refused = runBin(['doctor', site, '--fix'], temporaryFolder());
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /Not overwritten without a terminal to ask: web\.config \(configuration\/appSettings\/add\[@key='WSGI_HANDLER'\] value: "ConfigurePython\.app\(\)" becomes "ConfigurePython\.app"\)/);
    assert.equal(readFileSync(path.join(site, 'web.config'), 'utf8'), edited);
    assert.equal(existsSync(path.join(site, 'handler.fcgi')), false, 'nothing is written when one change cannot be asked about');

    const forced = runBin(['doctor', site, '--fix', '--force'], temporaryFolder());
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(readFileSync(path.join(site, 'web.config'), 'utf8'), edited.replace('value="ConfigurePython.app()"', 'value="ConfigurePython.app"'));
    assert.equal(existsSync(path.join(site, 'handler.fcgi')), true);
    assert.doesNotMatch(forced.stdout, /^FAIL/m);
    // The fix is the owner's edit, not the generator's text: web.config's record stays as the generator left it.
    const records = (text: string) => (JSON.parse(text) as { 'generator-azure-python': { files: Record<string, unknown> } })['generator-azure-python'].files;
    assert.deepEqual(records(readFileSync(path.join(site, '.yo-rc.json'), 'utf8'))['web.config'], records(yoRc)['web.config']);
  });

  it('without --fix it never changes the site', async () => {
    const site = await healthySite();
    rmSync(path.join(site, 'handler.fcgi'));
    runBin(['doctor', site], temporaryFolder());
    assert.equal(existsSync(path.join(site, 'handler.fcgi')), false);
  });

  it('reports no FAIL on any site the generators produce', async () => {
    const variants: Partial<GenerateSiteOptions>[] = [
      {},
      { python: '3.4', staticDir: 'static', wsgiLog: 'D:\\home\\LogFiles\\wfastcgi.log' },
      { routing: 'wildcard', staticDir: 'static' },
      { staticDir: 'assets', serveFiles: 'static-only', harden: false },
      { config: 'portal', python: '3.6' },
      { server: 'httpplatform', python: '3.6' },
      { server: 'httpplatform', python: '2.7' },
      { host: 'iis', siteName: 'intranet' },
      { host: 'iis', server: 'httpplatform', siteName: 'intranet' },
      { host: 'linux', python: '3.12' },
      { interpreter: 'E:\\Python311\\python.exe', wfastcgi: 'E:\\Python311\\Lib\\site-packages\\wfastcgi.py' },
      { answersFile: path.join(packageRoot, 'examples', 'onboarding', 'sites', 'contoso-shop.json'), templates: path.join(packageRoot, 'examples', 'onboarding', 'templates') },
      { git: true },
      { framework: 'flask' },
      { framework: 'django', python: '3.4' },
      { framework: 'bottle', config: 'portal' },
      { framework: 'django', server: 'httpplatform', python: '3.6' },
    ];
    for (const variant of variants) {
      const site = await healthySite(variant);
      const failures = diagnose(site, python3()).filter(found => found.status === 'fail');
      assert.deepEqual(failures, [], JSON.stringify(variant));
    }
  });

  it('reads a hand-written site too: the document\'s own sample, with its str body', () => {
    const site = temporaryFolder();
    mkdirSync(path.join(site, 'ConfigurePython'));
    writeFileSync(
      path.join(site, 'ConfigurePython', 'ConfigurePython.py'),
      "def application(environ, start_response):\n    start_response('200 OK', [('Content-Type', 'text/plain')])\n    yield 'Hello, world!'\n",
    );
    writeFileSync(path.join(site, 'handler.fcgi'), '');
    writeFileSync(
      path.join(site, 'web.config'),
      '<configuration><appSettings><add key="pythonpath" value="%SystemDrive%\\home\\site\\wwwroot\\ConfigurePython" /><add key="WSGI_HANDLER" value="ConfigurePython.application" /></appSettings><system.webServer><handlers><add name="PythonHandler" path="handler.fcgi" verb="*" modules="FastCgiModule" scriptProcessor="D:\\Python34\\python.exe|D:\\Python34\\Scripts\\wfastcgi.py" resourceType="Either"/></handlers><rewrite><rules><rule name="Configure Python" stopProcessing="true"><match url="(.*)" ignoreCase="false" /><conditions><add input="{REQUEST_FILENAME}" matchType="IsFile" negate="true" /></conditions><action type="Rewrite" url="handler.fcgi/{R:1}" appendQueryString="true" /></rule></rules></rewrite></system.webServer></configuration>',
    );
    const found = findings(site);
    assert.deepEqual(found.map(check => check.id), ['wsgi-import']);
    assert.match(found[0]!.message, /returns a str body/);
  });
});
