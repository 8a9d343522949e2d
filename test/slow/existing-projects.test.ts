import assert from 'node:assert/strict';
import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readExistingSite } from '../../lib/site/existing.js';
import { projectFixtures, writeProject } from '../fixtures/projects.js';
import { callThroughWfastcgi, folderListing, git, pythonWith, readText, runBin, temporaryFolder } from '../helpers.js';

const project = (name: string) => writeProject(projectFixtures.find(fixture => fixture.name === name)!, temporaryFolder());

describe('existing projects: the site fits around the app that is there', () => {
  it('a Flask app.py in the root: detected, served as app.app from the site root, its requirements.txt pin kept', () => {
    const folder = project('flask-root-app');
    const app = readText(folder, 'app.py');
    const { status, stdout, stderr } = runBin(['--yes', '--no-git'], folder);
    assert.equal(status, 0, stderr);
    const output = stdout + stderr;
    assert.match(output, /Detected app\.py defines app = Flask\(\.\.\.\): --module app, --module-dir \., --callable app, --framework flask/);
    // Flask 2.2 needs Python 3.7: said, since no Python of Windows App Service has it.
    assert.match(output, /requirements\.txt: flask==2\.2\.2 needs Python 3\.7 or later, and the site runs Python 2\.7/);
    assert.equal(readText(folder, 'app.py'), app, 'the app is the user\'s, byte for byte');
    assert.match(output, /Try it locally: python -m pip install -r requirements.txt, then flask --app app:app run --port 8000 /);
    assert.match(output, /Note: Azure no longer offers Python on Windows App Service to new sites: a new site belongs on App Service on Linux \(--host linux\), and an existing one moves there with generator-azure-python migrate\./);
    assert.match(readText(folder, 'README.md'), /^flask --app app:app run --port 8000$/m, "the site's README gives the same command");
    assert.equal(existsSync(path.join(folder, 'ConfigurePython')), false, 'no hello-world module');
    assert.equal(readText(folder, 'requirements.txt'), 'flask==2.2.2\n', 'no constraint of old Flask releases against the user\'s pin');
    const settings = readExistingSite(folder).settings;
    assert.equal(settings.WSGI_HANDLER, 'app.app');
    assert.equal(settings.PYTHONPATH, 'D:\\home\\site\\wwwroot;D:\\home\\site\\wwwroot\\env\\Lib\\site-packages');
    assert.deepEqual(callThroughWfastcgi(folder, pythonWith('flask')), { status: '200 OK', body: 'Hello, my Flask app on Azure' });

    const before = folderListing(folder);
    assert.equal(runBin([], folder).status, 0);
    assert.deepEqual(folderListing(folder), before, 'a re-run changes nothing');
  });

  it("a Django project in the root: served by its own wsgi.py, which chooses its settings, and nothing added to it", () => {
    const folder = project('django-azure-sample');
    const { status, stdout, stderr } = runBin(['--yes', '--no-git', '--python', '3.6'], folder);
    assert.equal(status, 0, stderr);
    assert.match(stdout + stderr, /Detected manage\.py runs the Django project azuresite/);
    assert.match(stdout + stderr, /manage\.py chooses among azuresite\.settings, azuresite\.production/);
    assert.deepEqual(
      Object.keys(folderListing(folder)).filter(file => file.startsWith('azuresite/')).sort(),
      ['azuresite/', 'azuresite/__init__.py', 'azuresite/production.py', 'azuresite/settings.py', 'azuresite/urls.py', 'azuresite/wsgi.py'],
      'no views.py, urls.py or secret.py of a template in the user\'s project',
    );
    const settings = readExistingSite(folder).settings;
    // No DJANGO_SETTINGS_MODULE app setting: it would win over wsgi.py's choice of azuresite.production on App Service.
    assert.equal(settings.WSGI_HANDLER, 'azuresite.wsgi.application');
    assert.equal(settings.DJANGO_SETTINGS_MODULE, undefined);
    assert.deepEqual(callThroughWfastcgi(folder, pythonWith('django')), { status: '200 OK', body: 'polls' });
  });

  it("Visual Studio's Flask template with its web.config: consistent, so merged without --force, and its Python kept", () => {
    const folder = project('ptvs-flask-web-project');
    const { status, stdout, stderr } = runBin(['--yes', '--no-git'], folder);
    assert.equal(status, 0, stderr);
    // D:\home\Python35 is where the Python 3.5.1 and 3.5.2 site extensions installed: a row of its own, no longer offered.
    assert.match(stdout + stderr, /--python 3\.5\.2\b/);
    const site = readExistingSite(folder);
    assert.equal(site.settings.WSGI_HANDLER, 'FlaskWebProject1.app');
    assert.equal(site.settings.PYTHONPATH, 'D:\\home\\site\\wwwroot');
    assert.equal(site.handler?.getAttribute('scriptProcessor'), 'D:\\home\\Python35\\python.exe|D:\\home\\Python35\\wfastcgi.py', 'never downgraded to 2.7');
    assert.equal(site.handler?.getAttribute('path'), '*');
    assert.equal(readText(folder, 'requirements.txt'), 'Flask\n');
    assert.deepEqual(callThroughWfastcgi(folder, pythonWith('flask')), { status: '200 OK', body: 'Hello from the Visual Studio template' });
  });

  it('a site httpPlatformHandler runs with its own script: a conflict that names what would change, never a silent switch', () => {
    const folder = project('httpplatform-site-extension');
    const before = folderListing(folder);
    const { status, stderr } = runBin(['--yes', '--no-git'], folder);
    assert.equal(status, 1);
    assert.match(stderr, /--server httpplatform/);
    assert.match(stderr, /Not overwritten without a terminal to ask: web\.config \(<system\.webServer\/httpPlatform>: arguments="-m waitress --port=%HTTP_PLATFORM_PORT% main:app" \(was "D:\\home\\site\\wwwroot\\main\.py"\)\)/);
    assert.deepEqual(folderListing(folder), before);
  });

  it('several apps and no terminal: one line listing them, and nothing written', () => {
    const folder = temporaryFolder();
    writeProject({ ...projectFixtures[0]!, files: { 'app.py': 'import flask\napp = flask.Flask(__name__)\n', 'api.py': 'from bottle import Bottle\napi = Bottle()\n' } }, folder);
    const before = folderListing(folder);
    const { status, stderr } = runBin(['--yes'], folder);
    assert.equal(status, 1);
    assert.equal(stderr, 'generator-azure-python: --module: this folder holds 2 apps: api (api.py defines api = Bottle(...)), app (app.py defines app = Flask(...)); choose one with --module, --module-dir and --callable\n');
    assert.deepEqual(folderListing(folder), before);
  });

  it("Visual Studio's Web.config spelling: merged under its own name, never a second web.config beside it; the doctor reads it", () => {
    const folder = project('ptvs-flask-web-project');
    renameSync(path.join(folder, 'web.config'), path.join(folder, 'Web.config'));
    const { status, stderr } = runBin(['webconfig', '--yes'], folder);
    assert.equal(status, 0, stderr);
    const names = readdirSync(folder).filter(name => name.toLowerCase() === 'web.config');
    assert.deepEqual(names, ['Web.config']);
    assert.match(readText(folder, 'Web.config'), /<add segment="\.yo-rc\.json"\/>/, 'the merge went into it');
    const doctor = runBin(['doctor', '--json'], folder);
    const checks = JSON.parse(doctor.stdout) as { id: string; status: string }[];
    assert.deepEqual(checks.find(check => check.id === 'configuration')?.status, 'pass');
  });

  it('on App Service on Linux a Requirements.txt is one line (Oryx reads requirements.txt only), never a second file beside it', () => {
    const folder = project('flask-root-app');
    renameSync(path.join(folder, 'requirements.txt'), path.join(folder, 'Requirements.txt'));
    const before = folderListing(folder);
    const { status, stderr } = runBin(['linux', '--yes'], folder);
    assert.equal(status, 1);
    assert.match(stderr, /^ +info Detected app\.py .*\ngenerator-azure-python: Not written: App Service on Linux installs requirements\.txt, and this site has Requirements\.txt\. Nothing was changed: rename it \(git mv Requirements\.txt requirements\.txt\), then run again\.\n$/);
    assert.deepEqual(folderListing(folder), before);
  });

  it('a package.json in the root (a front end\'s tooling): .deployment makes Azure build Python, said in the file list, and the doctor agrees', () => {
    const folder = project('flask-root-app');
    writeFileSync(path.join(folder, 'package.json'), '{ "name": "assets", "private": true, "scripts": { "build": "sass static" } }\n');
    const { status, stdout, stderr } = runBin(['--yes', '--no-git', '--python', '3.6'], folder);
    assert.equal(status, 0, stderr);
    assert.match(stdout + stderr, /\.deployment +makes Azure's deployment build the site as Python, though package\.json is in the root/);
    assert.equal(readText(folder, '.deployment'), '[config]\nSCM_SCRIPT_GENERATOR_ARGS=--python\n');
    const checks = JSON.parse(runBin(['doctor', '--json'], folder).stdout) as { id: string; status: string }[];
    assert.equal(checks.find(check => check.id === 'package-json')?.status, 'pass');
  });

  it('in the project\'s own repository: a clean file the run changes is committed; an app file not in git is named, and no "Deploy with" until it is', () => {
    const folder = project('flask-root-app');
    git(folder, 'init', '-q', '-b', 'main');
    git(folder, 'add', 'requirements.txt');
    git(folder, 'commit', '-q', '-m', 'requirements');
    const { status, stdout, stderr } = runBin(['--yes', '--host', 'linux'], folder);
    assert.equal(status, 0, stderr);
    const output = stdout + stderr;
    assert.ok(git(folder, 'show', '--name-only', '--format=', 'HEAD').split('\n').includes('requirements.txt'), 'the clean requirements.txt gained gunicorn, and that is committed');
    assert.match(output, /Not committed, though the deployment needs them: app\.py\. Commit them, then deploy:\n +git add -- app\.py\n +git commit -m "Add Azure Python site files"\n +git push azure main:master/);
    assert.doesNotMatch(output, /Deploy with:/);

    // Again: nothing new to commit, and nothing said to be committed; app.py is still named.
    const head = git(folder, 'rev-parse', 'HEAD');
    const again = runBin([], folder);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(git(folder, 'rev-parse', 'HEAD'), head);
    assert.doesNotMatch(again.stdout + again.stderr, /Committed/);
    assert.match(again.stdout + again.stderr, /Not committed, though the deployment needs them: app\.py\./);
  });

  it("an app's own static folder is served as it is: no sample file is added to it", () => {
    const folder = project('flask-views-star-import');
    const { status, stdout, stderr } = runBin(['--yes', '--no-git'], folder);
    assert.equal(status, 0, stderr);
    assert.match(stdout + stderr, /--static-dir static/);
    assert.deepEqual(readdirSync(path.join(folder, 'static')), ['site.css']);
    assert.match(readText(folder, 'web.config'), /<match url="\^static\/" \/>/, 'the static rule serves the user\'s folder');
  });

  it('a uv project: pyproject.toml is the dependency file, so no requirements.txt beside it; what it lacks is said with uv\'s command', () => {
    const folder = temporaryFolder();
    writeFileSync(path.join(folder, 'app.py'), "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/')\ndef index():\n    return 'uv'\n");
    const pyproject = '[project]\nname = "shop"\nversion = "0.1.0"\nrequires-python = ">=3.11"\ndependencies = [\n    "flask>=3.0",\n]\n';
    writeFileSync(path.join(folder, 'pyproject.toml'), pyproject);
    writeFileSync(path.join(folder, 'uv.lock'), 'version = 1\n');
    for (const host of ['linux', 'azure']) {
      const { status, stdout, stderr } = runBin(['--yes', '--no-git', '--host', host, ...(host === 'azure' ? ['--python', '3.6'] : [])], folder);
      assert.equal(status, 0, stderr);
      const output = stdout + stderr;
      assert.equal(existsSync(path.join(folder, 'requirements.txt')), false, `${host}: Oryx would install a requirements.txt instead of pyproject.toml`);
      assert.equal(readText(folder, 'pyproject.toml'), pyproject, `${host}: pyproject.toml is the user's, byte for byte`);
      if (host === 'linux') assert.match(output, /Warning: pyproject\.toml is the site's dependency file and lacks gunicorn: uv add gunicorn/);
      else assert.match(output, /Warning: App Service on Windows installs requirements\.txt, not pyproject\.toml: export one \(uv export --no-hashes --format requirements-txt -o requirements\.txt\) and commit it/);
    }
  });
});
