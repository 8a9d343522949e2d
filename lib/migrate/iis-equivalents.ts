import type { Element } from '../xml/tree.js';
import { elementPath } from '../xml/dom.js';

/*
 * What becomes of each part of IIS's configuration on App Service on Linux, where no IIS runs:
 * the front end terminates TLS and forwards every request to gunicorn, which hands it to the
 * app. One row per element of system.webServer a site's web.config may have; `linux` is what
 * does its work there (or what to do instead), in words for MIGRATION.md.
 */
export interface IisEquivalent {
  /** The element's name under system.webServer (security/... for those under <security>). */
  readonly element: string;
  /** What takes its place on Linux. */
  readonly linux: string;
  /** Whether the migration itself carries it over (nothing left for the user to do). */
  readonly carried: boolean;
}

export const iisEquivalents: readonly IisEquivalent[] = [
  { element: 'handlers', linux: 'gunicorn runs the app, from the startup command: no handler mapping', carried: true },
  { element: 'httpPlatform', linux: 'gunicorn runs the app, from the startup command, on the port App Service gives in PORT', carried: true },
  { element: 'fastCgi', linux: "gunicorn's workers (WEB_CONCURRENCY, by plan) and --timeout (under the front end's 230 s) take the FastCGI application's process and time limits", carried: true },
  { element: 'rewrite', linux: 'no URL Rewrite: each rule is listed under "URL Rewrite rules" with what becomes of it', carried: false },
  { element: 'staticContent', linux: "WhiteNoise serves the static folders with Python's mimetypes types: a <mimeMap> IIS needed for a type Python knows needs nothing; add others with mimetypes.add_type in linux_app.py. A <clientCache> age is WhiteNoise's max_age", carried: false },
  { element: 'defaultDocument', linux: "the app answers the folders' URLs; WhiteNoise's index_file=True serves index.html for a static folder's URL", carried: false },
  { element: 'directoryBrowse', linux: 'nothing lists a folder: neither gunicorn nor WhiteNoise does', carried: true },
  { element: 'security/requestFiltering', linux: 'not needed for the site\'s private files: gunicorn serves only what the app answers, and WhiteNoise only the static folders (which must hold nothing private). Request limits (maxAllowedContentLength, maxUrl) are the app\'s to enforce (Django: DATA_UPLOAD_MAX_MEMORY_SIZE; Flask: MAX_CONTENT_LENGTH)', carried: false },
  { element: 'security/ipSecurity', linux: 'App Service access restrictions: az webapp config access-restriction add -g <resource-group> -n <site> --rule-name ... --action Allow --ip-address <range> --priority 100', carried: false },
  { element: 'security/authentication', linux: "App Service's built-in authentication (az webapp auth update), or the app's own sign-in: IIS's Windows and Basic authentication have no Linux equivalent", carried: false },
  { element: 'security/authorization', linux: "the app's own checks, or App Service's built-in authentication with its allowed identities", carried: false },
  { element: 'security/access', linux: 'App Service gives HTTPS only (httpsOnly in the template); client certificates: az webapp update --client-cert-enabled true, read by the app from X-ARR-ClientCert', carried: false },
  { element: 'httpErrors', linux: "the app's own error pages: Flask's @app.errorhandler(404), Django's handler404 and 500.html, Bottle's @error(404). A 502/503 from the platform itself cannot be replaced", carried: false },
  { element: 'httpProtocol', linux: "the app sets its headers (a middleware, or Flask's after_request); WhiteNoise's add_headers_function for static files. HSTS and the server header are the front end's", carried: false },
  { element: 'httpRedirect', linux: "a redirect in the app (Flask's redirect, Django's RedirectView), or httpsOnly for HTTP to HTTPS", carried: false },
  { element: 'httpCompression', linux: "the app compresses its responses if it must (Flask-Compress, Django's GZipMiddleware); WhiteNoise serves the static folders' .gz and .br copies", carried: false },
  { element: 'urlCompression', linux: "the app compresses its responses if it must (Flask-Compress, Django's GZipMiddleware); WhiteNoise serves the static folders' .gz and .br copies", carried: false },
  { element: 'caching', linux: "no output cache: the app's own cache (Flask-Caching, Django's cache framework), or Azure Front Door", carried: false },
  { element: 'modules', linux: 'custom IIS modules have no Linux equivalent: their work moves into the app (a WSGI middleware) or to Azure Front Door / Application Gateway', carried: false },
  { element: 'applicationInitialization', linux: 'Always On (set where the plan has it) and the health check keep the site warm', carried: true },
  { element: 'webSocket', linux: "gunicorn's sync workers serve no WebSockets: an ASGI app under uvicorn workers (-k uvicorn.workers.UvicornWorker) does, with web sockets on (az webapp config set --web-sockets-enabled true)", carried: false },
  { element: 'aspNetCore', linux: 'not a Python handler: an ASP.NET Core app is a site of its own on Linux', carried: false },
  { element: 'iisnode', linux: 'not a Python handler: a Node.js app is a site of its own on Linux', carried: false },
  { element: 'validation', linux: 'nothing: it only quiets IIS\'s integrated-mode checks', carried: true },
  { element: 'serverRuntime', linux: "gunicorn's own limits (--limit-request-line, --limit-request-fields) and the front end's", carried: false },
  { element: 'tracing', linux: 'App Service logs: az webapp log config --application-logging filesystem, then az webapp log tail', carried: false },
  { element: 'httpLogging', linux: 'App Service logs: az webapp log config --web-server-logging filesystem (gunicorn writes its access log with --access-logfile -)', carried: false },
];

/** The row for `element` (a child of system.webServer, or of its <security>), if the table has one. */
export function iisEquivalentOf(element: Element): IisEquivalent | undefined {
  return iisEquivalents.find(row => row.element === element.nodeName || row.element === `security/${element.nodeName}`);
}

/** The elements a site's system.webServer has, <security>'s children each on their own, with where each is. */
export function iisSettingsOf(elements: readonly Element[]): { element: Element; name: string; where: string }[] {
  return elements.flatMap(element => {
    if (element.nodeName !== 'security') return [{ element, name: element.nodeName, where: elementPath(element) }];
    return Array.from(element.childNodes)
      .filter((node): node is Element => node.nodeType === 1)
      .map(child => ({ element: child, name: `security/${child.nodeName}`, where: elementPath(child) }));
  });
}
