import type { SiteAnswers } from './answers.js';
import type { FileMerge } from './file-plan.js';
import { findFramework } from './frameworks.js';
import { isAzureBuiltIn } from './runtimes.js';
import { resolveRuntime } from './site.js';

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

/**
 * What a site must install: its framework, and the server that runs it (waitress under
 * HttpPlatformHandler, gunicorn on Linux), by name and as requirements.txt lines. On Azure's
 * built-in Pythons also runtime.txt's contents: Azure's deployment then builds the virtualenv
 * env and installs them there. Nothing, for the bare WSGI module under FastCGI.
 */
export function siteDependencies(answers: Pick<SiteAnswers, 'framework' | 'host' | 'server' | 'python' | 'interpreter' | 'wfastcgi'>): {
  packages: string[];
  lines: string[];
  runtimeTxt?: string;
} {
  const framework = findFramework(answers.framework);
  const server = answers.host === 'linux' ? 'gunicorn' : answers.server === 'httpplatform' ? 'waitress' : undefined;
  const packages = [...(framework.requirements.length > 0 ? [framework.name] : []), ...(server ? [server] : [])];
  const lines = [...framework.requirements, ...(server ? serverRequirements[server] : [])];
  if (lines.length === 0) return { packages, lines };
  const runtime = resolveRuntime(answers);
  const builtIn = answers.host === 'azure' && isAzureBuiltIn(runtime);
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
