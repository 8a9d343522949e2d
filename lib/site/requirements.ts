import type { SiteAnswers } from '../answers/model.js';
import { findHost } from '../catalog/hosts.js';
import { findServer } from '../catalog/servers.js';
import type { FileMerge, PlannedFile } from '../engine/file-plan.js';
import { findFramework } from '../catalog/frameworks.js';
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
} as const;

/** What decides a site's packages; parts without a --server (portal, linux) run no server of their own choosing. */
export type DependencyAnswers = Pick<SiteAnswers, 'framework' | 'host' | 'python'> & Partial<Pick<SiteAnswers, 'server' | 'interpreter' | 'wfastcgi'>>;

/**
 * What a site must install: its framework, and the server that runs it (waitress under
 * HttpPlatformHandler, gunicorn on Linux), by name and as requirements.txt lines. On Azure's
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
  const packages = [...(framework.requirements.length > 0 ? [framework.name] : []), ...(server ? [server] : [])];
  const lines = [...framework.requirements, ...(server ? serverRequirements[server] : [])];
  if (lines.length === 0) return { packages, lines };
  const runtime = resolveRuntime(answers);
  const builtIn = host.onAzure && isAzureBuiltIn(runtime);
  return builtIn ? { packages, lines, runtimeTxt: `python-${runtime.version}\n` } : { packages, lines };
}

export function requirementsText(lines: readonly string[]): string {
  return `# The site's Python packages: pip install -r requirements.txt installs them.\n${lines.join('\n')}\n`;
}

/** The package a requirement line names, lower-cased; undefined for a comment, option or blank line. */
export function packageName(line: string): string | undefined {
  const name = line.trim().split(/[\s<>=!~;[@]/)[0]!.toLowerCase();
  return name === '' || name.startsWith('#') || name.startsWith('-') ? undefined : name;
}

/** Adds to an existing requirements.txt the packages it lacks; what it has (pins included) stays. */
export function mergeRequirements(existing: string, generated: string): FileMerge {
  const present = new Set(existing.split(/\r?\n/).map(packageName));
  const missing = generated.split('\n').filter(line => {
    const name = packageName(line);
    return name !== undefined && !present.has(name);
  });
  if (missing.length === 0) return { text: existing, change: 'none', changes: [] };
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  return { text: `${existing}${separator}${missing.join('\n')}\n`, change: 'addition', changes: [] };
}

/** requirements.txt and runtime.txt, as siteDependencies says: part of each configuration's plan. */
export function dependenciesPlan(answers: DependencyAnswers): PlannedFile[] {
  const { packages, lines, runtimeTxt } = siteDependencies(answers);
  if (lines.length === 0) return [];
  return [
    { ...requirementsPlan(lines), purpose: `the site's packages: ${packages.join(', ')}` },
    ...(runtimeTxt
      ? [{ path: 'runtime.txt', kind: 'placeholder' as const, contents: runtimeTxt, purpose: "asks Azure's deployment for a virtualenv with requirements.txt installed" }]
      : []),
  ];
}

/** requirements.txt: the packages the site needs, added to an existing one without changing it. */
export function requirementsPlan(lines: readonly string[]): PlannedFile {
  return { path: 'requirements.txt', kind: 'merged', generated: requirementsText(lines), merge: mergeRequirements };
}
