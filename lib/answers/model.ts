/**
 * What a site is, as answers: the leaf every domain module takes its input from. It imports
 * nothing, so that the question table, the catalog and the plans can all depend on it.
 */
export const hostNames = ['azure', 'iis', 'linux'] as const;
export type HostName = (typeof hostNames)[number];

export const serverNames = ['fastcgi', 'httpplatform'] as const;
export type Server = (typeof serverNames)[number];

export const frameworkNames = ['wsgi', 'flask', 'django', 'bottle', 'asgi'] as const;
export type FrameworkName = (typeof frameworkNames)[number];

/** The document's two ways to configure a site: a web.config in the site, or the Azure portal. */
export const configNames = ['webconfig', 'portal'] as const;
export type ConfigChoice = (typeof configNames)[number];

/** How requests reach Python: the document's URL Rewrite set-up, or its handler on every path. */
export const routingNames = ['rewrite', 'wildcard'] as const;
export type Routing = (typeof routingNames)[number];

/** Which files IIS serves itself under `rewrite` routing. */
export const serveFilesNames = ['existing', 'static-only'] as const;
export type ServeFiles = (typeof serveFilesNames)[number];

/** How the site is deployed besides `git push azure`: nothing more, or a GitHub Actions workflow. */
export const ciNames = ['none', 'github'] as const;
export type Ci = (typeof ciNames)[number];

export interface SiteAnswers {
  siteName: string;
  module: string;
  /** The folder the module lives in, relative to the site root and / separated: '.' for the site root. */
  moduleDir: string;
  framework: FrameworkName;
  callable: string;
  host: HostName;
  server: Server;
  python: string;
  /** python.exe of a Python the user installed, or '' for a `--python` row. */
  interpreter: string;
  /** That Python's wfastcgi.py, or ''. */
  wfastcgi: string;
  config: ConfigChoice;
  siteRoot: string;
  routing: Routing;
  /** The folder IIS serves directly, / separated, or '' for none. */
  staticDir: string;
  serveFiles: ServeFiles;
  /** wfastcgi's log file on the server, or '' for none. */
  wsgiLog: string;
  /** Request filtering that hides the site's private files. */
  harden: boolean;
  /** An ARM template that creates the site (azure/azuredeploy.json). */
  provision: boolean;
  /** A deploy workflow: `github` writes .github/workflows/azure-webapp.yml. */
  ci: Ci;
  git: boolean;
  /** The Azure git remote URL, or '' for none. */
  remote: string;
}

export type AnswerName = keyof SiteAnswers;

/** The answers a generator takes, from the const list of their names. */
export type AnswersOf<Names extends readonly AnswerName[]> = Pick<SiteAnswers, Names[number]>;
