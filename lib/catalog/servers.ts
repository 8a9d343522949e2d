import type { Server } from '../answers/model.js';
import { findRow } from './lookup.js';

/** How IIS runs Python, one row each: wfastcgi under the FastCGI module, or a Python web server under HttpPlatformHandler. */
export interface ServerRow {
  readonly name: Server;
  readonly label: string;
  /** The IIS module of the Python handler. */
  readonly handlerModule: 'FastCgiModule' | 'httpPlatformHandler';
  /** The Python web server the site installs and IIS starts, if it is not wfastcgi. */
  readonly pythonServer?: 'waitress';
}

export const servers: readonly ServerRow[] = [
  {
    name: 'fastcgi',
    label: 'fastcgi: IIS runs wfastcgi.py under FastCGI, which calls the WSGI callable (the classic set-up)',
    handlerModule: 'FastCgiModule',
  },
  {
    name: 'httpplatform',
    label: 'httpplatform: HttpPlatformHandler starts waitress and forwards every request to it',
    handlerModule: 'httpPlatformHandler',
    pythonServer: 'waitress',
  },
];

export function findServer(name: Server): ServerRow {
  return findRow(servers, 'name', name, 'server');
}
