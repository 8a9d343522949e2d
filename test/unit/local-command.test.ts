import assert from 'node:assert/strict';
import { localCommandForUsersApp } from '../../lib/site/layout.js';

describe("running the user's own app locally", () => {
  it('Flask through its command line, Django through runserver, anything else through waitress: all on port 8000', () => {
    assert.equal(localCommandForUsersApp({ module: 'app', moduleDir: '.', callable: 'app', framework: 'flask' }), 'flask --app app:app run --port 8000');
    assert.equal(localCommandForUsersApp({ module: 'main_app', moduleDir: 'src', callable: 'app', framework: 'flask' }), 'cd src && flask --app main_app:app run --port 8000');
    assert.equal(localCommandForUsersApp({ module: 'mysite', moduleDir: '.', callable: 'application', framework: 'django' }), 'python manage.py runserver');
    assert.equal(localCommandForUsersApp({ module: 'myapp', moduleDir: '.', callable: 'handler', framework: 'wsgi' }), 'python -m waitress --port=8000 myapp:handler');
  });
});
