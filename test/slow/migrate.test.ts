import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { requestOutcome } from '../../lib/iis/request-pipeline.js';
import { corpusExpectations } from '../fixtures/corpus-apps.js';
import { webConfigCorpus, type WebConfigFixture } from '../fixtures/web-config-corpus.js';
import { callThroughWfastcgi, folderListing, folderWith, pythonWith, runBin, startAsAppService, temporaryFolder } from '../helpers.js';

/*
 * `migrate` on Windows sites as they are: the generator's own (every variant) and the corpus of
 * public web.config files. Each migrated site is started exactly as App Service on Linux starts
 * it (its startup command in a shell, from the site root, PORT and the app settings set, under
 * Debian's gunicorn), and must answer each URL as the Windows site did: the app's response as
 * wfastcgi's resolution of WSGI_HANDLER gives it, and the files the IIS model says IIS served
 * byte for byte.
 */

interface LinuxFiles {
  readonly command: string;
  readonly settings: Record<string, string>;
  readonly healthCheckPath?: string;
}

function linuxFilesOf(folder: string): LinuxFiles {
  const template = JSON.parse(readFileSync(path.join(folder, 'azure', 'linux', 'azuredeploy.json'), 'utf8')) as {
    resources: { type: string; properties?: { siteConfig?: { appCommandLine?: string; healthCheckPath?: string; linuxFxVersion?: string } } }[];
  };
  const siteConfig = template.resources.find(resource => resource.type === 'Microsoft.Web/sites')!.properties!.siteConfig!;
  const settings = JSON.parse(readFileSync(path.join(folder, 'azure', 'linux', 'appsettings.json'), 'utf8')) as { name: string; value: string }[];
  return { command: siteConfig.appCommandLine!, settings: Object.fromEntries(settings.map(setting => [setting.name, setting.value])), healthCheckPath: siteConfig.healthCheckPath };
}

/** What the Windows site answers at each URL: the app's response through wfastcgi, or the file IIS serves. */
type WindowsAnswer = { kind: 'python'; status: number; body: string } | { kind: 'file'; body: string } | { kind: 'fails' };

function windowsAnswers(folder: string, urls: readonly string[], python: string, given: { handler?: string; paths?: string[] } = {}, fails?: RegExp): Record<string, WindowsAnswer> {
  return Object.fromEntries(
    urls.map(url => {
      const outcome = requestOutcome(folder, url);
      if (outcome.kind === 'file') return [url, { kind: 'file', body: readFileSync(path.join(folder, outcome.file), 'utf8') }];
      if (fails) {
        assert.throws(() => callThroughWfastcgi(folder, python, url, given), fails);
        return [url, { kind: 'fails' }];
      }
      const answer = callThroughWfastcgi(folder, python, url, given);
      return [url, { kind: 'python', status: Number(answer.status.slice(0, 3)), body: answer.body }];
    }),
  );
}

/** Migrates `folder`, starts the Linux site, and checks every URL against the Windows answers, then the health check. */
async function assertServesTheSame(folder: string, windows: Record<string, WindowsAnswer>, name: string): Promise<LinuxFiles> {
  const { status, stderr } = runBin(['migrate', '--yes', '--site-name', 'migrated'], folder);
  assert.equal(status, 0, stderr);
  const linux = linuxFilesOf(folder);
  // One worker: the requests are few, and the machine has two cores.
  const site = startAsAppService(folder, linux.command, { ...linux.settings, WEB_CONCURRENCY: '1' });
  try {
    // An app that fails as wfastcgi loads it fails as gunicorn loads it: the site does not start.
    const failing = Object.values(windows).some(answer => answer.kind === 'fails');
    if (failing && !(await site.get('/', 'localhost').then(got => got.status === 500, () => true))) assert.fail(`${name}: the app answered on Linux, and failed on Windows`);
    for (const [url, answer] of failing ? [] : Object.entries(windows)) {
      // The request wfastcgi's call was made with: Host localhost.
      const got = await site.get(url, 'localhost');
      if (answer.kind === 'file') {
        assert.equal(got.status, 200, `${name}: ${url}, a file IIS served`);
        assert.equal(got.body, answer.body, `${name}: ${url} is the same file`);
      } else if (answer.kind === 'python') {
        assert.equal(got.status, answer.status, `${name}: ${url} answers ${answer.status}, as on Windows: ${got.body.slice(0, 300)}`);
        assert.equal(got.body, answer.body, `${name}: ${url} is the same response`);
      }
    }
    if (linux.healthCheckPath && !failing) {
      // App Service's probe: the instance's own address as the Host, which no app allows.
      const health = await site.get(linux.healthCheckPath, '169.254.129.3:8000');
      assert.deepEqual([health.status, health.body], [200, 'ok\n'], `${name}: the health check`);
    }
  } finally {
    site.stop();
  }
  const before = folderListing(folder);
  const again = runBin(['migrate', '--yes'], folder);
  assert.equal(again.status, 0, again.stderr);
  assert.deepEqual(folderListing(folder), before, `${name}: a re-run changes nothing`);
  return linux;
}


function frameworkOf(fixture: WebConfigFixture): string {
  const text = Object.values(fixture.files).join('\n');
  return /django/i.test(text) ? 'django' : /bottle/.test(text) ? 'bottle' : 'flask';
}

describe('migrate: Windows sites moved to App Service on Linux serve the same app', function () {
  this.timeout(180_000);

  describe("the generator's own Windows sites, every variant", () => {
    const variants: Record<string, string[]> = {
      'Flask, Option 2 with URL Rewrite (the default)': ['--framework', 'flask'],
      'Django, Option 2': ['--framework', 'django'],
      'Bottle, wildcard routing': ['--framework', 'bottle', '--routing', 'wildcard'],
      'a bare WSGI module, static-only': ['--framework', 'wsgi', '--static-dir', 'static', '--serve-files', 'static-only'],
      'Flask under HttpPlatformHandler': ['--framework', 'flask', '--server', 'httpplatform'],
      'Flask, Option 1 (the portal)': ['--framework', 'flask', '--config', 'portal'],
      'Flask on IIS of its own, at C:\\inetpub\\flask': ['--framework', 'flask', '--host', 'iis', '--site-root', 'C:\\inetpub\\flask'],
      'Django in a module folder of its own, Python 3.6': ['--framework', 'django', '--module', 'shop', '--python', '3.6'],
    };
    for (const [name, options] of Object.entries(variants)) {
      it(name, async () => {
        const folder = temporaryFolder('windows-site-');
        const generated = runBin(['--yes', '--no-git', '--site-name', 'winsite', ...options], folder);
        assert.equal(generated.status, 0, generated.stderr);
        const httpPlatform = options.includes('httpplatform');
        const kept = JSON.parse(readFileSync(path.join(folder, '.yo-rc.json'), 'utf8'))['generator-azure-python'] as Record<string, string>;
        // waitress serves <module>:<callable>, the generated module's, from its folder; wfastcgi reads WSGI_HANDLER.
        const given = httpPlatform ? { handler: `${kept.module}.${kept.callable}`, paths: [path.join(folder, kept.moduleDir ?? kept.module!)] } : {};
        const framework = options[options.indexOf('--framework') + 1]!;
        const urls = ['/', '/a/deep/url', ...(kept.staticDir || framework !== 'wsgi' ? [`/${kept.staticDir || 'static'}/hello.txt`] : [])];
        const windows = windowsAnswers(folder, urls, pythonWith(framework === 'wsgi' ? 'wsgiref' : framework), given);
        const linux = await assertServesTheSame(folder, windows, name);
        assert.equal(linux.healthCheckPath, '/healthz');
        assert.equal(linux.settings.SCM_DO_BUILD_DURING_DEPLOYMENT, 'true');
        for (const ownSetting of ['WSGI_HANDLER', 'PYTHONPATH', 'WSGI_LOG']) assert.ok(!(ownSetting in linux.settings), `${name}: wfastcgi's ${ownSetting} is not carried`);
        const notes = readFileSync(path.join(folder, 'MIGRATION.md'), 'utf8');
        assert.match(notes, /^# Moving migrated to App Service on Linux$/m);
        assert.ok(notes.includes(`Startup command: \`${linux.command}\``));
      });
    }
  });

  describe('the corpus of public web.config files', () => {
    for (const fixture of webConfigCorpus) {
      const source = fixture.imitates.thread ?? `${fixture.imitates.repository}/${fixture.imitates.path}`;
      const expected = corpusExpectations[fixture.name] ?? {};
      if (expected.refused) {
        it(`${fixture.name} (${source}): refused in one line, nothing written`, () => {
          const folder = folderWith(fixture.files, 'corpus-');
          const before = folderListing(folder);
          const { status, stdout, stderr } = runBin(['migrate', '--yes', '--site-name', 'migrated'], folder);
          assert.equal(status, 1);
          assert.equal(stdout, '');
          const lines = stderr.trimEnd().split('\n');
          assert.equal(lines.length, 1, stderr);
          assert.match(lines[0]!, /^generator-azure-python: /);
          assert.match(lines[0]!, expected.refused!);
          assert.deepEqual(folderListing(folder), before);
        });
        continue;
      }
      it(`${fixture.name} (${source}): served by gunicorn as wfastcgi served it`, async () => {
        const folder = folderWith(fixture.files, 'corpus-');
        const given = { handler: expected.handler, paths: expected.paths?.map(entry => path.join(folder, entry)) };
        const windows = windowsAnswers(folder, Object.keys(fixture.routes), pythonWith(frameworkOf(fixture)), given, expected.fails ?? fixture.appFails);
        await assertServesTheSame(folder, windows, fixture.name);
      });
    }
  });
});
