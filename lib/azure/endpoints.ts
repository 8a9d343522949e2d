/** The API version of every Microsoft.Web resource and request the site's files use. */
export const webApiVersion = '2022-03-01';

/** The site's git remote on Azure (Kudu's local git), e.g. https://<user>@shop.scm.azurewebsites.net/shop.git. */
export function scmGitUrl(siteName: string, user = '<user>'): string {
  return `https://${user}@${siteName}.scm.azurewebsites.net/${siteName}.git`;
}
