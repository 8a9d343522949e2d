import { createRequire } from 'node:module';
import { findHost } from '../catalog/hosts.js';
import type { PlannedFile } from '../engine/file-plan.js';
import type { SiteAnswers } from '../answers/model.js';
import { packageName } from './package-names.js';

/*
 * A project whose dependencies are declared in pyproject.toml (PEP 621's [project]
 * dependencies, or Poetry's [tool.poetry.dependencies]), or locked by uv or Poetry, has its
 * dependency file already. A requirements.txt written beside it would be what App Service on
 * Linux installs instead (Oryx takes requirements.txt first), so none is written: the run says
 * what the site needs that the file lacks, and the command that adds it.
 */

export const pyprojectFile = 'pyproject.toml';

/** The tools that manage a pyproject.toml, by the lock file each keeps: what adds a package to it. */
const tools = [
  { name: 'uv', lockFile: 'uv.lock', add: (names: string[]) => `uv add ${names.join(' ')}` },
  { name: 'poetry', lockFile: 'poetry.lock', add: (names: string[]) => `poetry add ${names.join(' ')}` },
  { name: 'pip', lockFile: undefined, add: (names: string[]) => `add ${names.map(name => JSON.stringify(name)).join(', ')} to [project] dependencies` },
] as const;

export interface ProjectDependencyFile {
  readonly tool: (typeof tools)[number]['name'];
  /** The packages it declares, lower-cased. */
  readonly names: ReadonlySet<string>;
}

// TOML is read only when a project has a pyproject.toml.
const require = createRequire(import.meta.url);

/**
 * The project's pyproject.toml as its dependency file, read with `read` (a site file's text,
 * or undefined): undefined when it declares no dependencies and no lock file says it is managed.
 * A pyproject.toml that is not valid TOML is a one-line error naming the file.
 */
export function projectDependencyFile(read: (file: string) => string | undefined): ProjectDependencyFile | undefined {
  const text = read(pyprojectFile);
  if (text === undefined) return undefined;
  let document: Record<string, unknown>;
  try {
    document = (require('smol-toml') as typeof import('smol-toml')).parse(text) as Record<string, unknown>;
  } catch (error) {
    const where = error instanceof Error && 'line' in error ? ` (line ${String((error as { line: number }).line)})` : '';
    throw new Error(`${pyprojectFile} is not valid TOML${where}: fix it, then run again; nothing was written.`);
  }
  const project = table(document.project);
  const poetry = table(table(document.tool).poetry);
  const declared = Array.isArray(project.dependencies) ? project.dependencies.filter((entry): entry is string => typeof entry === 'string') : undefined;
  const poetryDependencies = table(poetry.dependencies);
  const locked = tools.find(tool => tool.lockFile !== undefined && read(tool.lockFile) !== undefined);
  if (declared === undefined && Object.keys(poetryDependencies).length === 0 && !locked) return undefined;
  const names = new Set([
    ...(declared ?? []).map(packageName).filter((name): name is string => name !== undefined),
    ...Object.keys(poetryDependencies).map(name => name.toLowerCase()).filter(name => name !== 'python'),
  ]);
  const tool = locked?.name ?? (Object.keys(poetry).length > 0 ? 'poetry' : 'pip');
  return { tool, names };
}

function table(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * The plan for a project whose dependency file is pyproject.toml: the file is the user's and
 * stays as it is; what the site needs and it lacks is said, with the command that adds it, and
 * on hosts that install only requirements.txt, how to give them one.
 */
export function pyprojectPlan(file: ProjectDependencyFile, packages: readonly string[], answers: Pick<SiteAnswers, 'host'>): PlannedFile {
  const missing = packages.filter(name => !file.names.has(name.toLowerCase()));
  const tool = tools.find(candidate => candidate.name === file.tool)!;
  const host = findHost(answers.host);
  const advice = [
    ...(missing.length > 0 ? [`${pyprojectFile} is the site's dependency file and lacks ${missing.join(', ')}: ${tool.add(missing)}`] : []),
    // Kudu on Windows, and a server's administrator, install requirements.txt only.
    ...(host.os === 'windows' ? [`${host.onAzure ? 'App Service on Windows' : 'the server'} installs requirements.txt, not ${pyprojectFile}: export one (${exportCommand(file)}) and commit it`] : []),
  ];
  return {
    path: pyprojectFile,
    kind: 'merged',
    generated: packages.join('\n'),
    merge: existing => ({ text: existing, change: 'none', changes: [], warnings: advice }),
    purpose: `the site's packages (${packages.join(', ')})`,
  };
}

function exportCommand(file: ProjectDependencyFile): string {
  if (file.tool === 'uv') return 'uv export --no-hashes --format requirements-txt -o requirements.txt';
  if (file.tool === 'poetry') return 'poetry export -f requirements.txt -o requirements.txt';
  return 'pip-compile pyproject.toml -o requirements.txt';
}
