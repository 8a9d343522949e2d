import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

export const azureRemoteName = 'azure';

/** The branch Azure's deployment (Kudu) builds unless DEPLOYMENT_BRANCH says otherwise. */
export const azureDeploymentBranch = 'master';

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
      await git.commit(initialised ? 'Azure Python site' : 'Add Azure Python site files', files);
      committed = files;
    } catch (error) {
      commitError = firstLine((error as Error).message);
    }
  }

  let remote: RemoteOutcome = 'none';
  if (request.remote !== '') {
    const existing = (await git.getRemotes(true)).find(candidate => candidate.name === azureRemoteName);
    if (!existing) {
      await git.addRemote(azureRemoteName, request.remote);
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

/** The push that deploys: Azure builds `master`, whatever the local branch is called. */
export function pushCommand(branch: string): string {
  return branch === azureDeploymentBranch
    ? `git push ${azureRemoteName} ${branch}`
    : `git push ${azureRemoteName} ${branch}:${azureDeploymentBranch}`;
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
