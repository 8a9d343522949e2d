/** How a site deploys by git: the remote's name and the branch Azure builds. */
export const azureRemoteName = 'azure';

/** The branch Azure's deployment (Kudu) builds unless DEPLOYMENT_BRANCH says otherwise. */
export const azureDeploymentBranch = 'master';

/** `value` as one word for a POSIX shell, for the commands the generators print: quoted unless it is plain. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_./@%+=,-]+$/.test(value) && !value.startsWith('-') ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

/** `git remote add azure '<url>'`: the URL always quoted, so that it is pasted as one word whatever it holds. */
export function remoteAddCommand(url: string): string {
  return `git remote add ${azureRemoteName} '${url.replaceAll("'", "'\\''")}'`;
}

/** The push that deploys: Azure builds `master`, whatever the local branch is called. */
export function pushCommand(branch: string): string {
  return branch === azureDeploymentBranch
    ? `git push ${azureRemoteName} ${branch}`
    : `git push ${azureRemoteName} ${branch}:${azureDeploymentBranch}`;
}

/** The two commands that commit `files` by hand. */
export function commitCommands(files: readonly string[], message = 'Add Azure Python site files'): string[] {
  return [`git add -- ${files.map(shellWord).join(' ')}`, `git commit -m "${message}"`];
}
