import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../engine/package-root.js';
import { distributionOf, isProvided } from '../../site/import-packages.js';
import { reservedModuleNames } from '../../catalog/python-stdlib.js';
import { projectDependencyFile } from '../../site/dependency-files.js';
import { importRoots, moduleFileIn, readText, requirementNames, sitePath, type ExistingSite } from '../../site/existing.js';
import { settingEdit } from '../changes.js';
import { check, type Check } from '../check.js';

/**
 * The Host header the site's requests carry: `--host-header`, else App Service's name for the
 * site (`<site>.azurewebsites.net`, the site being .yo-rc.json's siteName or the folder's name);
 * on a server of one's own, none unless given.
 */
export function siteHostHeader(site: ExistingSite, given: string | undefined): string | undefined {
  if (given) return given;
  if (site.host !== 'azure' && site.host !== 'linux') return undefined;
  const name = typeof site.kept.siteName === 'string' ? site.kept.siteName : path.basename(site.folder);
  return /^[A-Za-z0-9-]{1,60}$/.test(name) ? `${name.toLowerCase()}.azurewebsites.net` : undefined;
}

/** What wsgi_probe.py found calling `handler` (wfastcgi's form: dotted, `()` for a factory) from `paths`. */
export interface ProbeResult {
  readonly status: 'ok' | 'bad-host' | 'remove-call' | 'add-call' | 'str-body' | 'import-error' | 'error';
  readonly detail: string;
}

/**
 * Imports `handler` with the local `python` as the server would, and calls it once with a GET of
 * `urlPath` (this runs the user's code); undefined when that Python cannot run the probe.
 */
export function probeWsgi(python: string, paths: readonly string[], handler: string, environment: Record<string, string>, hostHeader?: string, urlPath = '/'): ProbeResult | undefined {
  const probe = spawnSync(python, [path.join(packageRoot, 'python', 'wsgi_probe.py'), JSON.stringify({ paths, handler, path: urlPath, ...(hostHeader ? { host: hostHeader } : {}) })], {
    encoding: 'utf8',
    env: { ...process.env, ...environment },
    timeout: 30_000,
  });
  if (probe.error || probe.status !== 0) return undefined;
  return JSON.parse(probe.stdout) as ProbeResult;
}

/** `python` undefined: the code is read, never imported. */
export function importCheck(site: ExistingSite, python: string | undefined, hostHeader?: string): Check | undefined {
  const handler = site.settings.WSGI_HANDLER;
  if (!handler) return undefined;
  if (python === undefined) return staticBodyCheck(site, handler, 'read, not imported: --no-import');
  // wfastcgi puts every app setting into the environment (DJANGO_SETTINGS_MODULE, say).
  const environment = Object.fromEntries(Object.entries(site.rawSettings).filter(([name]) => !['PYTHONPATH', 'WSGI_HANDLER'].includes(name.toUpperCase())));
  const probe = probeWsgi(python, importRoots(site), handler, environment, hostHeader);
  if (!probe) return staticBodyCheck(site, handler);
  const { status, detail } = probe;
  const name = handler.replace(/\(\)$/, '');
  switch (status) {
    case 'ok':
      return check('wsgi-import', 'pass', `${handler} imports, and answers a request${hostHeader ? ` for ${hostHeader}` : ''} through wsgiref.validate (local ${python})`);
    case 'bad-host':
      return check(
        'wsgi-import',
        'fail',
        `${handler} refuses the site's own host name: ${detail} (Django's DisallowedHost: ALLOWED_HOSTS lacks it)`,
        `add '${hostHeader}' to ALLOWED_HOSTS (on App Service, os.environ['WEBSITE_HOSTNAME'] holds it); another host: doctor --host-header <name>`,
      );
    case 'remove-call':
      return check('wsgi-import', 'fail', `WSGI_HANDLER ${handler} calls the app: ${detail}`, `set WSGI_HANDLER to ${name} (without "()")`, settingEdit(site, 'WSGI_HANDLER', name));
    case 'add-call':
      return check('wsgi-import', 'fail', `WSGI_HANDLER ${handler} names a factory: ${detail}`, `set WSGI_HANDLER to ${name}() (with "()")`, settingEdit(site, 'WSGI_HANDLER', `${name}()`));
    case 'str-body':
      return check('wsgi-import', 'fail', `${handler} returns a str body: wfastcgi on Python 3 answers 500 ("content must be encoded before sending")`, "return bytes: b'...' or '...'.encode('utf-8')");
    case 'import-error': {
      const missing = uninstalledRequirement(site, detail);
      if (missing) {
        return check('wsgi-import', 'warn', `${handler} could not be checked here: ${missing} (from requirements.txt) is not installed for ${python}`, 'python3 -m pip install -r requirements.txt, then run the doctor again');
      }
      return check('wsgi-import', 'fail', `"${handler}" could not be imported from PYTHONPATH: ${detail}`, 'put the module in a PYTHONPATH folder, or correct WSGI_HANDLER to <module>.<callable>');
    }
    default:
      return check('wsgi-import', 'fail', `${handler} fails on a plain GET: ${detail}`, `run it locally to see the traceback: python -c "import wsgiref.simple_server as s, ${name.split('.')[0]} as m"`);
  }
}

/** The package of an import error that requirements.txt lists: the server installs it, this machine has not. */
export function uninstalledRequirement(site: ExistingSite, detail: string): string | undefined {
  const missing = /No module named '([\w.]+)'/.exec(detail)?.[1]?.split('.')[0]?.toLowerCase();
  return missing && requirementNames(site.folder).includes(missing) ? missing : undefined;
}

/** Without a local Python: a str literal returned or yielded is the usual cause of a Python 3 500. */
function staticBodyCheck(site: ExistingSite, handler: string, why = 'no python3 here to run it'): Check {
  const module = handler.replace(/\(\)$/, '').split('.').slice(0, -1).join('/');
  const file = importRoots(site)
    .map(folder => path.join(folder, `${module}.py`))
    .find(candidate => existsSync(candidate));
  if (!file) return check('wsgi-import', 'fail', `"${handler}" could not be imported: no ${module}.py in PYTHONPATH`, 'put the module in a PYTHONPATH folder, or correct WSGI_HANDLER');
  const text = readFileSync(file, 'utf8');
  if (/^\s*(yield|return \[)\s*['"]/m.test(text)) {
    return check('wsgi-import', 'warn', `${path.relative(site.folder, file)} seems to return a str body (${why}): Python 3 answers 500`, "return bytes: b'...'");
  }
  return check('wsgi-import', 'pass', `${path.relative(site.folder, file)} exists (${why})`);
}

/**
 * What the code imports that is neither the standard library nor the site's own, read with
 * Python's ast (nothing is run): each must be in requirements.txt (or pyproject.toml), or
 * nothing installs it on the server. Undefined without a Python here to read the code.
 */
export function dependenciesCheck(site: ExistingSite, python: string): Check | undefined {
  const probe = spawnSync(python, [path.join(packageRoot, 'python', 'imports_probe.py'), JSON.stringify({ folder: site.folder, stdlib: [...reservedModuleNames] })], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (probe.error || probe.status !== 0) return undefined;
  const { imports } = JSON.parse(probe.stdout) as { imports: Record<string, string> };
  const names = Object.keys(imports).sort();
  if (names.length === 0) return undefined;
  const requirementsFile = existsSync(path.join(site.folder, 'requirements.txt'));
  const project = requirementsFile ? undefined : projectDependencyFile(file => (existsSync(path.join(site.folder, file)) ? readText(path.join(site.folder, file)) : undefined));
  const listed = new Set([...requirementNames(site.folder), ...(project?.names ?? [])].map(name => name.toLowerCase().replace(/_/g, '-')));
  const missing = names.filter(name => !isProvided(name, listed));
  const shown = (list: string[]) => list.map(name => `${name} (${imports[name]})`).join(', ');
  const packages = [...new Set(missing.map(distributionOf))];
  if (!requirementsFile && !project && site.host === 'iis') {
    return check(
      'dependencies',
      'warn',
      `the code imports ${shown(missing)}, and the site has no requirements.txt: no deployment installs them, so the server's Python must have them already`,
      `record them in requirements.txt (${packages.join(', ')}), and install them into the site's Python: python -m pip install -r requirements.txt`,
    );
  }
  if (!requirementsFile && !project) {
    return check(
      'dependencies',
      'fail',
      `the code imports ${shown(missing)}, and the site has no requirements.txt: nothing installs them on the server, so the import fails`,
      `list them in requirements.txt: ${packages.join(', ')} (with the versions you run: pip freeze in the project's virtualenv)`,
      { path: 'requirements.txt', kind: 'create', contents: `${packages.join('\n')}\n` },
    );
  }
  if (missing.length > 0) {
    const file = requirementsFile ? 'requirements.txt' : 'pyproject.toml';
    return check('dependencies', 'warn', `the code imports ${shown(missing)}, which ${file} does not name: unless another package brings them, the import fails on the server`, `add ${packages.join(', ')} to ${file}`);
  }
  return check('dependencies', 'pass', `every package the code imports is in ${requirementsFile ? 'requirements.txt' : 'pyproject.toml'} (${names.join(', ')})`);
}

/**
 * A Django project's settings file, read as text: DEBUG = True with a SECRET_KEY written into
 * it shows tracebacks and settings to anyone on the server, with the key in the repository.
 */
export function djangoSettingsCheck(site: ExistingSite): Check | undefined {
  const project = /^([A-Za-z_]\w*)\./.exec(site.settings.DJANGO_SETTINGS_MODULE ?? '')?.[1] ?? /^([A-Za-z_]\w*)\.wsgi\.application$/.exec(site.settings.WSGI_HANDLER ?? '')?.[1];
  if (!project) return undefined;
  const file = moduleFileIn(importRoots(site), site.settings.DJANGO_SETTINGS_MODULE ?? `${project}.settings`);
  if (!file) return undefined;
  const text = readText(file);
  const shown = sitePath(site, file);
  if (/^DEBUG\s*=\s*True\b/m.test(text) && /^SECRET_KEY\s*=\s*['"]/m.test(text)) {
    return check(
      'django-settings',
      'warn',
      `${shown} sets DEBUG = True and writes its SECRET_KEY into the file: on the server, an error shows its traceback and settings to anyone, and the key is in the repository`,
      "read them from app settings: DEBUG = os.environ.get('DJANGO_DEBUG') == '1' and SECRET_KEY = os.environ['DJANGO_SECRET_KEY']",
    );
  }
  return check('django-settings', 'pass', `${shown}: DEBUG and SECRET_KEY are not both written in`);
}
