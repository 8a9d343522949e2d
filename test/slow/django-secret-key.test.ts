import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { djangoSecretKeySource } from '../../lib/site/layout.js';
import { tokenize } from '../support/powershell.js';
import { pythonWith, readText, runBin, temporaryFolder } from '../helpers.js';

const keyFile = 'ConfigurePython/ConfigurePython/secret.py';

/** The generated project's SECRET_KEY as Django reads it, with `environment` (the app settings the host gives). */
function secretKeyOf(site: string, environment: Record<string, string>): { key: string; status: number | null } {
  const probe = spawnSync(pythonWith('django'), ['-c', 'import django.conf; print(django.conf.settings.SECRET_KEY or "")'], {
    cwd: path.join(site, 'ConfigurePython'),
    env: { PATH: process.env.PATH, DJANGO_SETTINGS_MODULE: 'ConfigurePython.settings', ...environment },
    encoding: 'utf8',
  });
  return { key: probe.stdout.trim(), status: probe.status };
}

function site(...options: string[]): { folder: string; output: string } {
  const folder = temporaryFolder();
  const run = runBin(['--yes', '--no-git', '--framework', 'django', ...options], folder);
  assert.equal(run.status, 0, run.stderr);
  return { folder, output: run.stdout + run.stderr };
}

describe("Django's SECRET_KEY: an app setting outside git wherever the host has one", () => {
  it('comes from the ARM template, the portal step or setup-iis.ps1, else from the key file', () => {
    const source = (answers: Record<string, unknown>) => djangoSecretKeySource({ framework: 'django', ...answers } as never);
    assert.equal(source({ host: 'azure', provision: true, config: 'webconfig' }), 'arm-template');
    assert.equal(source({ host: 'linux', provision: true }), 'arm-template');
    assert.equal(source({ host: 'azure', provision: false, config: 'portal' }), 'portal');
    assert.equal(source({ host: 'iis', provision: false }), 'setup-script');
    assert.equal(source({ host: 'azure', provision: false, config: 'webconfig' }), 'key-file');
    assert.equal(source({ host: 'linux', provision: false }), 'key-file');
    assert.equal(source({}), 'key-file', 'nothing known (the module generator alone): the site must still start');
    assert.equal(djangoSecretKeySource({ framework: 'django', usersProject: true, host: 'azure', provision: true }), undefined, "a project of the user's keeps its own");
    assert.equal(djangoSecretKeySource({ framework: 'flask', host: 'azure', provision: true }), undefined);
  });

  it('with the ARM template: a securestring parameter with a new random default becomes DJANGO_SECRET_KEY; no key file', () => {
    const { folder } = site();
    assert.equal(existsSync(path.join(folder, keyFile)), false);
    const template = JSON.parse(readText(folder, 'azure/azuredeploy.json')) as {
      parameters: Record<string, { type: string; defaultValue: string }>;
      resources: { type: string; properties?: { siteConfig?: { appSettings?: { name: string; value: string }[] } } }[];
    };
    assert.deepEqual([template.parameters.djangoSecretKey!.type, template.parameters.djangoSecretKey!.defaultValue], ['securestring', '[newGuid()]']);
    const siteResource = template.resources.find(resource => resource.type === 'Microsoft.Web/sites')!;
    assert.deepEqual(siteResource.properties!.siteConfig!.appSettings, [{ name: 'DJANGO_SECRET_KEY', value: "[parameters('djangoSecretKey')]" }]);
    // Django reads the app setting; without it and without DEBUG there is no key (Django refuses to sign), with DEBUG a local one.
    assert.deepEqual(secretKeyOf(folder, { DJANGO_SECRET_KEY: 'from-the-app-setting' }), { key: 'from-the-app-setting', status: 0 });
    assert.deepEqual(secretKeyOf(folder, {}).key, '');
    assert.deepEqual(secretKeyOf(folder, { DJANGO_DEBUG: '1' }).key, 'django-insecure-local-development-only');
    assert.match(readText(folder, 'README.md'), /SECRET_KEY is the app setting DJANGO_SECRET_KEY, which the ARM template sets from its djangoSecretKey parameter/);
    assert.match(readText(folder, 'ConfigurePython/manage.py'), /if sys\.argv\[1:2\] == \['runserver'\]:\n\s+.*\n\s+os\.environ\.setdefault\('DJANGO_DEBUG', '1'\)/);
  });

  it('with web.config alone: the key file, committed so that the site starts, and the end message and README say how to move it', () => {
    const { folder, output } = site('--no-provision');
    const key = /^SECRET_KEY = '([0-9a-f]{64})'\n$/.exec(readText(folder, keyFile))?.[1];
    assert.ok(key, 'a random key of 32 bytes');
    assert.deepEqual(secretKeyOf(folder, {}), { key, status: 0 });
    assert.equal(secretKeyOf(folder, { DJANGO_SECRET_KEY: 'the app setting wins' }).key, 'the app setting wins');
    const said = new RegExp(`SECRET_KEY is in ${keyFile.replaceAll('/', '\\/')}, which is committed with the site .*git rm ${keyFile.replaceAll('/', '\\/')}`);
    assert.match(output, said);
    assert.match(readText(folder, 'README.md'), said);
    assert.doesNotMatch(readText(folder, 'README.md'), /secrets out of git/);
  });

  it('Option 1 without the ARM template: a portal step sets a random key on the site', () => {
    const { folder } = site('--config', 'portal', '--no-provision');
    assert.equal(existsSync(path.join(folder, keyFile)), false);
    assert.match(readText(folder, 'azure/portal-steps.md'), /--settings DJANGO_SECRET_KEY="\$\(python -c "import secrets; print\(secrets\.token_urlsafe\(50\)\)"\)"/);
    assert.doesNotMatch(readText(folder, 'azure/appsettings.json'), /SECRET_KEY/, 'never in a file of the repository');
  });

  it('on iis: setup-iis.ps1 makes a random key on the server, in IIS\'s configuration, found without XPath', () => {
    for (const server of ['fastcgi', 'httpplatform']) {
      const { folder } = site('--host', 'iis', '--server', server);
      assert.equal(existsSync(path.join(folder, keyFile)), false);
      const script = readFileSync(path.join(folder, 'setup-iis.ps1'), 'utf8');
      tokenize(script);
      assert.match(script, /RandomNumberGenerator\]::Create\(\)\.GetBytes\(\$bytes\)/);
      assert.match(script, /\$variable\['name'\] = 'DJANGO_SECRET_KEY'/);
      assert.match(script, server === 'fastcgi' ? /\$variableElement = 'environmentVariable'/ : /ApplicationPools\[\$site\.Applications\['\/'\]\.ApplicationPoolName\]/);
      assert.doesNotMatch(script, /-Filter "[^"]*\$/, 'no XPath built from a path');
      assert.match(readText(folder, 'README.md'), /environment variable DJANGO_SECRET_KEY, which setup-iis\.ps1 makes on the server/);
    }
  });
});
