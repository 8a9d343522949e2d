/**
 * The oldest Python each release line of the packages a site usually pins will install on: its
 * `Requires-Python` on PyPI. A pin below the site's Python fails at deployment (pip finds no
 * matching distribution), so the generators say so when they meet one in requirements.txt.
 */
export interface PackagePython {
  /** The package, lower-cased as pip compares names. */
  readonly package: string;
  /** The first release of the line, e.g. 2.2. */
  readonly from: string;
  /** The oldest Python it installs on, e.g. 3.7. */
  readonly python: string;
}

export const packagePythons: readonly PackagePython[] = [
  { package: 'flask', from: '2.0', python: '3.6' },
  { package: 'flask', from: '2.1', python: '3.7' },
  { package: 'flask', from: '2.3', python: '3.8' },
  { package: 'flask', from: '3.1', python: '3.9' },
  { package: 'werkzeug', from: '2.0', python: '3.6' },
  { package: 'werkzeug', from: '2.1', python: '3.7' },
  { package: 'werkzeug', from: '2.3', python: '3.8' },
  { package: 'jinja2', from: '3.0', python: '3.6' },
  { package: 'jinja2', from: '3.1', python: '3.7' },
  { package: 'django', from: '2.0', python: '3.4' },
  { package: 'django', from: '2.1', python: '3.5' },
  { package: 'django', from: '3.0', python: '3.6' },
  { package: 'django', from: '4.0', python: '3.8' },
  { package: 'django', from: '5.0', python: '3.10' },
  { package: 'waitress', from: '2.0', python: '3.6' },
  { package: 'waitress', from: '2.1', python: '3.7' },
  { package: 'waitress', from: '3.0', python: '3.8' },
  { package: 'gunicorn', from: '20.0', python: '3.4' },
  { package: 'gunicorn', from: '21.0', python: '3.5' },
  { package: 'gunicorn', from: '22.0', python: '3.7' },
  { package: 'whitenoise', from: '6.0', python: '3.7' },
  { package: 'whitenoise', from: '6.5', python: '3.8' },
  { package: 'whitenoise', from: '6.8', python: '3.9' },
];

/** Compares dotted versions by their numbers: -1, 0 or 1. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** The oldest Python `version` of `name` installs on, when the table knows its line. */
export function oldestPythonFor(name: string, version: string): string | undefined {
  const lines = packagePythons.filter(row => row.package === name && compareVersions(version, row.from) >= 0);
  return lines.at(-1)?.python;
}
