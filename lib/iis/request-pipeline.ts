import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Document, Element } from '../xml/tree.js';
import { iisDefaultDeniedExtensions, iisDefaultDocuments, iisDefaultHiddenSegments, iisDefaultMimeTypes } from '../catalog/iis-defaults.js';
import { children, first } from '../xml/dom.js';
import { parseXmlText } from '../xml/text.js';

/**
 * What IIS does with a request of `url` in a site folder, following the site's web.config files
 * the way IIS's modules do, in their order: request filtering (IIS's default hidden segments and
 * denied file extensions, as the site changes them), then URL Rewrite's distributed rules (ECMAScript and Wildcard patterns; IsFile,
 * IsDirectory and Pattern conditions, MatchAll or MatchAny; {R:n}, {C:n} and the server
 * variables HTTPS, HTTP_HOST, QUERY_STRING, REQUEST_URI; None, Rewrite, Redirect,
 * CustomResponse and AbortRequest actions), then the first handler whose path and verb
 * match (FastCGI, HttpPlatformHandler, StaticFile), with each folder's own web.config
 * applied to the handler list; the static file handler serves a folder's default document and
 * only the types of the MIME map (IIS's defaults, changed by <staticContent>). A model of the
 * parts generated and real sites use, not all of IIS.
 */
export type Outcome =
  | { kind: 'refused'; status: '404.7' | '404.8' | '403.14' }
  /**
   * A handler that runs Python: `url` is the path it is given (after URL Rewrite), `scriptName`
   * the part of it the handler's path matched (IIS's SCRIPT_NAME), `pathInfo` what the app sees
   * as its path (wfastcgi takes the original URL after a rewrite; HttpPlatformHandler forwards
   * the request as sent).
   */
  | { kind: 'python'; pathInfo: string; url: string; scriptName: string; handler: string; server: 'fastcgi' | 'httpplatform' }
  | { kind: 'file'; file: string; mimeType: string }
  | { kind: 'not found'; status: '404.0' | '404.3' }
  /** A URL Rewrite Redirect action: its status (redirectType) and the Location sent. */
  | { kind: 'redirect'; status: number; location: string }
  /** A URL Rewrite CustomResponse action: its statusCode(.subStatusCode). */
  | { kind: 'custom response'; status: string }
  /** A URL Rewrite AbortRequest action: the connection is dropped, nothing is answered. */
  | { kind: 'aborted' };

/** The request besides its URL: whether it came over HTTPS (App Service's front end ends TLS: {HTTPS} is on), its Host and its verb. */
export interface RequestContext {
  readonly https?: boolean;
  readonly host?: string;
  readonly verb?: string;
  /** Handler mappings of the site that are not in web.config: the portal's (Option 1), after web.config's own. */
  readonly siteHandlers?: readonly HandlerMapping[];
}

/** A handler mapping, as web.config's <handlers><add> (or the portal's path mappings) write it. */
export interface HandlerMapping {
  readonly name: string;
  readonly path: string;
  readonly verb: string;
  readonly modules: string;
  readonly resourceType: string;
}

/**
 * What IIS does with `url`. `trail`, when given, receives what decided it, step by step, in
 * words (`hidden segment .yo-rc.json`, `rewrite "Configure Python" -> /handler.fcgi/a`,
 * `handler PythonHandler (FastCgiModule)`, `static text/css`).
 */
export function requestOutcome(site: string, url: string, request: RequestContext = {}, trail: string[] = []): Outcome {
  const root = readConfig(site, 'web.config');
  const urlPath = decodedPath(resolvedPath(url));
  const segments = urlPath.split('/').filter(segment => segment !== '');

  const filtering = root && first(root, 'requestFiltering');
  const hidden = new Set(changedList(iisDefaultHiddenSegments, filtering && first(filtering, 'hiddenSegments'), 'segment'));
  const hiddenSegment = segments.find(segment => hidden.has(segment.toLowerCase()));
  if (hiddenSegment !== undefined) {
    trail.push(`hidden segment ${hiddenSegment}`);
    return { kind: 'refused', status: '404.8' };
  }
  const extensions = filtering && first(filtering, 'fileExtensions');
  const denied = new Set(changedList(iisDefaultDeniedExtensions, extensions, 'fileExtension', add => add.getAttribute('allowed') === 'false'));
  const allowed = new Set(extensions ? children(extensions, 'add').filter(add => add.getAttribute('allowed') !== 'false').map(add => (add.getAttribute('fileExtension') ?? '').toLowerCase()) : []);
  const extension = iisExtension(segments.at(-1) ?? '');
  const unlistedRefused = extensions?.getAttribute('allowUnlisted') === 'false' && !allowed.has(extension);
  if ((extension && denied.has(extension)) || unlistedRefused) {
    trail.push(`denied file extension ${extension || '(none)'}`);
    return { kind: 'refused', status: '404.7' };
  }

  const variables = { https: request.https ?? true, host: request.host ?? 'localhost', query: /\?(.*)$/.exec(url)?.[1] ?? '' };
  const rewritten = root ? rewrite(site, root, urlPath, variables, trail) : urlPath;
  return typeof rewritten === 'string' ? dispatch(site, root, rewritten, urlPath, request, trail) : rewritten;
}

/**
 * A URL's path with its . and .. segments resolved (%2e too), never above the site's root, as
 * HTTP.sys does before IIS sees the request: no URL reaches a file outside the site. Still
 * percent-encoded: what URL Rewrite keeps as the original URL (HTTP_X_ORIGINAL_URL).
 */
export function resolvedPath(url: string): string {
  const urlPath = url.replace(/\?.*$/, '');
  const kept: string[] = [];
  for (const segment of urlPath.split('/')) {
    const dots = segment.replace(/%2e/gi, '.');
    if (dots === '..') kept.pop();
    else if (dots !== '.' && segment !== '') kept.push(segment);
  }
  return `/${kept.join('/')}${urlPath.endsWith('/') && kept.length > 0 ? '/' : ''}`;
}

/**
 * The path IIS's modules see: each segment percent-decoded (/a%20b.css names "a b.css"). A
 * segment that would decode to a separator, or does not decode, stays as it came.
 */
function decodedPath(urlPath: string): string {
  return urlPath
    .split('/')
    .map(segment => {
      try {
        const decoded = decodeURIComponent(segment);
        return /[/\\\0]/.test(decoded) ? segment : decoded;
      } catch {
        return segment;
      }
    })
    .join('/');
}

/**
 * A request filtering list after a web.config changed IIS's defaults: <clear/> empties it,
 * <remove> takes one out, an <add> (that `adds` accepts) puts one in. Lower case: IIS compares
 * without regard to case.
 */
function changedList(defaults: readonly string[], section: Element | undefined, attribute: string, adds: (add: Element) => boolean = () => true): string[] {
  let list = defaults.map(value => value.toLowerCase());
  for (const element of section ? elementsOf(section) : []) {
    const value = (element.getAttribute(attribute) ?? '').toLowerCase();
    if (element.nodeName === 'clear') list = [];
    else if (element.nodeName === 'remove') list = list.filter(entry => entry !== value);
    else if (element.nodeName === 'add' && adds(element)) list.push(value);
  }
  return list;
}

/** The server variables a rule's conditions and targets read, for one request. */
interface ServerVariables {
  readonly https: boolean;
  readonly host: string;
  readonly query: string;
}

/**
 * URL Rewrite's distributed rules, in order: the match (ECMAScript, or Wildcard with
 * patternSyntax), the conditions (MatchAll or MatchAny, each back-reference {C:n} taken from
 * the last that matched), then the action. A Rewrite changes the path the handlers see (and
 * goes on unless stopProcessing); Redirect, CustomResponse and AbortRequest end the request.
 */
function rewrite(site: string, config: Document, urlPath: string, variables: ServerVariables, trail: string[]): string | Outcome {
  const rules = first(config, 'rules');
  if (!rules) return urlPath;
  for (const rule of children(rules, 'rule')) {
    if (rule.getAttribute('enabled') === 'false') continue;
    const input = urlPath.replace(/^\//, '');
    const match = children(rule, 'match')[0];
    const ignoreCase = match?.getAttribute('ignoreCase') !== 'false';
    const found = rulePattern(rule, match?.getAttribute('url') ?? '.*', ignoreCase).exec(input);
    if ((found !== null) === (match?.getAttribute('negate') === 'true')) continue;
    const conditions = conditionsHold(site, rule, urlPath, variables, found);
    if (!conditions) continue;
    const action = children(rule, 'action')[0];
    const type = action?.getAttribute('type') ?? 'None';
    const expand = (text: string) => expandReferences(text, urlPath, variables, found, conditions.captures);
    const withQuery = (target: string) => (action?.getAttribute('appendQueryString') !== 'false' && variables.query && !target.includes('?') ? `${target}?${variables.query}` : target);
    const name = JSON.stringify(rule.getAttribute('name') ?? '');
    if (type === 'Redirect') {
      const status = { Permanent: 301, Found: 302, SeeOther: 303, Temporary: 307 }[action!.getAttribute('redirectType') ?? 'Permanent'] ?? 301;
      const location = withQuery(expand(action!.getAttribute('url') ?? ''));
      trail.push(`redirect ${name} ${status} -> ${location}`);
      return { kind: 'redirect', status, location };
    }
    if (type === 'CustomResponse') {
      const sub = action!.getAttribute('subStatusCode');
      const status = `${action!.getAttribute('statusCode') ?? '200'}${sub && sub !== '0' ? `.${sub}` : ''}`;
      trail.push(`custom response ${name} ${status}`);
      return { kind: 'custom response', status };
    }
    if (type === 'AbortRequest') {
      trail.push(`abort request ${name}`);
      return { kind: 'aborted' };
    }
    let result = urlPath;
    if (type === 'Rewrite') {
      result = `/${expand(action!.getAttribute('url')!).replace(/^\//, '')}`;
      trail.push(`rewrite ${name} -> ${result}`);
    } else if (type === 'None') trail.push(`rule ${name} (no action)`);
    else throw new Error(`the model does not know action type ${type}`);
    if (rule.getAttribute('stopProcessing') === 'true') return result;
    urlPath = result;
  }
  return urlPath;
}

/** A rule's pattern: ECMAScript as written, or a Wildcard one (* any run, ? one character) matched whole. */
function rulePattern(rule: Element, pattern: string, ignoreCase: boolean): RegExp {
  const syntax = rule.getAttribute('patternSyntax') ?? 'ECMAScript';
  if (syntax !== 'Wildcard') return new RegExp(pattern, ignoreCase ? 'i' : '');
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '(.*)').replace(/\?/g, '(.)');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '');
}

/** A target or condition input with its references filled in: {R:n}, {C:n}, and the server variables IIS's rewrite module documents that the model knows. */
function expandReferences(text: string, urlPath: string, variables: ServerVariables, rule: RegExpExecArray | null, condition: readonly string[] | undefined): string {
  const known: Record<string, string> = {
    HTTPS: variables.https ? 'on' : 'off',
    HTTP_HOST: variables.host,
    SERVER_PORT: variables.https ? '443' : '80',
    QUERY_STRING: variables.query,
    REQUEST_URI: variables.query ? `${urlPath}?${variables.query}` : urlPath,
    URL: urlPath,
    PATH_INFO: urlPath,
  };
  return text
    .replace(/\{R:(\d+)\}/g, (_, index: string) => rule?.[Number(index)] ?? '')
    .replace(/\{C:(\d+)\}/g, (_, index: string) => condition?.[Number(index)] ?? '')
    .replace(/\{([A-Z_]+)\}/gi, (whole, name: string) => known[name.toUpperCase()] ?? whole);
}

/** Whether the rule's conditions hold for the request, with the captures of the last Pattern condition that matched ({C:n}); undefined when they do not. */
function conditionsHold(site: string, rule: Element, urlPath: string, variables: ServerVariables, found: RegExpExecArray | null): { captures?: string[] } | undefined {
  const conditions = children(rule, 'conditions')[0];
  if (!conditions) return {};
  const matchAny = conditions.getAttribute('logicalGrouping') === 'MatchAny';
  let captures: string[] | undefined;
  const results = children(conditions, 'add').map(condition => {
    const raw = condition.getAttribute('input') ?? '';
    const input = raw.includes('{REQUEST_FILENAME}')
      ? raw.replace('{REQUEST_FILENAME}', path.join(site, urlPath))
      : expandReferences(raw, urlPath, variables, found, captures);
    const type = condition.getAttribute('matchType') ?? 'Pattern';
    let holds: boolean;
    if (type === 'IsFile') holds = existsSync(input) && statSync(input).isFile();
    else if (type === 'IsDirectory') holds = existsSync(input) && statSync(input).isDirectory();
    else {
      const matched = rulePattern(rule, condition.getAttribute('pattern') ?? '.*', condition.getAttribute('ignoreCase') !== 'false').exec(input);
      if (matched && condition.getAttribute('negate') !== 'true') captures = [...matched];
      holds = matched !== null;
    }
    return holds !== (condition.getAttribute('negate') === 'true');
  });
  const hold = matchAny ? results.some(Boolean) : results.every(Boolean);
  return hold ? { captures } : undefined;
}

/**
 * The handler IIS picks for `finalPath`: the first of the folder's handler list whose path
 * matches. The list is the site's, changed by each folder's web.config on the way down as
 * IIS merges the collection: <clear/> empties it, <remove> takes one out by name, and a
 * folder's own <add>s come before what it inherits (the schema's mergeAppend="false").
 */
function dispatch(site: string, root: Document | undefined, finalPath: string, originalPath: string, request: RequestContext, trail: string[]): Outcome {
  const segments = finalPath.split('/').filter(segment => segment !== '');
  const configs = folderConfigs(site, root, segments);
  let handlers: HandlerMapping[] = [];
  for (const [depth, config] of configs.entries()) {
    const list = first(config, 'handlers');
    if (!list) continue;
    if (depth === 0) {
      handlers = children(list, 'add').map(handlerMapping);
      continue;
    }
    const added: HandlerMapping[] = [];
    for (const element of elementsOf(list)) {
      if (element.nodeName === 'clear') handlers = [];
      else if (element.nodeName === 'remove') handlers = handlers.filter(handler => handler.name !== element.getAttribute('name'));
      else if (element.nodeName === 'add') added.push(handlerMapping(element));
    }
    handlers = [...added, ...handlers];
  }
  const verb = (request.verb ?? 'GET').toUpperCase();
  for (const handler of [...handlers, ...(request.siteHandlers ?? [])]) {
    if (handler.verb !== '*' && !handler.verb.split(',').some(allowed => allowed.trim().toUpperCase() === verb)) continue;
    // A handler path names the URL's first file segment: handler.fcgi/a/b runs handler.fcgi with PATH_INFO /a/b.
    const index = handler.path === '*' ? segments.length - 1 : segments.findIndex(segment => matchesHandlerPath(segment, handler.path));
    if (index < 0 && handler.path !== '*') continue;
    if (handler.resourceType !== 'Unspecified') {
      const file = path.join(site, ...segments.slice(0, index + 1));
      if (!existsSync(file)) {
        trail.push(`handler ${handler.name} needs ${segments.slice(0, index + 1).join('/') || '/'} to exist (resourceType ${handler.resourceType})`);
        return { kind: 'not found', status: '404.0' };
      }
    }
    const server = handler.modules === 'FastCgiModule' ? 'fastcgi' : handler.modules.toLowerCase() === 'httpplatformhandler' ? 'httpplatform' : undefined;
    if (server) {
      trail.push(`handler ${handler.name} (${handler.modules})`);
      // wfastcgi takes PATH_INFO from the original URL after a rewrite (HTTP_X_ORIGINAL_URL);
      // HttpPlatformHandler forwards the request, as the client sent it, to the server it started.
      const scriptName = `/${segments.slice(0, Math.max(index, 0) + 1).join('/')}`;
      return { kind: 'python', pathInfo: originalPath, url: finalPath, scriptName: handler.path === '*' ? finalPath : scriptName, handler: handler.name, server };
    }
    if (handler.modules.includes('StaticFileModule')) return staticFile(site, configs, segments, trail);
  }
  // IIS's own last handler, StaticFile, from the server's configuration.
  return staticFile(site, configs, segments, trail);
}

function handlerMapping(add: Element): HandlerMapping {
  return {
    name: add.getAttribute('name') ?? '',
    path: add.getAttribute('path') ?? '',
    verb: add.getAttribute('verb') ?? '*',
    modules: add.getAttribute('modules') ?? '',
    resourceType: add.getAttribute('resourceType') ?? 'Unspecified',
  };
}

/** The web.config files that apply to a URL's segments: the site's, then each folder's on the way down. */
function folderConfigs(site: string, root: Document | undefined, segments: readonly string[]): Document[] {
  const configs = root ? [root] : [];
  for (let depth = 1; depth <= segments.length; depth++) {
    const folder = path.join(site, ...segments.slice(0, depth));
    if (!existsSync(folder) || !statSync(folder).isDirectory()) break;
    const config = readConfig(site, path.join(...segments.slice(0, depth), 'web.config'));
    if (config) configs.push(config);
  }
  return configs;
}

function elementsOf(parent: Element): Element[] {
  return Array.from(parent.childNodes).filter((node): node is Element => node.nodeType === 1);
}

/**
 * IIS's static file handler: a folder is answered with its first default document (403.14
 * without one, directory listing being off), a file with its type from the MIME map (404.3 for
 * a type the map lacks). Both lists start as IIS's defaults and each web.config changes them.
 */
function staticFile(site: string, configs: readonly Document[], segments: string[], trail: string[]): Outcome {
  const target = path.join(site, ...segments);
  if (existsSync(target) && statSync(target).isDirectory()) {
    const documents = new Map(iisDefaultDocuments.map(name => [name.toLowerCase(), name]));
    let enabled = true;
    for (const config of configs) {
      const section = first(config, 'defaultDocument');
      if (!section) continue;
      if (section.hasAttribute('enabled')) enabled = section.getAttribute('enabled') === 'true';
      const files = first(section, 'files');
      for (const element of files ? elementsOf(files) : []) {
        const value = element.getAttribute('value') ?? '';
        if (element.nodeName === 'clear') documents.clear();
        else if (element.nodeName === 'remove') documents.delete(value.toLowerCase());
        else if (element.nodeName === 'add') documents.set(value.toLowerCase(), value);
      }
    }
    const entries = readdirSync(target).map(entry => entry.toLowerCase());
    const found = enabled ? [...documents.keys()].find(name => entries.includes(name)) : undefined;
    if (!found) {
      trail.push('a folder without a default document (directory browsing is off)');
      return { kind: 'refused', status: '403.14' };
    }
    const document = readdirSync(target).find(entry => entry.toLowerCase() === found)!;
    trail.push(`default document ${document}`);
    return staticFile(site, configs, [...segments, document], trail);
  }
  if (!existsSync(target) || !statSync(target).isFile()) {
    trail.push('static: no such file');
    return { kind: 'not found', status: '404.0' };
  }
  const mimeType = mimeTypeOf(configs, target);
  trail.push(mimeType === undefined ? `static: ${iisExtension(target) || 'a name without an extension'} is not in the MIME map` : `static ${mimeType}`);
  return mimeType === undefined ? { kind: 'not found', status: '404.3' } : { kind: 'file', file: segments.join('/'), mimeType };
}

/**
 * The type IIS's static file handler serves a site's file (relative, / separated) as; undefined:
 * a 404.3. `root`: the site's web.config, when the caller has read it already.
 */
export function staticMimeType(site: string, relative: string, root: Document | undefined = readConfig(site, 'web.config')): string | undefined {
  return mimeTypeOf(folderConfigs(site, root, relative.split('/')), relative);
}

function mimeTypeOf(configs: readonly Document[], file: string): string | undefined {
  const mimeTypes = new Map(iisDefaultMimeTypes);
  for (const config of configs) {
    const section = first(config, 'staticContent');
    if (!section) continue;
    for (const element of elementsOf(section)) {
      const extension = (element.getAttribute('fileExtension') ?? '').toLowerCase();
      if (element.nodeName === 'clear') mimeTypes.clear();
      else if (element.nodeName === 'remove') mimeTypes.delete(extension);
      else if (element.nodeName === 'mimeMap') mimeTypes.set(extension, element.getAttribute('mimeType') ?? '');
    }
  }
  return mimeTypes.get(iisExtension(file));
}

/** A file name's extension as IIS reads it, lower case: from its last dot, a leading one too (.env's is .env). */
function iisExtension(file: string): string {
  const name = path.basename(file);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

function matchesHandlerPath(segment: string, handlerPath: string): boolean {
  if (handlerPath.startsWith('*.')) return segment.toLowerCase().endsWith(handlerPath.slice(1).toLowerCase());
  return segment.toLowerCase() === handlerPath.toLowerCase();
}

function readConfig(site: string, relative: string): Document | undefined {
  const file = path.join(site, relative);
  return existsSync(file) ? parseXmlText(readFileSync(file, 'utf8'), relative).document : undefined;
}
