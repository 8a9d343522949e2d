import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Element } from '../../lib/xml/tree.js';
import type { SiteAnswers } from '../../lib/answers/model.js';
import { answerApplies, questions } from '../../lib/answers/questions.js';
import { packageRoot } from '../../lib/engine/package-root.js';
import { modulePart } from '../../lib/plans/module.js';
import { portalPart } from '../../lib/plans/portal.js';
import { webconfigPart } from '../../lib/plans/webconfig.js';
import { pythonRuntimes, type WindowsRuntime } from '../../lib/catalog/runtimes.js';
import { resolveRuntime } from '../../lib/site/layout.js';
import {
  validateCallableName,
  validateModuleName,
  validateRemoteUrl,
  validateSiteName,
  validateStaticFolder,
  validateWindowsPath,
  type Validator,
} from '../../lib/answers/validate.js';
import { mergeWebConfig } from '../../lib/iis/merge.js';
import { keptInYoRc, parseWebConfig, python3, runGenerator, temporaryFolder } from '../helpers.js';

/** What a plan is rendered with in a site of no other files, with the packaged templates. */
const noContext = { siteFiles: () => [] };

/** Strings the validator accepts, drawn from `characters`: the values a user can get through. */
function accepted(validate: Validator, characters: fc.Arbitrary<string>, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: characters, minLength: 1, maxLength }).filter(value => validate(value) === undefined);
}

const identifierCharacter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_');
// Everything a Windows folder name may hold that matters to XML, JSON, Python or a shell.
const folderCharacter = fc.constantFrom(...'abcXYZ019 _-.&\'#%;=!@$^~()[]{}+,`éü€中');
const folderName = fc.string({ unit: folderCharacter, minLength: 1, maxLength: 12 });
const windowsPath = fc
  .tuple(fc.constantFrom('C', 'D', 'e'), fc.array(folderName, { minLength: 0, maxLength: 4 }))
  .map(([drive, folders]) => `${drive}:\\${folders.join('\\')}`)
  .filter(value => validateWindowsPath(value) === undefined);
const staticFolder = fc
  .array(fc.string({ unit: fc.constantFrom(...'abcZ09_-.'), minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 })
  .map(names => names.join('/'))
  .filter(value => validateStaticFolder(value) === undefined);

const siteAnswers: fc.Arbitrary<SiteAnswers> = fc
  .record({
    siteName: accepted(validateSiteName, fc.constantFrom(...'abz09-'), 20),
    module: accepted(validateModuleName, identifierCharacter, 20),
    moduleDir: fc.oneof(fc.constant('.'), staticFolder),
    framework: fc.constant('wsgi' as const),
    callable: accepted(validateCallableName, identifierCharacter, 20),
    host: fc.constant('azure' as const),
    server: fc.constant('fastcgi' as const),
    python: fc.constantFrom(...pythonRuntimes.filter(runtime => runtime.os === 'windows').map(runtime => runtime.version)),
    // A Python of the user's own: both paths, or neither.
    customPython: fc.oneof(fc.constant(['', ''] as const), fc.tuple(windowsPath, windowsPath)),
    config: fc.constantFrom('webconfig' as const, 'portal' as const),
    siteRoot: windowsPath,
    routing: fc.constantFrom('rewrite' as const, 'wildcard' as const),
    staticDir: fc.oneof(fc.constant(''), staticFolder),
    serveFiles: fc.constantFrom('existing' as const, 'static-only' as const),
    wsgiLog: fc.oneof(fc.constant(''), windowsPath.filter(value => value.length > 3)),
    harden: fc.boolean(),
    provision: fc.boolean(),
    ci: fc.constantFrom('none' as const, 'github' as const),
    git: fc.constant(false),
    remote: fc.oneof(fc.constant(''), accepted(validateRemoteUrl, fc.constantFrom(...'https:/@.gitabc-'), 60)),
  })
  .map(({ customPython: [interpreter, wfastcgi], ...answers }) => ({
    ...answers,
    interpreter,
    wfastcgi,
    serveFiles: answers.staticDir === '' ? ('existing' as const) : answers.serveFiles,
  }))
  .filter(answers => {
    // The rule between the static folder and the module's (lib/answers/rules.ts): such answers are refused.
    const source = (answers.moduleDir === '.' ? answers.module : answers.moduleDir).toLowerCase();
    const staticDir = answers.staticDir.toLowerCase();
    return staticDir === '' || (source !== staticDir && !source.startsWith(`${staticDir}/`));
  });

/** The module's folder on the server, as the answers put it: the site root, or below it with \\ for /. */
function serverModuleFolder({ siteRoot, moduleDir }: SiteAnswers): string {
  if (moduleDir === '.') return siteRoot;
  return `${siteRoot.endsWith('\\') ? siteRoot : `${siteRoot}\\`}${moduleDir.replaceAll('/', '\\')}`;
}

function settingsOf(document: ReturnType<typeof parseWebConfig>): Record<string, string> {
  const adds = document.getElementsByTagName('appSettings')[0]!.getElementsByTagName('add');
  return Object.fromEntries(Array.from(adds, add => [add.getAttribute('key')!, add.getAttribute('value')!]));
}

function generated(plan: ReturnType<typeof webconfigPart.plan>, file: string): string {
  const entry = plan.find(candidate => candidate.path === file);
  assert.ok(entry && entry.kind === 'merged', `${file} is planned`);
  return entry.generated;
}

describe('properties: whatever the validators accept', () => {
  it('web.config is valid for IIS, and every value reads back exactly', () => {
    fc.assert(
      fc.property(siteAnswers, answers => {
        const plan = webconfigPart.plan(answers, noContext);
        const text = generated(plan, 'web.config');
        const document = parseWebConfig(text);
        const runtime = resolveRuntime(answers) as WindowsRuntime;
        assert.deepEqual(settingsOf(document), {
          pythonpath: serverModuleFolder(answers),
          WSGI_HANDLER: `${answers.module}.${answers.callable}`,
          ...(answers.wsgiLog ? { WSGI_LOG: answers.wsgiLog } : {}),
        });
        const handler = document.getElementsByTagName('handlers')[0]!.getElementsByTagName('add')[0]!;
        assert.equal(handler.getAttribute('scriptProcessor'), `${runtime.interpreter}|${runtime.wfastcgi}`);
        const rules = Array.from(document.getElementsByTagName('rule'));
        const staticRule = rules.find((rule: Element) => rule.getAttribute('name') === 'Static folder');
        assert.equal(staticRule !== undefined, answers.routing === 'rewrite' && answers.staticDir !== '');
        if (staticRule) {
          // The pattern is a regular expression: it must match the folder and nothing that only resembles it.
          const pattern = new RegExp(staticRule.getElementsByTagName('match')[0]!.getAttribute('url')!, 'i');
          assert.ok(pattern.test(`${answers.staticDir}/site.css`));
          assert.ok(!pattern.test(`${answers.staticDir}x/site.css`));
          assert.ok(!pattern.test(`${answers.staticDir.replace('.', 'x')}/site.css`) || !answers.staticDir.includes('.'));
        }
        if (answers.routing === 'wildcard' && answers.staticDir !== '') parseWebConfig(generated(plan, `${answers.staticDir}/web.config`));
        // Merging what was generated into itself changes nothing: a re-run is byte-identical.
        assert.equal(mergeWebConfig(text, text, 'web.config').change, 'none');
      }),
      { numRuns: 300 },
    );
  });

  it('a merge into an existing web.config, run twice, is the merge run once', () => {
    const fixtures = path.join(packageRoot, 'test', 'fixtures', 'web-configs');
    const existing = ['other-handlers.config', 'commented.config', 'django-template.config'].map(name => readFileSync(path.join(fixtures, name), 'utf8'));
    fc.assert(
      fc.property(siteAnswers, fc.constantFrom(...existing), (answers, userFile) => {
        const once = mergeWebConfig(userFile, generated(webconfigPart.plan(answers, noContext), 'web.config'), 'web.config');
        parseWebConfig(once.text);
        const twice = mergeWebConfig(once.text, generated(webconfigPart.plan(answers, noContext), 'web.config'), 'web.config');
        assert.equal(twice.change, 'none');
        assert.equal(twice.text, once.text);
      }),
      { numRuns: 100 },
    );
  });

  it('the portal files are valid JSON holding exactly the values given', () => {
    fc.assert(
      fc.property(siteAnswers, answers => {
        const files = Object.fromEntries(portalPart.plan(answers, noContext).map(file => [file.path, file.kind === 'generated' ? file.contents : '']));
        const settings = JSON.parse(files['azure/appsettings.json']!) as { name: string; value: string }[];
        assert.deepEqual(
          Object.fromEntries(settings.map(setting => [setting.name, setting.value])),
          {
            PYTHONPATH: serverModuleFolder(answers),
            WSGI_HANDLER: `${answers.module}.${answers.callable}`,
            ...(answers.wsgiLog ? { WSGI_LOG: answers.wsgiLog } : {}),
          },
        );
        const mapping = JSON.parse(files['azure/handler-mappings.json']!).properties.handlerMappings[0];
        const runtime = resolveRuntime(answers) as WindowsRuntime;
        assert.deepEqual(mapping, { extension: '*', scriptProcessor: runtime.interpreter, arguments: runtime.wfastcgi });
        assert.ok(files['azure/portal-steps.md']!.includes(`\`PYTHONPATH\` = \`${serverModuleFolder(answers)}\``));
      }),
      { numRuns: 200 },
    );
  });

  it('the Python module compiles, imports and answers through wsgiref.validate', function () {
    this.timeout(60_000);
    const folder = temporaryFolder();
    const sites = fc.sample(siteAnswers, 150).map((answers, index) => {
      const siteFolder = path.join(folder, String(index));
      for (const file of modulePart.plan(answers, noContext)) {
        mkdirSync(path.dirname(path.join(siteFolder, file.path)), { recursive: true });
        writeFileSync(path.join(siteFolder, file.path), file.kind === 'generated' ? file.contents : '');
      }
      return { folder: siteFolder, moduleDir: answers.moduleDir, module: answers.module, callable: answers.callable };
    });
    const script = path.join(packageRoot, 'test', 'python', 'compile_check.py');
    const result = spawnSync(python3(), ['-W', 'error', script], { input: JSON.stringify(sites), encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const responses = result.stdout.trim().split('\n').map(line => JSON.parse(line) as { status: string; body: string });
    assert.equal(responses.length, sites.length);
    for (const response of responses) assert.deepEqual(response, { ...response, status: '200 OK', body: 'Hello from Azure Websites\n' });
  });

  it('.yo-rc.json keeps every answer exactly, through the generators', async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(siteAnswers, async answers => {
        const folder = temporaryFolder();
        const options = Object.fromEntries(questions.map(question => [question.option, answers[question.name]]));
        await runGenerator('app', { ...options, yes: true }, { folder });
        const kept = keptInYoRc(folder).answers;
        // Every answer that applies is kept; those the others rule out (a remote without git, say) are not.
        const applying = questions.filter(question => answerApplies(question, answers));
        assert.deepEqual(kept, Object.fromEntries(applying.map(question => [question.name, answers[question.name]])));
      }),
      { numRuns: 15 },
    );
  });
});
