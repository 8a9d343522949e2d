import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { scmGitUrl } from '../azure/endpoints.js';
import { azureDeploymentBranch, azureRemoteName, commitCommands, remoteAddCommand } from './deploy.js';


export interface RepositoryRequest {
  /**
   * Files to commit, relative to `folder`: those the run created, and those it changed that
   * held no change of the user's before it (see cleanTrackedFiles). Never any other.
   */
  readonly files: readonly string[];
  /** --commit (true), --no-commit (false), or neither: commit unless `folder` is inside a repository whose top is another folder. */
  readonly commit: boolean | undefined;
  /** The files the deployment needs (the site's and the app's): those not committed after the run are named. */
  readonly needed?: readonly string[];
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
  /** Why nothing was staged or committed: git is in the middle of something of the user's. */
  readonly busy?: string;
  /** Files the run created that the user's .gitignore ignores: not committed. */
  readonly ignored: readonly string[];
  /** Files the deployment needs that are untracked or changed after the run: `git push` would not deploy them as they are. */
  readonly uncommitted: readonly string[];
  /** True when nothing was committed because the site is a subfolder of a repository, and --commit was not given. */
  readonly subfolderNotCommitted: boolean;
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
  let ignored: string[] = [];
  // A site in a subfolder of a repository of its own (a monorepo's, or this tool's clone) is not committed unasked.
  const ownRepository = path.resolve(root) === realFolder(folder);
  const commit = request.commit ?? (initialised || ownRepository);
  // A rebase, merge or cherry-pick of the user's is never added to: the commit waits for it.
  const busy = commit && request.files.length > 0 && !initialised ? await repositoryBusy(git, folder) : undefined;
  if (commit && request.files.length > 0 && busy === undefined) {
    ignored = await git.checkIgnore([...request.files]);
    // A file git already has as it is (the site's files on a re-run) is no part of a commit.
    const pending = await changedOrUntracked(git, request.files);
    const files = pending.filter(file => !ignored.includes(file));
    if (files.length > 0) await git.add(['--', ...files]);
    try {
      // `--` before every path and URL: none is ever read as an option.
      if (files.length > 0) await git.raw(['commit', '-m', initialised ? 'Azure Python site' : 'Add Azure Python site files', '--', ...files]);
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

  const branch = (await git.raw(['symbolic-ref', '--short', 'HEAD']).catch(() => 'HEAD')).trim();
  const uncommitted = request.needed?.length ? await changedOrUntracked(git, request.needed) : [];
  const subfolderNotCommitted = request.commit === undefined && !commit;
  return { root: path.resolve(root), initialised, committed, commitError, busy, ignored, uncommitted, subfolderNotCommitted, remote, branch };
}

/** `folder`, absolute, links resolved (git prints the top folder resolved). */
function realFolder(folder: string): string {
  return existsSync(folder) ? realpathSync(folder) : path.resolve(folder);
}

/** Of `files` (relative to the repository's working folder), those git has no clean copy of: untracked, or with changes. */
async function changedOrUntracked(git: SimpleGit, files: readonly string[]): Promise<string[]> {
  const present = files.filter(Boolean);
  if (present.length === 0) return [];
  const status = await git.raw(['status', '--porcelain', '--untracked-files=all', '--', ...present]);
  const listed = status
    .split('\n')
    .filter(line => line.length > 3)
    .map(line => line.slice(3).replace(/^"(.*)"$/, '$1'));
  // Paths are the repository's, relative to its top: matched by their ending.
  return present.filter(file => listed.some(entry => entry === file || entry.endsWith(`/${file}`)));
}

/**
 * Of `files` (relative to `folder`), those tracked by git with no change: a run that then
 * changes one of them changes only what it writes, and may commit it. Empty outside a repository.
 */
export async function cleanTrackedFiles(folder: string, files: readonly string[]): Promise<string[]> {
  if (files.length === 0) return [];
  try {
    const git = simpleGit({ baseDir: folder });
    const tracked = (await git.raw(['ls-files', '--', ...files])).split('\n').filter(Boolean);
    const changed = await changedOrUntracked(git, files);
    return files.filter(file => tracked.some(entry => entry === file || entry.endsWith(`/${file}`)) && !changed.includes(file));
  } catch {
    return [];
  }
}

// What git leaves in its folder while an operation of the user's is under way.
const operationsInProgress = [
  { file: 'rebase-merge', what: 'a rebase' },
  { file: 'rebase-apply', what: 'a rebase (or git am)' },
  { file: 'MERGE_HEAD', what: 'a merge' },
  { file: 'CHERRY_PICK_HEAD', what: 'a cherry-pick' },
  { file: 'REVERT_HEAD', what: 'a revert' },
  { file: 'BISECT_LOG', what: 'a bisect' },
  { file: 'index.lock', what: 'another git command (its index.lock is there)' },
];

/** Why a commit now would mix into the user's work, or undefined: an operation under way, or no branch checked out. */
async function repositoryBusy(git: SimpleGit, folder: string): Promise<string | undefined> {
  for (const { file, what } of operationsInProgress) {
    const location = path.resolve(folder, (await git.raw(['rev-parse', '--git-path', file])).trim());
    if (existsSync(location)) return `the repository is in the middle of ${what}`;
  }
  const branch = await git.raw(['symbolic-ref', '-q', 'HEAD']).catch(() => '');
  return branch.trim() === '' ? 'HEAD is detached: no branch is checked out' : undefined;
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

/** The commands that do by hand what prepareRepository would have done (in a repository that exists: no `git init`). */
export function manualRepositoryCommands(request: RepositoryRequest, inRepository = false): string[] {
  return [
    ...(inRepository ? [] : ['git init']),
    ...(request.commit !== false && request.files.length > 0
      ? commitCommands(request.files, 'Azure Python site')
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
  } catch (error) {
    // Only outside a repository is a new one made: git refusing this one (dubious ownership) is no reason to.
    if (/not a git repository/i.test((error as Error).message)) return undefined;
    throw new GitRefusedError(firstLine((error as Error).message));
  }
}

/** git refuses to work in the folder (a repository owned by another user, say): the site is written, git is the user's step. */
export class GitRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`git refused to work here (${reason})`);
    this.name = 'GitRefusedError';
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? text;
}
