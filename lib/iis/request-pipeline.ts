import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Document, Element } from '../xml/tree.js';
import { iisDefaultDocuments, iisDefaultMimeTypes } from '../catalog/iis-defaults.js';
import { children, first, items } from '../xml/dom.js';
import { parseXmlText } from '../xml/text.js';

/**
 * What IIS does with a GET of `url` in a site folder, following the site's web.config files
 * the way IIS's modules do, in their order: request filtering (hidden segments, denied file
 * extensions), then URL Rewrite's distributed rules (ECMAScript patterns; IsFile, IsDirectory
 * and Pattern conditions; None and Rewrite actions), then the first handler whose path
 * matches (FastCGI, HttpPlatformHandler, StaticFile), with each folder's own web.config
 * applied to the handler list; the static file handler serves a folder's default document and
 * only the types of the MIME map (IIS's defaults, changed by <staticContent>). A model of the
 * parts generated and real sites use, not all of IIS.
 */
export type Outcome =
  | { kind: 'refused'; status: '404.7' | '404.8' | '403.14' }
  | { kind: 'python'; pathInfo: string }
  | { kind: 'file'; file: string; mimeType: string }
  | { kind: 'not found'; status: '404.0' | '404.3' };

export function requestOutcome(site: string, url: string): Outcome {
  const root = readConfig(site, 'web.config');
  const urlPath = url.replace(/\?.*$/, '');
  const segments = urlPath.split('/').filter(segment => segment !== '');

  const filtering = root && first(root, 'requestFiltering');
  if (filtering) {
    const hidden = items(filtering, 'hiddenSegments', 'add').map(add => add.getAttribute('segment')!.toLowerCase());
    if (segments.some(segment => hidden.includes(segment.toLowerCase()))) return { kind: 'refused', status: '404.8' };
    const denied = items(filtering, 'fileExtensions', 'add')
      .filter(add => add.getAttribute('allowed') === 'false')
      .map(add => add.getAttribute('fileExtension')!.toLowerCase());
    const extension = path.extname(segments.at(-1) ?? '').toLowerCase();
    if (extension && denied.includes(extension)) return { kind: 'refused', status: '404.7' };
  }

  const finalPath = root ? rewrite(site, root, urlPath) : urlPath;
  return dispatch(site, root, finalPath, urlPath);
}

function rewrite(site: string, config: Document, urlPath: string): string {
  const rules = first(config, 'rules');
  if (!rules) return urlPath;
  const input = urlPath.replace(/^\//, '');
  for (const rule of children(rules, 'rule')) {
    if (rule.getAttribute('enabled') === 'false') continue;
    const match = children(rule, 'match')[0];
    const ignoreCase = match?.getAttribute('ignoreCase') !== 'false';
    const found = new RegExp(match?.getAttribute('url') ?? '.*', ignoreCase ? 'i' : '').exec(input);
    if ((found !== null) === (match?.getAttribute('negate') === 'true')) continue;
    if (!conditionsHold(site, rule, urlPath)) continue;
    const action = children(rule, 'action')[0];
    const type = action?.getAttribute('type') ?? 'None';
    let result = urlPath;
    if (type === 'Rewrite') {
      const target = action!.getAttribute('url')!.replace(/\{R:(\d+)\}/g, (_, index: string) => found?.[Number(index)] ?? '');
      result = `/${target}`;
    } else if (type !== 'None') {
      throw new Error(`the model does not know action type ${type}`);
    }
    if (rule.getAttribute('stopProcessing') === 'true') return result;
    urlPath = result;
  }
  return urlPath;
}

function conditionsHold(site: string, rule: Element, urlPath: string): boolean {
  const conditions = children(rule, 'conditions')[0];
  if (!conditions) return true;
  const matchAny = conditions.getAttribute('logicalGrouping') === 'MatchAny';
  const results = children(conditions, 'add').map(condition => {
    const input = condition
      .getAttribute('input')!
      .replace('{REQUEST_FILENAME}', path.join(site, decodeURIComponent(urlPath)))
      .replace('{REQUEST_URI}', urlPath);
    const type = condition.getAttribute('matchType') ?? 'Pattern';
    let holds: boolean;
    if (type === 'IsFile') holds = existsSync(input) && statSync(input).isFile();
    else if (type === 'IsDirectory') holds = existsSync(input) && statSync(input).isDirectory();
    else holds = new RegExp(condition.getAttribute('pattern')!, condition.getAttribute('ignoreCase') === 'false' ? '' : 'i').test(input);
    return holds !== (condition.getAttribute('negate') === 'true');
  });
  return matchAny ? results.some(Boolean) : results.every(Boolean);
}

/**
 * The handler IIS picks for `finalPath`: the first of the folder's handler list whose path
 * matches. The list is the site's, changed by each folder's web.config on the way down as
 * IIS merges the collection: <clear/> empties it, <remove> takes one out by name, and a
 * folder's own <add>s come before what it inherits (the schema's mergeAppend="false").
 */
function dispatch(site: string, root: Document | undefined, finalPath: string, originalPath: string): Outcome {
  const segments = finalPath.split('/').filter(segment => segment !== '');
  const configs = folderConfigs(site, root, segments);
  let handlers: Element[] = [];
  for (const [depth, config] of configs.entries()) {
    const list = first(config, 'handlers');
    if (!list) continue;
    if (depth === 0) {
      handlers = children(list, 'add');
      continue;
    }
    const added: Element[] = [];
    for (const element of elementsOf(list)) {
      if (element.nodeName === 'clear') handlers = [];
      else if (element.nodeName === 'remove') handlers = handlers.filter(handler => handler.getAttribute('name') !== element.getAttribute('name'));
      else if (element.nodeName === 'add') added.push(element);
    }
    handlers = [...added, ...handlers];
  }
  for (const handler of handlers) {
    const handlerPath = handler.getAttribute('path')!;
    const resourceType = handler.getAttribute('resourceType') ?? 'Unspecified';
    // A handler path names the URL's first file segment: handler.fcgi/a/b runs handler.fcgi with PATH_INFO /a/b.
    const index = handlerPath === '*' ? segments.length - 1 : segments.findIndex(segment => matchesHandlerPath(segment, handlerPath));
    if (index < 0 && handlerPath !== '*') continue;
    if (resourceType !== 'Unspecified') {
      const file = path.join(site, ...segments.slice(0, index + 1));
      if (!existsSync(file)) return { kind: 'not found', status: '404.0' };
    }
    const modules = handler.getAttribute('modules') ?? '';
    if (modules === 'FastCgiModule') {
      // wfastcgi takes PATH_INFO from the original URL after a rewrite (HTTP_X_ORIGINAL_URL).
      return { kind: 'python', pathInfo: originalPath };
    }
    // HttpPlatformHandler forwards the request, as the client sent it, to the server it started.
    if (modules.toLowerCase() === 'httpplatformhandler') return { kind: 'python', pathInfo: originalPath };
    if (modules.includes('StaticFileModule')) return staticFile(site, configs, segments);
  }
  // IIS's own last handler, StaticFile, from the server's configuration.
  return staticFile(site, configs, segments);
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
function staticFile(site: string, configs: readonly Document[], segments: string[]): Outcome {
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
    if (!found) return { kind: 'refused', status: '403.14' };
    return staticFile(site, configs, [...segments, readdirSync(target).find(entry => entry.toLowerCase() === found)!]);
  }
  if (!existsSync(target) || !statSync(target).isFile()) return { kind: 'not found', status: '404.0' };
  const mimeType = mimeTypeOf(configs, target);
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
  return mimeTypes.get(path.extname(file).toLowerCase());
}

function matchesHandlerPath(segment: string, handlerPath: string): boolean {
  if (handlerPath.startsWith('*.')) return segment.toLowerCase().endsWith(handlerPath.slice(1).toLowerCase());
  return segment.toLowerCase() === handlerPath.toLowerCase();
}

function readConfig(site: string, relative: string): Document | undefined {
  const file = path.join(site, relative);
  return existsSync(file) ? parseXmlText(readFileSync(file, 'utf8'), relative).document : undefined;
}
