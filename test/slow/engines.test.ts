import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { engineVariable } from '../../lib/engine/run/direct.js';
import { packageRoot } from '../../lib/engine/package-root.js';
import { binEnvironment, binPath, folderListing, git, isolateGit, temporaryFolder, writeFiles } from '../helpers.js';

/*
 * Every run that asks nothing takes the direct engine; the same run under Yeoman must leave the
 * same site, byte for byte, and say the same, with the same exit code. Each scenario runs its
 * steps twice, in two folders of the same name: once as a user runs the bin, once with the
 * environment sending it through Yeoman.
 */

interface Step {
  readonly args: readonly string[];
  /** Done to the site before the step, the same in both folders (a user's edit). */
  readonly before?: (site: string) => void;
  /** The exit code both runs end with: 0 unless the step is one the generator refuses. */
  readonly exitCode?: number;
}

interface Scenario {
  readonly name: string;
  /** The site's files before the first step (a user's project). */
  readonly files?: Readonly<Record<string, string>>;
  readonly steps: readonly Step[];
}

const shared = temporaryFolder('engines-shared-');
const answersFile = path.join(shared, 'answers.json');
const overlay = path.join(shared, 'templates');
writeFileSync(answersFile, JSON.stringify({ framework: 'flask', 'site-name': 'shop-from-file', 'static-dir': 'assets' }));
writeFiles(overlay, { 'readme/README.md.ejs': '# <%= siteName %>\n\nOur team\'s own notes for <%= siteName %>.\n' });

const userWebConfig = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    <add key="TEAM" value="payments" />
  </appSettings>
  <system.webServer>
    <httpErrors errorMode="Detailed" />
  </system.webServer>
</configuration>
`;

// The user's own interpreter, where the next answer changes the generator's.
const editWebConfig = (site: string) => {
  const file = path.join(site, 'web.config');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/scriptProcessor="[^"]*"/, 'scriptProcessor="D:\\home\\python27-custom\\python.exe|D:\\home\\python27-custom\\wfastcgi.py"'));
};

const scenarios: readonly Scenario[] = [
  { name: 'every default, with git', steps: [{ args: ['--yes'] }] },
  { name: 'Flask', steps: [{ args: ['--yes', '--no-git', '--framework', 'flask'] }] },
  { name: 'Django', steps: [{ args: ['--yes', '--no-git', '--framework', 'django'] }] },
  { name: 'Bottle, in the site root', steps: [{ args: ['--yes', '--no-git', '--framework', 'bottle', '--module-dir', '.'] }] },
  { name: 'own IIS', steps: [{ args: ['--yes', '--no-git', '--host', 'iis', '--framework', 'flask'] }] },
  { name: 'App Service on Linux with a deploy workflow', steps: [{ args: ['--yes', '--no-git', '--host', 'linux', '--framework', 'flask', '--ci', 'github'] }] },
  { name: 'App Service on Linux', steps: [{ args: ['--yes', '--no-git', '--host', 'linux', '--framework', 'django'] }] },
  { name: 'HttpPlatformHandler and waitress', steps: [{ args: ['--yes', '--no-git', '--server', 'httpplatform'] }] },
  { name: 'Option 1, the portal', steps: [{ args: ['--yes', '--no-git', '--config', 'portal', '--wsgi-log', 'D:\\home\\LogFiles\\wfastcgi.log'] }] },
  { name: 'a wildcard handler, a static folder, no hardening, no ARM template', steps: [{ args: ['--yes', '--no-git', '--routing', 'wildcard', '--static-dir', 'static', '--no-harden', '--no-provision'] }] },
  { name: 'a re-run that changes nothing', steps: [{ args: ['--yes', '--framework', 'flask'] }, { args: ['--yes'] }] },
  { name: 'a re-run with a changed answer', steps: [{ args: ['--yes', '--no-git'] }, { args: ['--yes', '--python', '3.4'] }] },
  {
    name: 'an edited web.config: refused without --force, then forced',
    steps: [
      { args: ['--yes', '--no-git'] },
      { args: ['--yes', '--python', '3.4'], before: editWebConfig, exitCode: 1 },
      { args: ['--yes', '--python', '3.4', '--force'] },
    ],
  },
  { name: "the user's web.config merged", files: { 'web.config': userWebConfig }, steps: [{ args: ['--yes', '--no-git'] }] },
  { name: "the user's .gitignore merged, in their repository", files: { '.gitignore': 'node_modules/\n*.log\n' }, steps: [{ args: ['--yes', '--framework', 'flask'] }] },
  { name: "the project's README kept", files: { 'README.md': '# Shop\n\nOur shop.\n' }, steps: [{ args: ['--yes', '--no-git'] }] },
  { name: 'a web.config that is not well-formed', files: { 'web.config': '<configuration>\n  <appSettings>\n</configuration>\n' }, steps: [{ args: ['--yes', '--no-git'], exitCode: 1 }] },
  { name: 'a bad value', steps: [{ args: ['--yes', '--site-name', '-shop'], exitCode: 1 }] },
  { name: 'an answers file', steps: [{ args: ['--yes', '--no-git', '--answers', answersFile] }] },
  { name: 'an overlay template', steps: [{ args: ['--yes', '--no-git', '--templates', overlay] }] },
  {
    name: "the user's Flask app and requirements.txt",
    files: { 'app.py': 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/")\ndef index():\n    return "shop"\n', 'requirements.txt': 'Flask==2.2.5\n' },
    steps: [{ args: ['--yes'] }],
  },
  { name: 'webconfig alone, then readme alone, in a generated site', steps: [{ args: ['--yes', '--no-git'] }, { args: ['webconfig', '--yes', '--python', '3.4'] }, { args: ['readme', '--yes'] }] },
  { name: 'the linux and provision parts on their own', steps: [{ args: ['linux', '--yes', '--framework', 'flask'] }, { args: ['provision', '--yes', '--host', 'linux', '--framework', 'flask'] }] },
  { name: 'a Django key file kept from the previous run', steps: [{ args: ['--yes', '--no-git', '--framework', 'django', '--host', 'iis'] }, { args: ['--yes', '--no-git'] }] },
];

function run(site: string, args: readonly string[], engine: 'direct' | 'yeoman') {
  // Every module the run loads, recorded by the tests' loader hook: which engine ran it.
  const record = path.join(path.dirname(site), 'loaded.txt');
  writeFileSync(record, '');
  const environment = { ...binEnvironment(), RECORD_LOADS: record, ...(engine === 'yeoman' ? { [engineVariable]: 'yeoman' } : {}) };
  const hook = path.join(packageRoot, 'test', 'support', 'record-loads.mjs');
  const result = spawnSync(process.execPath, ['--import', hook, binPath, ...args], { cwd: site, env: environment, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  assert.equal(result.signal, null, `${args.join(' ')} did not finish in time`);
  const loaded = readFileSync(record, 'utf8');
  assert.match(loaded, /dist\/bin\/start\.cjs/, 'the recorder sees the modules the bin loads');
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    loadedYeoman: /node_modules\/(yeoman-environment|yeoman-generator)\//.test(loaded),
    loadedGit: /node_modules\/simple-git\//.test(loaded),
  };
}

/** The site as a user finds it: every file's bytes (git's own folder aside), and what git holds. */
function siteState(site: string) {
  const files = Object.fromEntries(Object.entries(folderListing(site)).filter(([file]) => !file.startsWith('.git/')));
  const repository = existsSync(path.join(site, '.git')) ? { tracked: git(site, 'ls-files', '-s'), log: git(site, 'log', '--format=%s', '--name-status'), remotes: git(site, 'remote', '-v') } : undefined;
  return { files, repository };
}

describe('the direct engine and Yeoman: the same site, the same words, the same exit code', function () {
  before(isolateGit);

  for (const scenario of scenarios) {
    it(scenario.name, () => {
      const sides = (['direct', 'yeoman'] as const).map(engine => {
        const site = path.join(temporaryFolder(`engines-${engine}-`), 'shop');
        mkdirSync(site);
        if (scenario.files) writeFiles(site, scenario.files);
        if (scenario.files?.['.gitignore']) git(site, 'init', '-q');
        return { engine, site };
      });
      for (const [index, step] of scenario.steps.entries()) {
        const results = sides.map(({ engine, site }) => {
          step.before?.(site);
          const result = run(site, step.args, engine);
          // What a run says names its folder: the two differ only above the site's own name.
          const named = (text: string) => text.split(path.dirname(site)).join('<folder>');
          return { ...result, stdout: named(result.stdout), stderr: named(result.stderr), state: siteState(site) };
        });
        const [direct, yeoman] = results as [(typeof results)[0], (typeof results)[0]];
        const label = `step ${index + 1}: ${step.args.join(' ')}`;
        assert.equal(direct.loadedYeoman, false, `${label}: the direct engine loaded Yeoman\n${direct.stderr}`);
        if (step.args.includes('--no-git')) assert.equal(direct.loadedGit, false, `${label}: a run without git loaded simple-git`);
        // A refused run may stop before either engine (a bad value): one that ran went through Yeoman.
        if (yeoman.status === 0) assert.equal(yeoman.loadedYeoman, true, `${label}: the Yeoman run did not load Yeoman`);
        assert.equal(direct.status, step.exitCode ?? 0, `${label}: exit code\n${direct.stderr}`);
        assert.equal(yeoman.status, direct.status, `${label}: exit codes\n${direct.stderr}\n---\n${yeoman.stderr}`);
        assert.equal(direct.stderr, yeoman.stderr, label);
        assert.equal(direct.stdout, yeoman.stdout, label);
        assert.deepEqual(direct.state, yeoman.state, label);
      }
    });
  }

  it('the scenarios cover what the direct engine must do as Yeoman does', () => {
    const all = scenarios.flatMap(scenario => scenario.steps.map(step => step.args.join(' ')));
    assert.ok(scenarios.length >= 20);
    for (const option of ['--framework flask', '--framework django', '--framework bottle', '--host iis', '--host linux', '--server httpplatform', '--config portal', '--static-dir', '--force', '--answers', '--templates']) {
      assert.ok(all.some(args => args.includes(option)), option);
    }
  });
});
