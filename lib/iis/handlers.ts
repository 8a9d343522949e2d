import type { Element } from '../xml/tree.js';

/**
 * What a handler of web.config runs, by its module: wfastcgi under FastCGI, HttpPlatformHandler,
 * or iisnode (Node.js). `python`: the handler is known to be a Python one, whatever its paths.
 */
export function handlerKind(handler: Element, python = false): 'fastcgi' | 'httpplatform' | 'iisnode' | undefined {
  const modules = (handler.getAttribute('modules') ?? '').toLowerCase();
  if (modules.includes('iisnode')) return 'iisnode';
  if (modules.includes('httpplatformhandler')) return 'httpplatform';
  // Another FastCGI application (PHP's) is no Python handler; ours, or one known to be, is whatever its paths.
  if (modules.includes('fastcgimodule') && (python || /wfastcgi|python/i.test(handler.getAttribute('scriptProcessor') ?? ''))) return 'fastcgi';
  return undefined;
}

/** The servers, in words. */
export const handlerLabels = { fastcgi: 'wfastcgi under FastCGI', httpplatform: 'HttpPlatformHandler', iisnode: 'iisnode (Node.js)' } as const;
