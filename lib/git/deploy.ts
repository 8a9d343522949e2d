/** How a site deploys by git: the remote's name and the branch Azure builds. */
export const azureRemoteName = 'azure';

/** The branch Azure's deployment (Kudu) builds unless DEPLOYMENT_BRANCH says otherwise. */
export const azureDeploymentBranch = 'master';

/** The push that deploys: Azure builds `master`, whatever the local branch is called. */
export function pushCommand(branch: string): string {
  return branch === azureDeploymentBranch
    ? `git push ${azureRemoteName} ${branch}`
    : `git push ${azureRemoteName} ${branch}:${azureDeploymentBranch}`;
}
