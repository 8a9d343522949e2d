import type { FrameworkName } from '../answers/model.js';
import { findRow } from './lookup.js';

/**
 * The web frameworks a site can be written with, one row each: the files of a minimal app,
 * how wfastcgi finds it (WSGI_HANDLER, with "()" only for a factory), how a Python web server
 * (waitress, gunicorn) finds it, the app settings it needs, and its requirements. The markers
 * pick releases that still support the site's Python: 2.7 and 3.4 need old ones.
 */
export interface Framework {
  readonly name: FrameworkName;
  readonly label: string;
  /** The callable's default name: Flask and Bottle apps are called `app`. */
  readonly callable: string;
  /** The static folder a site gets by default: the framework's own, or none for a bare WSGI module. */
  readonly staticDir: string;
  /** The files of the app: a template of templates/module, and where it goes in the module's folder. */
  readonly files: (module: string) => readonly { template: string; path: string; purpose?: string }[];
  /** The file a reader opens first (its WSGI callable, or Django's views), in the module's folder. */
  readonly mainFile: (module: string) => string;
  /** WSGI_HANDLER: what wfastcgi imports, then calls when it ends with "()". */
  readonly wsgiHandler: (module: string, callable: string) => string;
  /** WSGI_HANDLER for a project of the user's, when it differs (it then needs none of appSettings). */
  readonly projectWsgiHandler?: (module: string, callable: string) => string;
  /** `module:attribute` for waitress and gunicorn, run in (or with PYTHONPATH at) the module's folder. */
  readonly serverTarget: (module: string, callable: string) => string;
  /** App settings the app needs besides PYTHONPATH and WSGI_HANDLER. */
  readonly appSettings: (module: string) => readonly { name: string; value: string }[];
  /** How to run it locally: the script (in the module's folder) given to python, and its arguments. */
  readonly localRun: (module: string) => { readonly script: string; readonly arguments: string };
  readonly requirements: readonly string[];
}

/** A framework whose app is the one module <Module>/<Module>.py, holding the callable. */
function singleModule(row: Pick<Framework, 'name' | 'label' | 'callable' | 'staticDir' | 'requirements'> & { template: string }): Framework {
  const { template, ...rest } = row;
  return {
    ...rest,
    files: module => [{ template, path: `${module}.py` }],
    mainFile: module => `${module}.py`,
    wsgiHandler: (module, callable) => `${module}.${callable}`,
    serverTarget: (module, callable) => `${module}:${callable}`,
    appSettings: () => [],
    localRun: module => ({ script: `${module}.py`, arguments: '' }),
  };
}

export const frameworks: readonly Framework[] = [
  singleModule({
    name: 'wsgi',
    label: 'wsgi: a bare WSGI callable, no framework and no dependency',
    callable: 'application',
    staticDir: '',
    template: 'module.py.ejs',
    requirements: [],
  }),
  singleModule({
    name: 'flask',
    label: 'flask: a Flask app (an app object: WSGI_HANDLER without "()")',
    callable: 'app',
    staticDir: 'static',
    template: 'flask.py.ejs',
    // Flask 1.x needs the 1.x/2.0 generation of its own dependencies: later ones break it.
    requirements: [
      'Flask==1.0.4; python_version == "3.4"',
      'Flask==1.1.4; python_version < "3.8" and python_version != "3.4"',
      'Jinja2<3.0; python_version < "3.8"',
      'MarkupSafe<2.0; python_version < "3.8"',
      'itsdangerous<2.0; python_version < "3.8"',
      'Werkzeug<2.0; python_version < "3.8"',
      'Flask==3.0.3; python_version >= "3.8"',
    ],
  }),
  {
    name: 'django',
    label: 'django: a Django project (a factory: WSGI_HANDLER with "()", and DJANGO_SETTINGS_MODULE)',
    callable: 'application',
    staticDir: 'static',
    files: module => [
      { template: 'django/manage.py.ejs', path: 'manage.py', purpose: "Django's command line: runserver, collectstatic" },
      { template: 'django/__init__.py.ejs', path: `${module}/__init__.py`, purpose: 'makes the project folder a package' },
      { template: 'django/settings.py.ejs', path: `${module}/settings.py`, purpose: `the project's settings (DJANGO_SETTINGS_MODULE=${module}.settings)` },
      { template: 'django/urls.py.ejs', path: `${module}/urls.py`, purpose: 'the URLs, each with its view' },
      { template: 'django/views.py.ejs', path: `${module}/views.py`, purpose: "the views: the site's pages" },
      { template: 'django/wsgi.py.ejs', path: `${module}/wsgi.py`, purpose: "the project's WSGI app, for waitress and gunicorn (wfastcgi calls Django's factory)" },
    ],
    mainFile: module => `${module}/views.py`,
    // Django's own factory: it reads DJANGO_SETTINGS_MODULE, then returns the WSGI app.
    wsgiHandler: () => 'django.core.wsgi.get_wsgi_application()',
    // A project of the user's: its own wsgi.py, which sets DJANGO_SETTINGS_MODULE (or chooses it) itself.
    projectWsgiHandler: (module, callable) => `${module}.wsgi.${callable}`,
    serverTarget: (module, callable) => `${module}.wsgi:${callable}`,
    appSettings: module => [{ name: 'DJANGO_SETTINGS_MODULE', value: `${module}.settings` }],
    localRun: () => ({ script: 'manage.py', arguments: 'runserver' }),
    requirements: [
      'Django==1.11.29; python_version < "3.0"',
      'Django==2.0.13; python_version == "3.4"',
      'Django==2.2.28; python_version >= "3.5" and python_version < "3.8"',
      'Django==4.2.16; python_version >= "3.8" and python_version < "3.10"',
      'Django==5.1.4; python_version >= "3.10"',
    ],
  },
  {
    // An ASGI app of the project's own (the generator writes none): App Service on Linux runs it with
    // gunicorn's uvicorn workers, which uvicorn's documentation gives for production; wfastcgi and
    // waitress serve WSGI only.
    name: 'asgi',
    label: "asgi: an ASGI app of your project's (FastAPI, Starlette, Quart, ...), on App Service on Linux only: gunicorn with uvicorn workers",
    callable: 'app',
    staticDir: '',
    files: () => [],
    mainFile: module => `${module}.py`,
    wsgiHandler: (module, callable) => `${module}.${callable}`,
    serverTarget: (module, callable) => `${module}:${callable}`,
    appSettings: () => [],
    // Never the generated module's (there is none): the user's app runs as localCommandForUsersApp says.
    localRun: module => ({ script: `${module}.py`, arguments: '' }),
    requirements: [],
  },
  singleModule({
    name: 'bottle',
    label: 'bottle: a Bottle app (an app object: WSGI_HANDLER without "()")',
    callable: 'app',
    staticDir: 'static',
    template: 'bottle.py.ejs',
    requirements: ['bottle==0.12.25'],
  }),
];

/**
 * The names the app templates define at module level besides the callable (imports, views,
 * the local server): a callable of one of these names would replace it, or be replaced.
 */
export const templateModuleNames: ReadonlySet<string> = new Set([
  'os', 'sys', 'Flask', 'Response', 'bottle', 'hello', 'static', 'STATIC_FOLDER', 'make_server', 'port', 'server',
  'get_wsgi_application', 'django_application', 'HttpResponse', 'views', 'urlpatterns', 'health',
]);

export function findFramework(name: FrameworkName): Framework {
  return findRow(frameworks, 'name', name, 'framework');
}
