import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { scmGitUrl } from '../azure/endpoints.js';
import { azureDeploymentBranch, azureRemoteName, remoteAddCommand, shellWord } from './deploy.js';


export interface RepositoryRequest {
  /** Files the run created, relative to `folder`: the only ones ever committed. */
  readonly files: readonly string[];
  readonly commit: boolean;
  /** The Azure git remote URL, or '' for none. */
  readonly remote: string;
}

export type RemoteOutcome = 'none' | 'added' | 'unchanged' | 'kept-other';

export interface RepositoryReport {
  /** The repository's top folder. */
  readonly root: string;
  readonly initialised: boolean;
  readonly committed: readonly string[];
  /** Why the commit failed, when it did; the files are then left staged. */
  readonly commitError?: string;
  readonly remote: RemoteOutcome;
  readonly branch: string;
}

/**
 * Makes `folder` ready for `git push azure`: a repository (created only when `folder` is not
 * already inside one), a commit of the files the run created and of nothing else, and the
 * `azure` remote when a URL is given and no `azure` remote exists. Never pushes.
 */
export async function prepareRepository(folder: string, request: RepositoryRequest): Promise<RepositoryReport> {
  const git = simpleGit({ baseDir: folder });
  await checkGitInstalled(git);
  let root = await repositoryRoot(git);
  const initialised = root === undefined;
  if (root === undefined) {
    await git.init();
    root = (await repositoryRoot(git)) ?? folder;
  }

  let committed: string[] = [];
  let commitError: string | undefined;
  if (request.commit && request.files.length > 0) {
    const files = [...request.files];
    await git.add(['--', ...files]);
    try {
      // `--` before every path and URL: none is ever read as an option.
      await git.raw(['commit', '-m', initialised ? 'Azure Python site' : 'Add Azure Python site files', '--', ...files]);
      committed = files;
    } catch (error) {
      commitError = firstLine((error as Error).message);
    }
  }

  let remote: RemoteOutcome = 'none';
  if (request.remote !== '') {
    const existing = (await git.getRemotes(true)).find(candidate => candidate.name === azureRemoteName);
    if (!existing) {
      await git.raw(['remote', 'add', '--', azureRemoteName, request.remote]);
      remote = 'added';
    } else if (existing.refs.push === request.remote || existing.refs.fetch === request.remote) {
      remote = 'unchanged';
    } else {
      remote = 'kept-other';
    }
  }

  const branch = (await git.raw(['symbolic-ref', '--short', 'HEAD'])).trim();
  return { root: path.resolve(root), initialised, committed, commitError, remote, branch };
}

/** git is not installed, or not on PATH. */
export class GitNotFoundError extends Error {
  constructor() {
    super('git is not installed, or not on PATH');
    this.name = 'GitNotFoundError';
  }
}

async function checkGitInstalled(git: SimpleGit): Promise<void> {
  try {
    await git.raw(['--version']);
  } catch (error) {
    if ((error as Error).message.includes('ENOENT')) throw new GitNotFoundError();
    throw error;
  }
}

/** The commands that do by hand what prepareRepository would have done. */
export function manualRepositoryCommands(request: RepositoryRequest): string[] {
  return [
    'git init',
    ...(request.commit && request.files.length > 0
      ? [`git add -- ${request.files.map(shellWord).join(' ')}`, 'git commit -m "Azure Python site"']
      : []),
    remoteAddCommand(request.remote || scmGitUrl('<site>')),
    `git push ${azureRemoteName} HEAD:${azureDeploymentBranch}`,
  ];
}

/** What to run when a commit failed: for a missing identity, how to set it first. */
export function commitRecoveryCommands(commitError: string): string[] {
  const identity = /identity unknown|tell me who you are|auto-detect email|useConfigOnly|empty ident/i.test(commitError);
  return [
    ...(identity ? ['git config --global user.name "Your Name"', 'git config --global user.email "you@example.com"'] : []),
    'git commit -m "Azure Python site"',
  ];
}

async function repositoryRoot(git: SimpleGit): Promise<string | undefined> {
  try {
    return (await git.revparse(['--show-toplevel'])).trim();
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? text;
}
