import type { SiteAnswers } from '../answers/model.js';
import { findHost } from '../catalog/hosts.js';
import { findServer } from '../catalog/servers.js';
import type { FileMerge, PlanContext, PlannedFile } from '../engine/file-plan.js';
import { projectDependencyFile, pyprojectPlan } from './dependency-files.js';
import { packageName } from './package-names.js';
import { findFramework, frameworks } from '../catalog/frameworks.js';
import { compareVersions, oldestPythonFor } from '../catalog/package-pythons.js';
import { isAzureBuiltIn } from '../catalog/runtimes.js';
import { resolveRuntime } from './layout.js';

/**
 * The Python packages a server needs, as requirements.txt lines. The markers pick a release
 * that still supports the site's Python (2.7 and 3.4 need old ones).
 */
export const serverRequirements = {
  waitress: [
    'waitress==1.1.0; python_version == "3.4"',
    'waitress==1.4.4; python_version < "3.8" and python_version != "3.4"',
    'waitress==3.0.2; python_version >= "3.8"',
  ],
  gunicorn: ['gunicorn==23.0.0'],
  // gunicorn's uvicorn worker, for an ASGI app (its 0.30 and later need Python 3.8).
  uvicorn: ['uvicorn==0.32.1; python_version >= "3.8"'],
} as const;

/**
 * What serves a Django project's static files on App Service on Linux, where no IIS does:
 * WhiteNoise, in the project's middleware (the generated settings turn it on when installed).
 */
export const linuxStaticRequirements = {
  whitenoise: ['whitenoise==6.8.2; python_version >= "3.9"', 'whitenoise==6.5.0; python_version < "3.9"'],
} as const;

/**
 * What decides a site's packages; parts without a --server (portal, linux) run no server of their
 * own choosing. `usersProject`: the app is the user's, whose settings the generator does not edit.
 */
export type DependencyAnswers = Pick<SiteAnswers, 'framework' | 'host' | 'python'> & Partial<Pick<SiteAnswers, 'server' | 'interpreter' | 'wfastcgi'>> & { readonly usersProject?: boolean };

/**
 * What a site must install: its framework, and the server that runs it (waitress under
 * HttpPlatformHandler, gunicorn on Linux, and WhiteNoise for the generated Django project's static
 * files on Linux),
 * by name and as requirements.txt lines. On Azure's
 * built-in Pythons also runtime.txt's contents: Azure's deployment then builds the virtualenv
 * env and installs them there. Nothing, for the bare WSGI module under FastCGI.
 */
export function siteDependencies(answers: DependencyAnswers): {
  packages: string[];
  lines: string[];
  runtimeTxt?: string;
} {
  const framework = findFramework(answers.framework);
  const host = findHost(answers.host);
  const server = host.os === 'linux' ? 'gunicorn' : findServer(answers.server ?? 'fastcgi').pythonServer;
  // The generated Django project turns WhiteNoise on; a project of the user's has its own way, and its settings are theirs.
  const staticServer = host.os === 'linux' && framework.name === 'django' && !answers.usersProject ? 'whitenoise' : undefined;
  const worker = host.os === 'linux' && framework.name === 'asgi' ? 'uvicorn' : undefined;
  const packages = [...(framework.requirements.length > 0 ? [framework.name] : []), ...(server ? [server] : []), ...(worker ? [worker] : []), ...(staticServer ? [staticServer] : [])];
  const lines = [...framework.requirements, ...(server ? serverRequirements[server] : []), ...(worker ? serverRequirements[worker] : []), ...(staticServer ? linuxStaticRequirements[staticServer] : [])];
  if (lines.length === 0) return { packages, lines };
  const runtime = resolveRuntime(answers);
  const builtIn = host.onAzure && isAzureBuiltIn(runtime);
  return builtIn ? { packages, lines, runtimeTxt: `python-${runtime.version}\n` } : { packages, lines };
}

export function requirementsText(lines: readonly string[]): string {
  return `# The site's Python packages: pip install -r requirements.txt installs them.\n${lines.join('\n')}\n`;
}


/**
 * The generated lines in groups, one per package the site needs: a framework's line with the
 * constraints that only make its old releases install (Flask 1.x's Jinja2<3.0, ...), or a
 * server's. A group starts at a line that names a package of `packages`.
 */
function requirementGroups(lines: readonly string[], packages: ReadonlySet<string>): string[][] {
  const groups: string[][] = [];
  for (const line of lines) {
    const name = packageName(line);
    if (name === undefined) continue;
    if (groups.length === 0 || (packages.has(name) && packageName(groups.at(-1)![0]!) !== name)) groups.push([]);
    groups.at(-1)!.push(line);
  }
  return groups;
}

/** The packages groups start with: each framework's own (its first line's) and the servers'. */
const groupPackages = new Set(
  [...frameworks.map(framework => framework.requirements[0]), ...Object.values({ ...serverRequirements, ...linuxStaticRequirements }).map(lines => lines[0])]
    .map(line => (line === undefined ? undefined : packageName(line)))
    .filter((name): name is string => name !== undefined),
);

/**
 * Adds to an existing requirements.txt what the site needs and it lacks. A package the user
 * names already is theirs, pin and markers included: none of the lines that go with it (the
 * constraints of old releases) is added either, since they could contradict the user's pin.
 */
export function mergeRequirements(existing: string, generated: string): FileMerge {
  const present = new Set(existing.split(/\r?\n/).map(packageName));
  const missing = requirementGroups(generated.split('\n'), groupPackages)
    .filter(group => !present.has(packageName(group[0]!)))
    .flatMap(group => group.filter(line => !present.has(packageName(line))));
  if (missing.length === 0) return { text: existing, change: 'none', changes: [] };
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  return {
    text: `${existing}${separator}${missing.join('\n')}\n`,
    change: 'addition',
    changes: missing.map(line => ({ kind: 'addition', description: line })),
  };
}

/**
 * requirements.txt and runtime.txt, as siteDependencies says: part of each configuration's
 * plan. A project whose dependency file is pyproject.toml (and that has no requirements.txt)
 * gets none: its pyproject.toml is the site's, and the run says what to add to it.
 */
export function dependenciesPlan(answers: DependencyAnswers, readSiteFile?: PlanContext['readSiteFile']): PlannedFile[] {
  const { packages, lines, runtimeTxt } = siteDependencies(answers);
  if (lines.length === 0) return [];
  const project = readSiteFile && readSiteFile('requirements.txt') === undefined ? projectDependencyFile(readSiteFile) : undefined;
  return [
    project ? pyprojectPlan(project, packages, answers) : {
      purpose: `the site's packages: ${packages.join(', ')}`,
      // Oryx looks for requirements.txt in exactly that case; Windows (and Kudu) find any.
      ...(findHost(answers.host).os === 'linux' ? { exactName: 'App Service on Linux installs requirements.txt' } : {}),
      ...requirementsPlan(lines, resolveRuntime(answers).version),
    },
    ...(runtimeTxt
      ? [{ path: 'runtime.txt', kind: 'placeholder' as const, contents: runtimeTxt, purpose: "asks Azure's deployment for a virtualenv with requirements.txt installed" }]
      : []),
  ];
}

/**
 * The user's pins that cannot install on the site's Python (`python`, e.g. 2.7 or 3.6.4), one
 * warning each: `flask==2.2.2` on 2.7. A line with a marker is left out: it may be for another Python.
 */
export function pinsBeyondPython(requirements: string, python: string | undefined): string[] {
  const site = /^(\d+\.\d+)/.exec(python ?? '')?.[1];
  if (!site) return [];
  return requirements.split(/\r?\n/).flatMap(line => {
    const pin = /^\s*([A-Za-z0-9][A-Za-z0-9_.-]*)\s*(?:==|>=|~=)\s*(\d+(?:\.\d+)*)\s*(?:#.*)?$/.exec(line);
    const needed = pin && oldestPythonFor(pin[1]!.toLowerCase(), pin[2]!);
    if (!needed || compareVersions(site, needed) >= 0) return [];
    return [`requirements.txt: ${line.trim()} needs Python ${needed} or later, and the site runs Python ${site}: pin a release for ${site}, or choose a newer Python (--python)`];
  });
}

/** requirements.txt: the packages the site needs, added to an existing one without changing it. */
export function requirementsPlan(lines: readonly string[], python?: string): PlannedFile {
  return {
    path: 'requirements.txt',
    kind: 'merged',
    generated: requirementsText(lines),
    merge: (existing, generated) => ({ warnings: pinsBeyondPython(existing, python), ...mergeRequirements(existing, generated) }),
    announceAdditions: true,
  };
}
