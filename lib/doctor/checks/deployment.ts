import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isAzureBuiltIn, windowsRuntimeWith } from '../../catalog/runtimes.js';
import { deploymentFile, deploymentSetting, pythonScriptGenerator, scriptGeneratorSetting } from '../../azure/kudu.js';
import { iisSetupScript } from '../../iis/names.js';
import { commitCommands } from '../../git/deploy.js';
import { localPaths, nameOnDisk, sitePath, type ExistingSite } from '../../site/existing.js';
import { check, type Check } from '../check.js';

export function packageJsonCheck(site: ExistingSite): Check {
  if (!existsSync(path.join(site.folder, 'package.json'))) return check('package-json', 'pass', 'no package.json in the site root');
  const deployment = path.join(site.folder, deploymentFile);
  if (existsSync(deployment) && deploymentSetting(readFileSync(deployment, 'utf8'), scriptGeneratorSetting) === pythonScriptGenerator) {
    return check('package-json', 'pass', `package.json in the site root, and ${deploymentFile} sets ${scriptGeneratorSetting}=${pythonScriptGenerator}: Azure's deployment builds the site as Python`);
  }
  return check('package-json', 'fail', 'package.json in the site root: Azure\'s deployment builds the site as Node.js, and replaces web.config with iisnode\'s', `move package.json (and the Node.js tooling) out of the site root, or add ${deploymentFile} with [config] and ${scriptGeneratorSetting}=${pythonScriptGenerator} (generator-azure-python webconfig writes it)`);
}

export function requirementsCheck(site: ExistingSite): Check | undefined {
  if (!existsSync(path.join(site.folder, 'requirements.txt'))) return undefined;
  const interpreter = (site.handler?.getAttribute('scriptProcessor') ?? site.webConfig?.getElementsByTagName('httpPlatform')[0]?.getAttribute('processPath') ?? '').split('|')[0]!;
  const extension = windowsRuntimeWith(interpreter, row => row.siteExtension !== undefined);
  // Kudu installs requirements.txt into env with a Python of its own: a site extension's python.exe never imports from there.
  if (extension && !/\\env\\lib\\site-packages/i.test(site.settings.PYTHONPATH ?? '')) {
    return check(
      'requirements',
      'warn',
      `requirements.txt is installed by Azure's deployment into env, which ${extension.label} never sees: its packages must be installed with the extension's own pip`,
      `in the Kudu console: ${extension.interpreter} -m pip install -r ${site.siteRoot}\\requirements.txt`,
    );
  }
  if (existsSync(path.join(site.folder, 'runtime.txt'))) return check('requirements', 'pass', 'requirements.txt and runtime.txt: Azure\'s deployment installs them into env');
  if (readdirSync(site.folder).some(file => file.endsWith('.py'))) return check('requirements', 'pass', 'requirements.txt and a .py file in the root: Azure\'s deployment installs them');
  const builtIn = windowsRuntimeWith(interpreter, isAzureBuiltIn);
  if (builtIn) {
    return check(
      'requirements',
      'fail',
      "requirements.txt is never installed: Azure's deployment builds Python only with runtime.txt (or a .py file) in the root",
      `add runtime.txt holding python-${builtIn.version}`,
      { path: 'runtime.txt', kind: 'create', contents: `python-${builtIn.version}\n` },
    );
  }
  if (site.host === 'iis') {
    return existsSync(path.join(site.folder, iisSetupScript))
      ? check('requirements', 'pass', `requirements.txt: ${iisSetupScript} installs it into ${interpreter || "the server's Python"}`)
      : check('requirements', 'warn', `requirements.txt is installed by no deployment on a server of its own`, `install it into the site's Python: ${interpreter || 'python'} -m pip install -r requirements.txt`);
  }
  return check('requirements', 'warn', `requirements.txt is not installed by Azure's deployment for ${interpreter || 'this Python'}`, `install it once into that Python: ${interpreter || 'python'} -m pip install -r requirements.txt (Kudu console on Azure)`);
}

export function branchCheck(site: ExistingSite): Check | undefined {
  const head = path.join(site.folder, '.git', 'HEAD');
  if (!existsSync(head)) return undefined;
  const branch = /^ref: refs\/heads\/(.+)$/m.exec(readFileSync(head, 'utf8'))?.[1];
  if (!branch || branch === 'master') return check('deploy-branch', 'pass', 'the branch is master, the one Azure deploys');
  return check('deploy-branch', 'warn', `the branch is ${branch}, but Azure deploys master: a plain git push azure leaves the site as it was`, `git push azure ${branch}:master   (or set the app setting DEPLOYMENT_BRANCH=${branch})`);
}

/** The files a deployment of the site needs, that are there: web.config, the handler's file, the app's module, the dependency files. */
function deploymentFiles(site: ExistingSite): string[] {
  const wanted = ['web.config', 'requirements.txt', 'runtime.txt', '.deployment', 'pyproject.toml'];
  const handlerPath = site.handler?.getAttribute('path') ?? '*';
  if (handlerPath !== '*' && !handlerPath.includes('*')) wanted.push(handlerPath);
  const handler = (site.settings.WSGI_HANDLER ?? '').replace(/\(\)$/, '');
  const parts = handler.split('.').slice(0, -1);
  for (const root of localPaths(site).filter((entry): entry is string => entry !== undefined)) {
    for (let length = parts.length; length > 0; length--) {
      const base = sitePath(site, path.join(root, ...parts.slice(0, length)));
      wanted.push(`${base}.py`, `${base}/__init__.py`);
    }
  }
  return [...new Set(wanted.map(file => nameOnDisk(site.folder, file)).filter((file): file is string => file !== undefined && !file.startsWith('..')))];
}

/** In a git repository: the files the deployment needs that git does not track, which git push azure leaves out. */
export function deploymentFilesCheck(site: ExistingSite): Check | undefined {
  const listed = spawnSync('git', ['-C', site.folder, 'ls-files', '-z', '--full-name'], { encoding: 'utf8' });
  if (listed.error || listed.status !== 0) return undefined;
  const top = spawnSync('git', ['-C', site.folder, 'rev-parse', '--show-prefix'], { encoding: 'utf8' }).stdout.trim();
  const tracked = new Set(listed.stdout.split('\0').filter(Boolean).map(file => (top && file.startsWith(top) ? file.slice(top.length) : file)));
  const needed = deploymentFiles(site);
  const untracked = needed.filter(file => !tracked.has(file));
  if (untracked.length === 0) return needed.length > 0 ? check('deploy-files', 'pass', `git tracks the files the deployment needs (${needed.join(', ')})`) : undefined;
  return check('deploy-files', 'fail', `git does not track ${untracked.join(', ')}: git push azure deploys what is committed, and leaves ${untracked.length === 1 ? 'it' : 'them'} out`, commitCommands(untracked, "Add the site's files").join(' && '));
}
