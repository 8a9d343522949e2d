import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { questions, questionsFor } from '../../lib/answers/questions.js';
import { generatorNames, generators } from '../../lib/engine/registry.js';
import { runBin, folderListing, parseWebConfig, readText, temporaryFolder } from '../helpers.js';

describe('generator-azure-python (the package bin)', () => {
  it('--help documents every option of every generator', () => {
    const { stdout: doctorHelp } = runBin(['doctor', '--help'], temporaryFolder());
    for (const option of ['[folder]', '--json', '--fix']) assert.ok(doctorHelp.includes(option), `doctor --help lists ${option}`);
    const { stdout: serveHelp } = runBin(['serve', '--help'], temporaryFolder());
    for (const option of ['[folder]', '--port', '--host-header', '--python']) assert.ok(serveHelp.includes(option), `serve --help lists ${option}`);
    for (const name of generatorNames.filter(candidate => candidate !== 'doctor' && candidate !== 'serve')) {
      const { stdout, status } = runBin(name === 'app' ? ['--help'] : [name, '--help'], temporaryFolder());
      assert.equal(status, 0);
      for (const question of questionsFor(generators[name].answers)) {
        assert.ok(stdout.includes(`--${question.option}`), `${name} --help lists --${question.option}`);
      }
      for (const option of ['--yes', '--force', ...(generators[name].commitOption ? ['--commit'] : [])]) {
        assert.ok(stdout.includes(option), `${name} --help lists ${option}`);
      }
      if (name === 'app') for (const other of generatorNames.slice(1)) assert.match(stdout, new RegExp(`^  ${other} `, 'm'));
      // Only its own options, and a screen of them: the catalogue of templates is a command of its own.
      // migrate's --python is its own (App Service on Linux's runtimes, the nearest by default), not the question's.
      const takes = new Set([...questionsFor(generators[name].answers).map(question => question.option), ...(name === 'migrate' ? ['python'] : [])]);
      for (const question of questions.filter(candidate => !takes.has(candidate.option))) {
        assert.doesNotMatch(stdout, new RegExp(`--${question.option}\\b`), `${name} --help lists no --${question.option}`);
      }
      // The app's screen: one line an option, one a generator or command (the workflow and migrate among them).
      assert.ok(stdout.split('\n').length <= (name === 'app' ? 75 : 40), `${name} --help is ${stdout.split('\n').length} lines`);
      assert.doesNotMatch(stdout, /web\.config\.ejs/);
    }
    // A part's options are defined when it runs, or when a help lists it: the list of commands says it has some.
    const rootHelp = runBin(['--help'], temporaryFolder()).stdout;
    for (const part of generatorNames.filter(candidate => generators[candidate].kind === 'part')) assert.match(rootHelp, new RegExp(`^  ${part} \\[options\\] `, 'm'));
    const webconfig = runBin(['webconfig', '--help'], temporaryFolder()).stdout;
    assert.doesNotMatch(webconfig.slice(webconfig.indexOf('--host'), webconfig.indexOf('--framework')), /linux/, 'webconfig offers no linux host');
    assert.doesNotMatch(webconfig.slice(webconfig.indexOf('--python'), webconfig.indexOf('--interpreter')), /on linux/, "nor linux's runtimes");
    const templates = runBin(['templates'], temporaryFolder());
    assert.equal(templates.status, 0);
    assert.match(templates.stdout, /^ {2}webconfig\/web\.config\.ejs\n {6}.*siteRoot/m);
  });

  it('generates a site with no prompt, and prints the push command', () => {
    const folder = temporaryFolder();
    // Yeoman writes its log to stderr.
    const { status, stdout, stderr } = runBin(['my-site', '--yes', '--python', '3.4'], folder);
    assert.equal(status, 0, stderr);
    const site = path.join(folder, 'my-site');
    assert.ok(existsSync(path.join(site, 'ConfigurePython', 'ConfigurePython.py')));
    const handler = parseWebConfig(readText(site, 'web.config')).getElementsByTagName('handlers')[0]!.getElementsByTagName('add')[0]!;
    assert.equal(handler.getAttribute('scriptProcessor'), 'D:\\Python34\\python.exe|D:\\Python34\\Scripts\\wfastcgi.py');
    assert.match(`${stdout}${stderr}`, /Deploy with: git push azure main:master/);
  });

  it('runs a single generator in the current folder', () => {
    const folder = temporaryFolder();
    const { status, stdout, stderr } = runBin(['portal', '--yes', '--site-name', 'contoso-py'], folder);
    assert.equal(status, 0, stderr);
    const printed = `${stdout}${stderr}`;
    for (const value of [
      'App setting: PYTHONPATH = D:\\home\\site\\wwwroot\\ConfigurePython',
      'App setting: WSGI_HANDLER = ConfigurePython.application',
      'script processor D:\\Python27\\python.exe  arguments D:\\Python27\\Scripts\\wfastcgi.py',
      'az webapp config appsettings set -g <resource-group> -n contoso-py --settings @azure/appsettings.json',
      '--body @azure/handler-mappings.json',
    ]) {
      assert.ok(printed.includes(value), `the end message shows ${value}`);
    }
    assert.deepEqual(Object.keys(folderListing(folder)).sort(), [
      '.yo-rc.json',
      'azure/',
      'azure/appsettings.json',
      'azure/handler-mappings.json',
      'azure/portal-steps.md',
    ]);
  });

  it('bad input: one error line naming the option, exit 1, nothing written', () => {
    const folder = temporaryFolder();
    for (const args of [
      ['--module', 'class'],
      ['--site-root', 'C:\\a"b'],
      ['--python', '3.12'],
      ['--remote', 'https://me:secret@site.scm.azurewebsites.net/site.git'],
    ]) {
      const { status, stderr, stdout } = runBin(['new-site', '--yes', ...args], folder);
      assert.equal(status, 1);
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
      assert.ok(stderr.startsWith(`generator-azure-python: ${args[0]}: `), stderr);
      assert.ok(!`${stdout}${stderr}`.includes('secret'));
      assert.deepEqual(folderListing(folder), {});
    }
  });

  it('an unknown option is refused', () => {
    const { status, stderr } = runBin(['--modul', 'x'], temporaryFolder());
    assert.equal(status, 1);
    assert.match(stderr, /unknown option '--modul'/);
  });

  it('without a terminal, missing answers fail at once, naming them', () => {
    const folder = temporaryFolder();
    const { status, stderr } = runBin(['new-site', '--module', 'Shop'], folder);
    assert.equal(status, 1);
    assert.equal(
      stderr.trim(),
      'generator-azure-python: No terminal to ask for --host, --framework, --site-name, --callable, --server, --python, --interpreter, --wfastcgi, --config, --site-root, --routing, --static-dir, --serve-files, --wsgi-log, --ci, --git, --remote: pass them as options, or --yes to use the defaults.',
    );
    assert.deepEqual(folderListing(folder), {});
  });

  it('adds its entries to an existing .gitignore without asking', () => {
    const folder = temporaryFolder();
    writeFileSync(path.join(folder, '.gitignore'), 'dist/');
    const { status, stderr } = runBin(['--yes'], folder);
    assert.equal(status, 0, stderr);
    const gitignore = readText(folder, '.gitignore');
    assert.ok(gitignore.startsWith('dist/\n'));
    assert.match(gitignore, /^\*\.py\[cod\]$/m);
  });
});
