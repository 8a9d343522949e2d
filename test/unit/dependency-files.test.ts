import assert from 'node:assert/strict';
import { projectDependencyFile, pyprojectPlan } from '../../lib/site/dependency-files.js';

const site = (files: Record<string, string>) => (file: string) => files[file];

function advice(files: Record<string, string>, packages: string[], host: 'azure' | 'iis' | 'linux'): readonly string[] {
  const plan = pyprojectPlan(projectDependencyFile(site(files))!, packages, { host });
  assert.equal(plan.kind, 'merged');
  const merged = plan.kind === 'merged' ? plan.merge(files['pyproject.toml']!, plan.generated) : undefined;
  assert.equal(merged?.text, files['pyproject.toml'], 'pyproject.toml is left as it is');
  assert.equal(merged?.change, 'none');
  return merged?.warnings ?? [];
}

describe('pyproject.toml as the dependency file', () => {
  it("reads PEP 621's [project] dependencies and Poetry's table, names lower-cased, python left out", () => {
    assert.deepEqual(projectDependencyFile(site({ 'pyproject.toml': '[project]\nname = "shop"\ndependencies = ["Flask>=3.0", "waitress ; sys_platform == \'win32\'"]\n' })), {
      tool: 'pip',
      names: new Set(['flask', 'waitress']),
    });
    assert.deepEqual(projectDependencyFile(site({ 'pyproject.toml': '[tool.poetry]\nname = "shop"\n\n[tool.poetry.dependencies]\npython = "^3.9"\nDjango = "^4.2"\n' })), {
      tool: 'poetry',
      names: new Set(['django']),
    });
    // A lock file says which tool manages it, even with no dependency declared yet.
    assert.deepEqual(projectDependencyFile(site({ 'pyproject.toml': '[project]\nname = "shop"\n', 'uv.lock': 'version = 1\n' })), { tool: 'uv', names: new Set() });
  });

  it('a pyproject.toml that declares nothing (a tool\'s settings only) is no dependency file; a malformed one is one line', () => {
    assert.equal(projectDependencyFile(site({ 'pyproject.toml': '[tool.black]\nline-length = 100\n' })), undefined);
    assert.equal(projectDependencyFile(site({})), undefined);
    assert.throws(() => projectDependencyFile(site({ 'pyproject.toml': '[project\nname = 1\n' })), /^Error: pyproject\.toml is not valid TOML \(line 1\): fix it, then run again; nothing was written\.$/);
  });

  it("says what the site lacks with the tool's own command, and on Windows hosts how to give them a requirements.txt", () => {
    const uv = { 'pyproject.toml': '[project]\ndependencies = ["flask"]\n', 'uv.lock': '' };
    assert.deepEqual(advice(uv, ['flask', 'gunicorn'], 'linux'), ["pyproject.toml is the site's dependency file and lacks gunicorn: uv add gunicorn"]);
    assert.deepEqual(advice(uv, ['flask'], 'linux'), [], 'nothing lacking, nothing said');
    assert.deepEqual(advice({ 'pyproject.toml': '[project]\ndependencies = []\n' }, ['django', 'waitress'], 'iis'), [
      'pyproject.toml is the site\'s dependency file and lacks django, waitress: add "django", "waitress" to [project] dependencies',
      'the server installs requirements.txt, not pyproject.toml: export one (pip-compile pyproject.toml -o requirements.txt) and commit it',
    ]);
    assert.deepEqual(advice({ 'pyproject.toml': '[tool.poetry.dependencies]\nflask = "*"\n', 'poetry.lock': '' }, ['flask'], 'azure'), [
      'App Service on Windows installs requirements.txt, not pyproject.toml: export one (poetry export -f requirements.txt -o requirements.txt) and commit it',
    ]);
  });
});
