import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Document, Element } from '@xmldom/xmldom';
import { children, first, items } from '../xml/dom.js';
import { parseXmlText } from '../xml/text.js';

/**
 * What IIS does with a GET of `url` in a site folder, following the site's web.config files
 * the way IIS's modules do, in their order: request filtering (hidden segments, denied file
 * extensions), then URL Rewrite's distributed rules (ECMAScript patterns; IsFile, IsDirectory
 * and Pattern conditions; None and Rewrite actions), then the first handler whose path
 * matches (FastCGI, HttpPlatformHandler, StaticFile), with each folder's own web.config
 * applied to the handler list. A model of the parts generated and real sites use, not all of IIS.
 */
export type Outcome =
  | { kind: 'refused'; status: '404.7' | '404.8' }
  | { kind: 'python'; pathInfo: string }
  | { kind: 'file'; file: string }
  | { kind: 'not found' };

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
  let handlers = root ? items(root, 'handlers', 'add') : [];
  for (let depth = 1; depth < segments.length; depth++) {
    const folderConfig = readConfig(site, path.join(...segments.slice(0, depth), 'web.config'));
    const list = folderConfig && first(folderConfig, 'handlers');
    if (!list) continue;
    const added: Element[] = [];
    for (const entry of Array.from(list.childNodes)) {
      if (entry.nodeType !== 1) continue;
      const element = entry as Element;
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
      if (!existsSync(file)) return { kind: 'not found' };
    }
    const modules = handler.getAttribute('modules') ?? '';
    if (modules === 'FastCgiModule') {
      // wfastcgi takes PATH_INFO from the original URL after a rewrite (HTTP_X_ORIGINAL_URL).
      return { kind: 'python', pathInfo: originalPath };
    }
    // HttpPlatformHandler forwards the request, as the client sent it, to the server it started.
    if (modules.toLowerCase() === 'httpplatformhandler') return { kind: 'python', pathInfo: originalPath };
    if (modules.includes('StaticFileModule')) return staticFile(site, segments);
  }
  // IIS's own last handler, StaticFile, from the server's configuration.
  return staticFile(site, segments);
}

function staticFile(site: string, segments: string[]): Outcome {
  const file = path.join(site, ...segments);
  if (!existsSync(file) || !statSync(file).isFile()) return { kind: 'not found' };
  // IIS's static file handler serves only types in its MIME map (404.3 otherwise).
  return withoutMimeType.includes(path.extname(file).toLowerCase()) ? { kind: 'not found' } : { kind: 'file', file: segments.join('/') };
}

// Extensions of site files that IIS's default MIME map does not list.
const withoutMimeType = ['', '.py', '.pyc', '.pyo', '.fcgi', '.config'];

function matchesHandlerPath(segment: string, handlerPath: string): boolean {
  if (handlerPath.startsWith('*.')) return segment.toLowerCase().endsWith(handlerPath.slice(1).toLowerCase());
  return segment.toLowerCase() === handlerPath.toLowerCase();
}

function readConfig(site: string, relative: string): Document | undefined {
  const file = path.join(site, relative);
  return existsSync(file) ? parseXmlText(readFileSync(file, 'utf8'), relative).document : undefined;
}
