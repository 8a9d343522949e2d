import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidAnswerError } from '../../lib/answers/errors.js';
import { checkAll, snapshotDestination } from '../../lib/answers/resolve.js';
import { generators } from '../../lib/engine/registry.js';
import { detectApps } from '../../lib/site/detect.js';
import { projectFixtures, writeProject } from '../fixtures/projects.js';
import { folderWith, temporaryFolder } from '../helpers.js';

describe('detection: the app a folder already holds', () => {
  for (const fixture of projectFixtures) {
    it(`${fixture.name} (as in ${fixture.imitates.repository})`, () => {
      const { apps, notes } = detectApps(writeProject(fixture, temporaryFolder()));
      if (fixture.app) {
        assert.equal(apps.length, 1, JSON.stringify(apps));
        const { evidence, ...found } = apps[0]!;
        assert.deepEqual(found, fixture.app);
        assert.ok(evidence.length > 0);
      } else {
        assert.deepEqual(apps, []);
      }
      assert.equal(notes.length, fixture.notes?.length ?? 0, notes.join('\n'));
      fixture.notes?.forEach((words, index) => assert.ok(notes[index]!.includes(words), notes[index]));
    });
  }

  it('the corpus imitates at least 10 public repositories, each named with its paths', () => {
    assert.ok(new Set(projectFixtures.map(fixture => fixture.imitates.repository)).size >= 10);
    for (const fixture of projectFixtures) assert.match(fixture.imitates.repository, /^[\w.-]+\/[\w.-]+$/);
  });

  it('a wsgi.py that imports app.py\'s app is the same app, not a second one', () => {
    const folder = folderWith({
      'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
      'wsgi.py': 'from app import app as application\n\napp = application\n',
    });
    assert.deepEqual(detectApps(folder).apps.map(app => app.module), ['app']);
  });

  it('an ASGI app and no WSGI app: one line, rather than a generated WSGI module served in its place; on Linux, the app', () => {
    const fastapi = writeProject(projectFixtures.find(fixture => fixture.name === 'fastapi-main')!, temporaryFolder());
    assert.throws(() => checkAll({ names: generators.app.answers, options: { yes: true }, canPrompt: true }, snapshotDestination(fastapi)), {
      message:
        "--module: main.py defines app = FastAPI(...): an ASGI app, which wfastcgi, waitress and gunicorn's default workers cannot serve; give --module (and --module-dir, --callable) for a WSGI app of the project, or --host linux, where gunicorn serves it with uvicorn workers",
    });
    const given = checkAll({ names: generators.app.answers, options: { yes: true, module: 'legacy' }, canPrompt: false }, snapshotDestination(fastapi));
    assert.equal(given.answers.module, 'legacy');
    // On App Service on Linux, the ASGI app is the site's: gunicorn's uvicorn workers serve it.
    const linux = checkAll({ names: generators.app.answers, options: { yes: true, host: 'linux' }, canPrompt: false }, snapshotDestination(fastapi));
    assert.deepEqual([linux.answers.module, linux.answers.callable, linux.answers.framework], ['main', 'app', 'asgi']);
  });

  it("an app of the user's may be named as the generated module's own names are (Dash's server); a generated module's callable may not", () => {
    const folder = folderWith({ 'app.py': 'from flask import Flask\nserver = Flask(__name__)\n' });
    const found = checkAll({ names: generators.app.answers, options: { yes: true }, canPrompt: false }, snapshotDestination(folder));
    assert.deepEqual([found.answers.module, found.answers.callable], ['app', 'server']);
    // The same answers kept in .yo-rc.json read again on the next run.
    writeFileSync(path.join(folder, '.yo-rc.json'), JSON.stringify({ 'generator-azure-python': { module: 'app', moduleDir: '.', callable: 'server', framework: 'flask' } }));
    assert.equal(checkAll({ names: generators.app.answers, options: { yes: true }, canPrompt: false }, snapshotDestination(folder)).answers.callable, 'server');
    assert.throws(() => checkAll({ names: generators.app.answers, options: { yes: true, callable: 'server' }, canPrompt: false }, snapshotDestination(temporaryFolder())), {
      message: '--callable: "server" is not allowed: the generated module already uses that name (an import, a view or its local server): choose another name',
    });
  });

  it('a folder name from the user\'s tree is printed with its control characters escaped, never raw to the terminal', () => {
    const folder = folderWith({ 'web\u009b31m/app.py': 'from flask import Flask\napp = Flask(__name__)\n' });
    const { detected } = checkAll({ names: generators.webconfig.answers, options: { yes: true }, canPrompt: false }, snapshotDestination(folder));
    assert.equal(detected.length, 1);
    assert.ok(detected[0]!.includes('web\\u009b31m/app.py defines app = Flask(...)'), detected[0]);
    assert.doesNotMatch(detected[0]!, /[\u0000-\u001f\u007f-\u009f]/);
  });

  it('Python 2 source reads as well as Python 3 (a text scan, nothing imported or run)', () => {
    const folder = folderWith({
      'legacy.py': "print 'loading'\n\ndef application(environ, start_response):\n    start_response('200 OK', [])\n    return ['hi']\n",
      'sitecustomize_broken.py': 'raise SystemExit("never run")\n',
    });
    const { apps } = detectApps(folder);
    assert.deepEqual(apps.map(({ module, callable, framework }) => ({ module, callable, framework })), [{ module: 'legacy', callable: 'application', framework: 'wsgi' }]);
  });

  it('an existing web.config settles the runtime, routing and server, and a Python it names is kept (no downgrade)', () => {
    const ptvs = projectFixtures.find(fixture => fixture.name === 'ptvs-flask-web-project')!;
    const { configured } = detectApps(writeProject(ptvs, temporaryFolder()));
    assert.deepEqual(configured.answers, {
      module: 'FlaskWebProject1',
      callable: 'app',
      moduleDir: '.',
      siteRoot: 'D:\\home\\site\\wwwroot',
      python: '3.5.2',
      host: 'azure',
      routing: 'wildcard',
    });
    const platform = projectFixtures.find(fixture => fixture.name === 'httpplatform-site-extension')!;
    // httpPlatformHandler's processPath is the Python 3.6.4 x64 site extension's python.exe.
    assert.deepEqual(detectApps(writeProject(platform, temporaryFolder())).configured.answers, { python: '3.6', host: 'azure', server: 'httpplatform', routing: 'wildcard' });
  });

  it('%HOME% in PYTHONPATH is App Service\'s D:\\home', () => {
    const folder = folderWith({
      'run.py': 'from flask import Flask\napp = Flask(__name__)\n',
      'web.config': '<configuration><appSettings><add key="PYTHONPATH" value="%HOME%\\site\\wwwroot" /><add key="WSGI_HANDLER" value="run.app" /></appSettings></configuration>',
    });
    const { configured } = detectApps(folder);
    assert.equal(configured.answers.moduleDir, '.');
    assert.equal(configured.answers.siteRoot, 'D:\\home\\site\\wwwroot');
  });

  it('PYTHONPATH on a server of one\'s own: the folder holding the module is the module folder, the rest of the path the site root', () => {
    const folder = folderWith({
      'src/main_app.py': 'from flask import Flask\napp = Flask(__name__)\n',
      'web.config': '<configuration><appSettings><add key="WSGI_HANDLER" value="main_app.app" /><add key="PYTHONPATH" value="c:\\inetpub\\wwwroot\\SRC\\" /></appSettings></configuration>',
    });
    const { answers } = detectApps(folder).configured;
    // Matched without case, as Windows does; the folder is named as it is on disk, the trailing backslash dropped.
    assert.equal(answers.moduleDir, 'src');
    assert.equal(answers.siteRoot, 'c:\\inetpub\\wwwroot');
    assert.equal(answers.host, 'iis');
    // A path that ends in no folder holding the module says nothing about the site root.
    const elsewhere = folderWith({
      'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
      'web.config': '<configuration><appSettings><add key="WSGI_HANDLER" value="other.app" /><add key="PYTHONPATH" value="C:\\apps\\other" /></appSettings></configuration>',
    });
    assert.equal(detectApps(elsewhere).configured.answers.siteRoot, undefined);
  });

  it('a Django project named by its own wsgi.py, or by Django 1.x\'s WSGIHandler(), is that project', () => {
    const project = {
      'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'interpub.settings')\n",
      'interpub/__init__.py': '',
      'interpub/settings.py': '',
      'interpub/wsgi.py': 'from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n',
    };
    for (const handler of ['interpub.wsgi.application', 'django.core.handlers.wsgi.WSGIHandler()']) {
      const folder = folderWith({
        ...project,
        'web.config': `<configuration><appSettings><add key="WSGI_HANDLER" value="${handler}" /><add key="DJANGO_SETTINGS_MODULE" value="interpub.settings" /><add key="PYTHONPATH" value="C:\\www\\PythonApp" /></appSettings></configuration>`,
      });
      const { answers } = detectApps(folder).configured;
      assert.deepEqual([answers.module, answers.framework, answers.callable, answers.siteRoot, answers.moduleDir], ['interpub', 'django', 'application', 'C:\\www\\PythonApp', '.'], handler);
    }
  });

  it('an httpPlatform processPath that is no runtime row is the interpreter, and a server of the user\'s own', () => {
    const folder = folderWith({
      'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
      'web.config':
        '<configuration><system.webServer><handlers><add name="h" path="*" verb="*" modules="httpPlatformHandler" /></handlers><httpPlatform processPath="D:\\envs\\prod\\python.exe" arguments="-m waitress app:app" /></system.webServer></configuration>',
    });
    const { answers } = detectApps(folder).configured;
    assert.equal(answers.interpreter, 'D:\\envs\\prod\\python.exe');
    assert.equal(answers.host, 'iis');
    assert.equal(answers.server, 'httpplatform');
  });

  it('as answers: below an option and .yo-rc.json; several apps without a terminal are one line listing them', () => {
    const flask = projectFixtures[0]!;
    const names = generators.webconfig.answers;
    const folder = writeProject(flask, temporaryFolder());
    const found = checkAll({ names, options: { yes: true }, canPrompt: false }, snapshotDestination(folder));
    assert.deepEqual([found.answers.module, found.answers.moduleDir, found.answers.callable, found.answers.framework], ['app', '.', 'app', 'flask']);
    assert.deepEqual(found.detected, ["Detected app.py defines app = Flask(...): --module app, --module-dir ., --callable app, --framework flask, --static-dir ''"]);
    const given = checkAll({ names, options: { yes: true, module: 'Shop' }, canPrompt: false }, snapshotDestination(folder));
    assert.deepEqual([given.answers.module, given.answers.moduleDir, given.detected], ['Shop', 'Shop', []]);

    const two = folderWith({ 'app.py': 'import flask\napp = flask.Flask(__name__)\n', 'api.py': 'from bottle import Bottle\napi = Bottle()\n' });
    assert.throws(() => checkAll({ names, options: { yes: true }, canPrompt: false }, snapshotDestination(two)), (error: unknown) => {
      assert.ok(error instanceof InvalidAnswerError);
      assert.equal(
        error.message,
        '--module: this folder holds 2 apps: api (api.py defines api = Bottle(...)), app (app.py defines app = Flask(...)); choose one with --module, --module-dir and --callable',
      );
      return true;
    });
  });
});
