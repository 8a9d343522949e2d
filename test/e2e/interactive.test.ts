import assert from 'node:assert/strict';
import { promptChoices, promptMessage, questions } from '../../lib/answers/questions.js';
import { promptValidator } from '../../lib/answers/resolve.js';
import { pythonRuntimes } from '../../lib/catalog/runtimes.js';
import { generators } from '../../lib/engine/registry.js';
import { folderListing, keptInYoRc, runBin, runGenerator, temporaryFolder } from '../helpers.js';

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
      const rows = pythonRuntimes.filter(runtime => runtime.os === os && runtime.offered !== false).map(runtime => runtime.version);
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

