import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promptChoices, promptMessage, questions } from '../../lib/answers/questions.js';
import { promptValidator } from '../../lib/answers/resolve.js';
import { pythonRuntimes } from '../../lib/catalog/runtimes.js';
import { generators } from '../../lib/engine/registry.js';
import { colourful } from '../../lib/engine/yeoman/output.js';
import { binEnvironment, folderListing, keptInYoRc, runBin, runGenerator, temporaryFolder } from '../helpers.js';

const question = (name: string) => questions.find(candidate => candidate.name === name)!;

describe('the interactive run: host first, a short path, lists that follow the answers', () => {
  it('a default site asks five questions: where it runs, the framework, its name, whether to customise, git', async () => {
    const result = await runGenerator('app', {}, { answers: { git: false } });
    assert.deepEqual(
      result.askedQuestions.map(asked => asked.name),
      ['host', 'framework', 'siteName', 'customise', 'git'],
    );
    // Everything not asked took the default --yes takes: the document's layout.
    const { answers } = keptInYoRc(result.cwd);
    assert.equal(answers.host, 'azure');
    assert.equal(answers.python, '2.7');
    assert.equal(answers.module, 'ConfigurePython');
    assert.equal(answers.routing, 'rewrite');
    assert.equal(answers.remote, undefined, 'no remote without git');
  });

  it('"customise" asks the rest, each only where the answers before it make it apply', async () => {
    const result = await runGenerator('app', {}, { answers: { host: 'linux', customise: true, git: false } });
    const asked = result.askedQuestions.map(found => found.name);
    assert.deepEqual(asked.slice(0, 4), ['host', 'framework', 'siteName', 'customise']);
    for (const name of ['module', 'callable', 'python']) assert.ok(asked.includes(name), `${name} is asked`);
    for (const name of ['server', 'routing', 'siteRoot', 'wsgiLog', 'config']) assert.ok(!asked.includes(name), `${name} does not apply on linux`);
  });

  it('an option of the customised path implies it: no "customise" question, the rest asked', async () => {
    const result = await runGenerator('app', { python: '3.4' }, { answers: { git: false } });
    const asked = result.askedQuestions.map(found => found.name);
    assert.ok(!asked.includes('customise'));
    assert.ok(asked.includes('routing') && asked.includes('module'), asked.join(', '));
    const declined = await runGenerator('app', { customise: false }, { answers: { git: false } });
    assert.deepEqual(declined.askedQuestions.map(found => found.name), ['host', 'framework', 'siteName', 'git']);
  });

  it('the host list names each host in today\'s words, a new site first; the legacy one says so', () => {
    const choices = promptChoices(question('host'), {})!;
    assert.deepEqual(choices.map(choice => choice.value), ['linux', 'iis', 'azure']);
    assert.match(choices[0]!.label, /^App Service on Linux: a new Azure site/);
    assert.match(choices[2]!.label, /legacy site \(Azure no longer offers Python there to new sites\)/);
    assert.equal(question('host').defaultValue({ destination: '.' }, {}), 'azure', 'Enter takes what --yes takes');
  });

  it("the runtime list holds the chosen host's rows only, and on Windows App Service says what Azure offers today", () => {
    for (const [host, os] of [['azure', 'windows'], ['linux', 'linux']] as const) {
      const offered = promptChoices(question('python'), { host })!.map(choice => choice.value);
      const rows = pythonRuntimes.filter(runtime => runtime.os === os && !(runtime.os === 'windows' && runtime.offered === false)).map(runtime => runtime.version);
      assert.deepEqual(offered, rows, host);
    }
    assert.match(promptMessage(question('python'), { host: 'azure' }), /Azure no longer offers Python on Windows App Service to new sites/);
    assert.equal(promptMessage(question('python'), { host: 'linux' }), question('python').message);
  });

  it('a generator offers only the hosts it writes for, and refuses another at once, writing nothing', () => {
    assert.deepEqual(promptChoices(question('host'), {}, generators.webconfig.hosts!.names)!.map(choice => choice.value), ['iis', 'azure']);
    assert.deepEqual(promptChoices(question('host'), {}, generators.portal.hosts!.names)!.map(choice => choice.value), ['azure']);
    const folder = temporaryFolder();
    const { status, stderr } = runBin(['webconfig', '--host', 'linux'], folder);
    assert.equal(status, 1);
    assert.equal(stderr.trim(), 'generator-azure-python: --host: "linux" is not allowed: yo azure-python:webconfig writes for --host azure or --host iis: web.config configures IIS, and App Service on Linux has none');
    assert.deepEqual(folderListing(folder), {});
  });

  it("the end message gives the install step before the local run, and on Windows App Service what Azure offers today", () => {
    const folder = temporaryFolder();
    const flask = runBin(['--yes', '--no-git', '--framework', 'flask'], folder);
    assert.equal(flask.status, 0, flask.stderr);
    assert.match(flask.stdout + flask.stderr, /^Try it locally: python -m pip install -r requirements\.txt, then python ConfigurePython\/ConfigurePython\.py {2}\(then open http:\/\/localhost:8000\/\)$/m);
    assert.match(flask.stdout + flask.stderr, /Note: Azure no longer offers Python on Windows App Service to new sites: a new site belongs on App Service on Linux \(--host linux\)\./);
    const linux = runBin(['--yes', '--no-git', '--host', 'linux'], temporaryFolder());
    assert.equal(linux.status, 0, linux.stderr);
    assert.doesNotMatch(linux.stdout + linux.stderr, /no longer offers/);
  });
});

describe('the interactive run: a combination that cannot work cannot be chosen', () => {
  it('a host that does not fit a given --python is not offered, and the default follows', async () => {
    // On iis the Python is one the administrator installs (--interpreter): --python does not apply there.
    assert.deepEqual(promptChoices(question('host'), { python: '3.12' })!.map(choice => choice.value), ['linux', 'iis']);
    assert.deepEqual(promptChoices(question('host'), { python: '3.4' })!.map(choice => choice.value), ['iis', 'azure']);
    const result = await runGenerator('app', { python: '3.12' }, { answers: { git: false } });
    assert.equal(keptInYoRc(result.cwd).answers.host, 'linux');
  });

  it('a server or routing the portal or HttpPlatformHandler rule out is not offered', () => {
    assert.deepEqual(promptChoices(question('server'), { host: 'azure', config: 'portal' })!.map(choice => choice.value), ['fastcgi']);
    assert.deepEqual(promptChoices(question('routing'), { host: 'azure', server: 'httpplatform' })!.map(choice => choice.value), ['wildcard']);
  });

  it("a typed value that breaks a rule between answers is refused at its question, with the rule, and asked again", () => {
    const validate = promptValidator(question('staticDir'), () => ({ host: 'azure', module: 'static', moduleDir: 'static' }));
    assert.equal(validate('static'), "it holds the module's folder, whose Python source IIS would then serve: choose another folder");
    assert.equal(validate('assets'), true);
  });

  it('when the answers given rule out every choice, the run stops at that question, naming them', () => {
    assert.throws(() => promptChoices(question('server'), { host: 'linux', config: 'portal' }), { message: /^--config: "portal" is not allowed: the portal \(Option 1\)/ });
  });
});

describe('output: the package\'s own status words, colour only on a terminal', () => {
  it('piped, no escape codes; FORCE_COLOR asks for colour, NO_COLOR refuses it', () => {
    const piped = runBin(['--yes', '--no-git'], temporaryFolder(), { ...binEnvironment(), FORCE_COLOR: undefined, NO_COLOR: undefined });
    assert.equal(piped.status, 0, piped.stderr);
    assert.doesNotMatch(piped.stdout + piped.stderr, /\u001b\[/);
    const forced = runBin(['--yes', '--no-git'], temporaryFolder(), { ...binEnvironment(), FORCE_COLOR: '1', NO_COLOR: undefined });
    assert.match(forced.stderr, /\u001b\[32m {3}create\u001b\[39m web\.config/);
    assert.equal(colourful({ isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '1' }), false);
    assert.equal(colourful({ isTTY: true }, { FORCE_COLOR: '0' }), false);
    assert.equal(colourful({ isTTY: false }, {}), false);
    assert.equal(colourful({ isTTY: true }, {}), true);
  });

  it('says create, append, update and identical, never "force" for a file nobody asked to force', () => {
    const folder = temporaryFolder();
    writeFileSync(path.join(folder, '.gitignore'), 'node_modules/\n');
    const first = runBin(['--yes', '--framework', 'flask'], folder);
    assert.equal(first.status, 0, first.stderr);
    const lines = (text: string) => text.split('\n').filter(line => /^ {0,9}(create|append|update|identical|conflict|skip|force) /.test(line)).map(line => line.trim());
    assert.deepEqual(lines(first.stderr), [
      'create .yo-rc.json',
      'create ConfigurePython/ConfigurePython.py',
      'create requirements.txt',
      'create runtime.txt',
      'create web.config',
      'create handler.fcgi',
      'create static/hello.txt',
      'create azure/azuredeploy.json',
      'create README.md',
      'append .gitignore',
    ]);
    const again = runBin(['--yes', '--framework', 'flask', '--python', '3.4'], folder);
    assert.equal(again.status, 0, again.stderr);
    assert.ok(lines(again.stderr).includes('update web.config'), again.stderr);
    assert.ok(lines(again.stderr).includes('update .yo-rc.json'), again.stderr);
    assert.ok(lines(again.stderr).includes('identical ConfigurePython/ConfigurePython.py'), again.stderr);
    assert.ok(!lines(again.stderr).some(line => line.startsWith('force')), again.stderr);
  });
});
