import assert from 'node:assert/strict';
import { InvalidAnswerError } from '../../lib/answers/errors.js';
import { defaultSiteName, questions } from '../../lib/answers/questions.js';
import { checkAnswer } from '../../lib/answers/resolve.js';
import { checkAnswerCombination } from '../../lib/answers/rules.js';
import {
  hasPassword,
  validateCallableName,
  validateModuleName,
  validateRemoteUrl,
  validateSiteName,
  validateStaticFolder,
  validateWindowsPath,
  type Validator,
} from '../../lib/answers/validate.js';

function accepts(validate: Validator, values: string[]): void {
  for (const value of values) assert.equal(validate(value), undefined, `should accept ${JSON.stringify(value)}`);
}

function rejects(validate: Validator, values: string[]): void {
  for (const value of values) assert.equal(typeof validate(value), 'string', `should reject ${JSON.stringify(value)}`);
}

describe('validators', () => {
  it('module names: ASCII identifiers, no keyword, no Windows device, no standard module', () => {
    accepts(validateModuleName, ['ConfigurePython', 'my_site', '_private', 'App2', 'a'.repeat(64)]);
    rejects(validateModuleName, [
      '', ' ', '1site', 'my-site', 'my.site', 'my site', 'a/b', '..', 'café', 'class', 'print', 'exec', 'None',
      'async', 'CON', 'nul', 'Com1', 'json', 'test', 'wfastcgi', 'site', 'a'.repeat(65), 'a<b', 'a&b', 'a\nb', 'a\0b',
    ]);
    assert.match(validateModuleName('json') ?? '', /standard-library module/);
  });

  it('callable names: ASCII identifiers that are not keywords', () => {
    accepts(validateCallableName, ['application', 'app', 'wsgi_app', 'json', 'CON']);
    rejects(validateCallableName, ['', 'app()', 'create_app()', 'a.b', 'lambda', 'yield', '2app', 'a b']);
  });

  it('site names: 2 to 60 letters, digits and hyphens, no hyphen at either end', () => {
    accepts(validateSiteName, ['my-site', 'ab', 'Contoso01', 'a'.repeat(60)]);
    rejects(validateSiteName, ['', 'a', '-site', 'site-', 'my_site', 'my.site', 'my site', 'a'.repeat(61), 'é-site']);
  });

  it('site roots: absolute Windows paths', () => {
    accepts(validateWindowsPath, ['D:\\home\\site\\wwwroot', 'C:\\inetpub\\my site', 'D:\\', 'E:\\R&D\\it\'s']);
    rejects(validateWindowsPath, [
      '', 'home\\site', '/home/site', 'D:/home/site', 'D:home', 'D:\\home\\', 'D:\\home\\..\\x', 'D:\\.\\x',
      'D:\\a<b', 'D:\\a"b', 'D:\\a|b', 'D:\\a\nb', 'D:\\a\0b', 'D:\\con', 'D:\\folder.', `D:\\${'a'.repeat(200)}`,
      '\\\\server\\share',
    ]);
  });

  it('static folders: relative folders whose names are plain and not hidden by IIS', () => {
    accepts(validateStaticFolder, ['static', 'assets/static', 'public_files', 'v1.2', 'web-assets', 'a'.repeat(100)]);
    rejects(validateStaticFolder, [
      '', '/static', 'static/', 'a//b', '..', '../static', 'a/../b', '.hidden', 'static.', 'a\\b', 'C:\\static', 'my static',
      'a<b', 'a&b', "it's", 'a"b', 'a\nb', 'a\0b', 'CON', 'assets/nul', 'env', 'assets/__pycache__', 'ENV', 'handler.fcgi',
      'a'.repeat(101), 'café',
    ]);
    assert.match(validateStaticFolder('env') ?? '', /IIS hides every URL with a \/env segment/);
  });

  it('answers that contradict each other', () => {
    assert.throws(() => checkAnswerCombination({ serveFiles: 'static-only', staticDir: '' }), {
      message: '--serve-files: "static-only" is not allowed: it needs --static-dir, the folder whose files IIS serves',
    });
    assert.throws(() => checkAnswerCombination({ module: 'Shop', staticDir: 'shop' }), {
      message: /^--static-dir: "shop" is not allowed: it holds the module's folder/,
    });
    assert.throws(() => checkAnswerCombination({ module: 'Shop', moduleDir: 'web/shop', staticDir: 'web' }), {
      message: /^--static-dir: "web" is not allowed: it holds the module's folder/,
    });
    assert.throws(() => checkAnswerCombination({ module: 'mysite', moduleDir: '.', staticDir: 'mysite' }), /it holds the module's folder/);
    // A Flask package's own static folder is inside the module's folder: IIS serves that folder only.
    checkAnswerCombination({ module: 'Shop', staticDir: 'shop/static' });
    checkAnswerCombination({ module: 'app', moduleDir: '.', staticDir: 'static' });
    checkAnswerCombination({ module: 'Shop', staticDir: 'shopping', serveFiles: 'static-only' });
  });

  it('remote URLs: git URLs without a password', () => {
    accepts(validateRemoteUrl, [
      'https://me@my-site.scm.azurewebsites.net/my-site.git',
      'https://my-site.scm.azurewebsites.net:443/my-site.git',
      'ssh://git@example.com/site.git',
      'git@github.com:me/site.git',
      'file:///srv/site.git',
      'git://example.com/a-b/site.git',
      'deploy-user@host.example:path/with-dash.git',
      'https://host.example/repos/my-site.git',
    ]);
    rejects(validateRemoteUrl, [
      '', 'not a url', 'https://', 'ftp://example.com/site.git', 'C:\\repos\\site', 'https://me@site/ x.git',
      'https://me:secret@my-site.scm.azurewebsites.net/my-site.git',
    ]);
    assert.equal(hasPassword('https://me:secret@host/site.git'), true);
    assert.equal(hasPassword('https://me@host/site.git'), false);
  });
});

describe('answers', () => {
  const question = (name: string) => questions.find(candidate => candidate.name === name)!;

  it('a bad value fails with one line naming the option and the rule', () => {
    assert.throws(
      () => checkAnswer(question('module'), '1site', '--module'),
      (error: unknown) =>
        error instanceof InvalidAnswerError &&
        error.message === '--module: "1site" is not allowed: use a Python identifier (ASCII letters, digits and _, not starting with a digit) that is not a Python keyword, at most 64 characters' &&
        !error.message.includes('\n'),
    );
    assert.throws(() => checkAnswer(question('python'), '3.7', '--python'), { message: /^--python: "3\.7" is not allowed: use one of 2\.7, 3\.4, 3\.6, 3\.6-x86, .*, 3\.12, 3\.13, 3\.14$/ });
    assert.throws(() => checkAnswer(question('config'), 'both', '--config'), { message: /use one of webconfig, portal$/ });
    assert.throws(() => checkAnswer(question('git'), 'yes', '.yo-rc.json "git"'), { message: '.yo-rc.json "git": "yes" is not allowed: use true or false' });
  });

  it('a remote URL is never echoed, since it may hold a password', () => {
    assert.throws(
      () => checkAnswer(question('remote'), 'https://me:hunter2@site.scm.azurewebsites.net/site.git', '--remote'),
      (error: unknown) => error instanceof Error && error.message.startsWith('--remote: it holds a password') && !error.message.includes('hunter2'),
    );
  });

  it('the default site name comes from the folder when Azure accepts it', () => {
    assert.equal(defaultSiteName('/work/My Site'), 'my-site');
    assert.equal(defaultSiteName('/work/contoso_py'), 'contoso-py');
    assert.equal(defaultSiteName('/work/x'), 'configure-python');
    assert.equal(defaultSiteName('/work/---'), 'configure-python');
  });

  it('every question has a kebab-case option and a description', () => {
    for (const { option, description } of questions) {
      assert.match(option, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(description.length > 10);
    }
  });
});
