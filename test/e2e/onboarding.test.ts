import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSite, InvalidAnswerError, TemplateError, templateCatalog } from '../../lib/api.js';
import { packageRoot } from '../../lib/engine/package-root.js';
import { checkWsgiModule, folderListing, parseWebConfig, readText, runBin, temporaryFolder } from '../helpers.js';

const onboarding = path.join(packageRoot, 'examples', 'onboarding');
const overlay = path.join(onboarding, 'templates');
const answersFile = (name: string) => path.join(onboarding, 'sites', `${name}.json`);

function appSettings(site: string): Record<string, string> {
  const adds = parseWebConfig(readText(site, 'web.config')).getElementsByTagName('appSettings')[0]!.getElementsByTagName('add');
  return Object.fromEntries(Array.from(adds, add => [add.getAttribute('key')!, add.getAttribute('value')!]));
}

describe('onboarding many sites: answers files, template overlays, generateSite', () => {
  it('generates three sites from three answers files with the organisation\'s templates', async () => {
    const folder = temporaryFolder();
    const sites: Record<string, string> = {};
    for (const name of ['contoso-shop', 'contoso-blog', 'contoso-api']) {
      const result = await generateSite({ destination: path.join(folder, name), answersFile: answersFile(name), templates: overlay });
      sites[name] = result.destination;
      assert.ok(result.files.includes('.yo-rc.json') && result.files.length >= 3, `${name}: ${result.files.join(', ')}`);
    }

    const shop = sites['contoso-shop']!;
    assert.deepEqual(appSettings(shop), {
      pythonpath: 'D:\\home\\site\\wwwroot\\ContosoShop',
      WSGI_HANDLER: 'ContosoShop.application',
      CONTOSO_ENVIRONMENT: 'production',
      WSGI_LOG: 'D:\\home\\LogFiles\\wfastcgi.log',
    });
    assert.match(readText(shop, 'web.config'), /D:\\Python34\\python\.exe\|D:\\Python34\\Scripts\\wfastcgi\.py/);
    assert.ok(existsSync(path.join(shop, 'static', 'hello.txt')));

    const blog = sites['contoso-blog']!;
    assert.deepEqual(appSettings(blog), {
      pythonpath: 'D:\\home\\site\\wwwroot\\ContosoBlog',
      WSGI_HANDLER: 'ContosoBlog.app',
      CONTOSO_ENVIRONMENT: 'production',
    });
    assert.ok(existsSync(path.join(blog, 'assets', 'web.config')), 'wildcard routing: the static folder removes the handler');
    assert.equal(existsSync(path.join(blog, 'handler.fcgi')), false);

    const api = sites['contoso-api']!;
    assert.equal(existsSync(path.join(api, 'web.config')), false);
    const settings = JSON.parse(readText(api, 'azure/appsettings.json')) as { name: string; value: string }[];
    assert.deepEqual(settings.map(setting => `${setting.name}=${setting.value}`), [
      'PYTHONPATH=D:\\home\\site\\wwwroot\\ContosoApi',
      'WSGI_HANDLER=ContosoApi.application',
    ]);

    // The overlay's module, with its logging, in every site: still PEP 3333 under wsgiref.validate.
    for (const [site, module, callable] of [
      [shop, 'ContosoShop', 'application'],
      [blog, 'ContosoBlog', 'app'],
      [api, 'ContosoApi', 'application'],
    ] as const) {
      assert.match(readText(site, `${module}/${module}.py`), /^log = logging\.getLogger\('[A-Za-z]+'\)$/m);
      assert.equal(checkWsgiModule(site, module, callable)[0]!.body, 'Hello from Azure Websites\n');
    }
  });

  it('an option given with --answers takes precedence over the file', () => {
    const folder = temporaryFolder();
    const { status, stderr } = runBin(['shop', '--answers', answersFile('contoso-shop'), '--module', 'Storefront', '--yes'], folder);
    assert.equal(status, 0, stderr);
    const site = path.join(folder, 'shop');
    assert.equal(appSettings(site).WSGI_HANDLER, 'Storefront.application');
    assert.equal(appSettings(site).WSGI_LOG, 'D:\\home\\LogFiles\\wfastcgi.log', 'the rest comes from the file');
  });

  it('an answers file with an unknown key, or a bad value, is refused by name, and nothing is written', () => {
    const folder = temporaryFolder();
    const file = path.join(folder, 'answers.json');
    const before = () => folderListing(folder);

    writeFileSync(file, JSON.stringify({ module: 'Shop', 'site_root': 'D:\\home' }));
    let listing = before();
    let result = runBin(['--answers', file, '--yes'], folder);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^generator-azure-python: --answers: .*answers\.json has an unknown key "site_root": the keys are the options' names \(host, framework, site-name, module, .*\)\n$/);
    assert.deepEqual(folderListing(folder), listing);

    writeFileSync(file, JSON.stringify({ module: 'my-shop' }));
    listing = before();
    result = runBin(['--answers', file, '--yes'], folder);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^generator-azure-python: .*answers\.json "module": "my-shop" is not allowed: use a Python identifier/);
    assert.deepEqual(folderListing(folder), listing);

    writeFileSync(file, '{ "module": ');
    result = runBin(['--answers', file, '--yes'], folder);
    assert.match(result.stderr, /^generator-azure-python: --answers: .*answers\.json is not valid JSON/);
  });

  it('a template that uses an unknown variable fails naming the file and the variable, and writes nothing', () => {
    const folder = temporaryFolder();
    const templates = path.join(folder, 'org-templates');
    mkdirSync(path.join(templates, 'module'), { recursive: true });
    const template = path.join(templates, 'module', 'module.py.ejs');
    writeFileSync(template, '# <%- module %>\n# owner: <%- teamName %>\n');
    const site = path.join(folder, 'site');
    mkdirSync(site);
    const listing = folderListing(folder);
    const { status, stderr } = runBin(['--templates', templates, '--yes', '--no-git'], site);
    assert.equal(status, 1);
    assert.equal(
      stderr,
      `generator-azure-python: ${template}: unknown variable "teamName" (line 2); its variables are module, callable, moduleDir, moduleFile, wsgiHandler, localCommand, siteRootFromModuleDir, staticDir\n`,
    );
    assert.deepEqual(folderListing(folder), listing);
  });

  it('a file in the overlay that is no template of the package is refused', async () => {
    const templates = temporaryFolder('templates-');
    mkdirSync(path.join(templates, 'webconfig'));
    writeFileSync(path.join(templates, 'webconfig', 'web.conf.ejs'), '');
    const { status, stderr } = runBin(['--templates', templates, '--yes'], temporaryFolder());
    assert.equal(status, 1);
    assert.match(stderr, /web\.conf\.ejs: not a template of this package; the templates are module\/module\.py\.ejs, module\/flask\.py\.ejs, .*webconfig\/web\.config\.ejs, /);
    await assert.rejects(generateSite({ destination: temporaryFolder(), templates }), TemplateError);
  });

  it('generateSite throws a typed error on bad input, before writing anything', async () => {
    const folder = temporaryFolder();
    await assert.rejects(generateSite({ destination: path.join(folder, 'site'), module: 'class' }), (error: unknown) => {
      assert.ok(error instanceof InvalidAnswerError);
      assert.match(error.message, /^module: "class" is not allowed/, 'the API names its own key');
      return true;
    });
    await assert.rejects(generateSite({ destination: path.join(folder, 'site'), serveFiles: 'static-only' }), InvalidAnswerError);
    assert.deepEqual(folderListing(folder), {});
  });

  it('generateSite returns only what it wrote: nothing on a second run', async () => {
    const destination = path.join(temporaryFolder(), 'site');
    const first = await generateSite({ destination, git: false });
    assert.deepEqual(first.files, ['.yo-rc.json', 'ConfigurePython/ConfigurePython.py', 'README.md', 'azure/azuredeploy.json', 'handler.fcgi', 'web.config']);
    assert.deepEqual((await generateSite({ destination, git: false })).files, []);
  });

  it('a process generating site after site keeps nothing of a finished run for V8\'s young collections to carry', () => {
    // The bench's measure (bench/in-process.ts): a young collection after each site, and no full
    // one, and what they promote. Kept by young collections, a run grows V8's young generation in a
    // long run (docs/performance.md). A run left 26 KB a site when its log was a closure given a
    // property by a store, 11 KB when literals added keys after a leading spread (Node 20); now about 1.
    const measure = path.join(packageRoot, 'dist', 'bench', 'in-process.js');
    const result = spawnSync(process.execPath, ['--expose-gc', measure, 'promoted', '200'], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const { promotedKbPerSite, fullCollections } = JSON.parse(result.stdout) as { promotedKbPerSite: number; fullCollections: number };
    // A full collection frees what was promoted: it comes when the old generation fills (with a regression), and voids the measure.
    assert.equal(fullCollections, 0, `${fullCollections} full collection(s) during the measure; young ones promoted ${promotedKbPerSite.toFixed(1)} KB a site`);
    assert.ok(promotedKbPerSite < 4, `young collections promoted ${promotedKbPerSite.toFixed(1)} KB a site`);
  });

  it('the templates command and docs/onboarding.md list every template path and its variables', () => {
    const { stdout } = runBin(['templates'], temporaryFolder());
    const readme = readFileSync(path.join(packageRoot, 'docs', 'onboarding.md'), 'utf8');
    for (const [file, variables] of Object.entries(templateCatalog)) {
      assert.ok(stdout.includes(`  ${file}\n`), `templates lists ${file}`);
      assert.ok(readme.includes(`\`${file}\``), `the README lists ${file}`);
      for (const variable of Object.keys(variables)) {
        assert.ok(stdout.includes(variable), `templates lists ${variable}`);
        assert.ok(readme.includes(`\`${variable}\``), `the README lists ${variable}`);
      }
    }
  });
});
