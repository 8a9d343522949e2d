import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readExistingSite } from '../../lib/site/existing.js';
import { keptInYoRc, runGenerator, temporaryFolder } from '../helpers.js';

/** A folder with two apps: a Flask one in app.py, a Bottle one in api.py. */
function twoApps(): string {
  const folder = temporaryFolder();
  writeFileSync(path.join(folder, 'app.py'), 'import flask\napp = flask.Flask(__name__)\n');
  writeFileSync(path.join(folder, 'api.py'), 'from bottle import Bottle\napi = Bottle()\n');
  return folder;
}

describe('several apps in the folder, at a terminal', () => {
  it('the first question is which app the site serves; its answers are then not asked', async () => {
    const folder = twoApps();
    const result = await runGenerator('webconfig', {}, { folder, answers: { app: 1 } });
    assert.equal(readExistingSite(result.cwd).settings.WSGI_HANDLER, 'app.app');
    assert.deepEqual(
      (({ module, moduleDir, callable, framework }) => ({ module, moduleDir, callable, framework }))(keptInYoRc(folder).answers),
      { module: 'app', moduleDir: '.', callable: 'app', framework: 'flask' },
    );
    const asked = result.askedQuestions.map(question => question.name);
    assert.equal(asked[0], 'app');
    for (const name of ['module', 'callable', 'framework']) assert.ok(!asked.includes(name), `${name} is not asked`);
  });

  it('"none of these" leaves the app questions to the user, with the generator\'s defaults', async () => {
    const folder = twoApps();
    const result = await runGenerator('webconfig', {}, { folder, answers: { app: -1, customise: true } });
    assert.ok(result.askedQuestions.some(question => question.name === 'module'));
    assert.equal(readExistingSite(result.cwd).settings.WSGI_HANDLER, 'ConfigurePython.application');
  });
});
