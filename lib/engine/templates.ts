import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import { compiledTemplates as packagedCompiled } from './compiled-templates.js';
import { packageRoot, templatesDirectory } from './package-root.js';

const layoutVariables = {
  module: 'the module name, e.g. ConfigurePython',
  callable: 'the WSGI callable, e.g. application',
  moduleDir: "the module's folder, relative to the site root and / separated: <module>, or . for the site root",
  moduleFile: 'the module file, relative to the site root: <module>/<module>.py',
  wsgiHandler: "WSGI_HANDLER's value: <module>.<callable>",
  localCommand: 'how to run the app locally, from the site root: python <module>/<module>.py',
  siteRootFromModuleDir: "the site root seen from the module's folder, / separated: .., or . for the site root",
};

const moduleVariables = {
  ...layoutVariables,
  staticDir: "the static folder, / separated, or ''",
};

const siteVariables = {
  ...layoutVariables,
  frameworkSettings: 'the app settings the framework needs: [{ name, value }]',
  runtime: 'the Python runtime: { os, version, label, interpreter, wfastcgi, siteExtension }',
  siteRoot: 'the site root on the server',
  pythonPath: "PYTHONPATH's value: the module's folder on the server, <site root>\\<module>",
  scriptProcessor: 'the handler\'s scriptProcessor: "<interpreter>|<wfastcgi>"',
};

const webConfigVariables = {
  ...siteVariables,
  server: '"fastcgi" or "httpplatform"',
  routing: '"rewrite" or "wildcard" (always "wildcard" with httpplatform)',
  handler: 'the Python handler: { name, path, modules, resourceType, requireAccess }',
  httpPlatform: 'with httpplatform: { processPath, arguments, stdoutLogFile, environmentVariables: [{ name, value }] }',
  pythonRuleName: 'the name of the rule that rewrites to the handler',
  staticRuleName: 'the name of the rule that leaves the static folder to IIS',
  staticDir: "the static folder, / separated, or ''",
  staticUrlPattern: "URL Rewrite's pattern for the static folder",
  staticOnly: 'true when only the static folder is served as files',
  wsgiLog: "WSGI_LOG's value, or ''",
  harden: 'true when request filtering hides the private files',
  hiddenSegments: 'the hidden segments: [{ segment, what }]',
  hiddenExtensions: 'the denied extensions: [{ extension, what }]',
};

/**
 * Every template of the package, by its path below `templates/` (and below a --templates
 * overlay), with the variables it is rendered with. Rendering checks that the data passed
 * has exactly these names, so the list stays true.
 */
export const templateCatalog = {
  'module/module.py.ejs': moduleVariables,
  'module/flask.py.ejs': moduleVariables,
  'module/bottle.py.ejs': moduleVariables,
  'module/django/manage.py.ejs': moduleVariables,
  'module/django/__init__.py.ejs': moduleVariables,
  'module/django/settings.py.ejs': moduleVariables,
  'module/django/urls.py.ejs': moduleVariables,
  'module/django/views.py.ejs': moduleVariables,
  'module/django/wsgi.py.ejs': moduleVariables,
  'webconfig/web.config.ejs': webConfigVariables,
  'webconfig/static-web.config.ejs': webConfigVariables,
  'webconfig/setup-iis.ps1.ejs': {
    ...webConfigVariables,
    powershell: 'PowerShell string literals of the paths: { interpreter, wfastcgi, siteRoot, logFolder }',
    djangoSecretKey: "true when the script makes the generated Django project's DJANGO_SECRET_KEY",
  },
  'portal/portal-steps.md.ejs': {
    ...siteVariables,
    siteName: 'the Azure site name',
    settings: 'the app settings: [{ name, value, slotSetting }]',
    commands: 'the Azure CLI commands that apply them',
    appSettingsFile: 'azure/appsettings.json',
    handlerMappingsFile: 'azure/handler-mappings.json',
  },
  'readme/README.md.ejs': {
    siteName: 'the Azure site name',
    hostLabel: 'where the site runs, in words',
    onIis: 'true on --host iis',
    files: "the site's files: [{ path, purpose }]",
    moduleFile: 'the module file, relative to the site root',
    installCommand: "the pip install of the site's requirements, or '' without any",
    localCommand: 'how to run the site locally',
    configuredIn: 'where the configuration lives, in words',
    settings: 'the configuration: [{ name, value }]',
    setUp: 'the Azure CLI commands that apply it, if any',
    iisSetupScript: 'setup-iis.ps1',
    provisionCommand: "the az deployment command, or '' without the ARM template",
    armTemplateFile: 'azure/azuredeploy.json',
    pushCommands: 'the git commands that deploy',
    workflowFile: 'the GitHub Actions workflow that deploys: .github/workflows/azure-webapp.yml',
    workflowSetUp: "the commands that create the workflow's identity, federated credential and secrets (none without --ci github)",
    logFolder: "the host's log folder",
    wsgiLog: "WSGI_LOG's value, or ''",
    secretKey: "where the generated Django project's SECRET_KEY comes from, or ''",
  },
  'git/gitignore': {},
  'migrate/linux_app.py.ejs': {
    pythonPath: "PYTHONPATH's folders of the site, relative, in wfastcgi's order",
    module: 'the module wfastcgi imported',
    attributes: 'the names after it, in order',
    factory: 'true when the last one is called to make the app',
    from: 'what named the app on Windows, in words',
    healthPath: '/healthz',
    staticFolders: 'the folders IIS served as files, relative',
    notServed: "the URLs of the Windows configuration's files in those folders (their web.config), which IIS never serves",
  },
  'migrate/MIGRATION.md.ejs': {
    siteName: 'the Azure site name',
    configuredIn: "where the Windows site's configuration is",
    startupCommand: "gunicorn's startup command",
    runtime: "App Service on Linux's runtime stack: PYTHON|3.12",
    wrapperFile: "linux_app.py, or '' without it",
    sections: 'the rows by section: [{ title, rows: [{ what, was, becomes, todo }] }]',
    todo: 'the rows left for the user to do',
    unservedFiles: 'files IIS served that no static folder holds',
    files: 'the Linux files written: [{ path, purpose }]',
    commands: 'the Azure CLI commands that move the site',
    localCommand: 'the startup command run locally',
    removed: 'true when the Windows files were removed',
  },
} as const satisfies Record<string, Record<string, string>>;

export type TemplatePath = keyof typeof templateCatalog;

/** A template that cannot be rendered: its file, and what is wrong, on one line. */
export class TemplateError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'TemplateError';
  }
}

/**
 * Renders `templates/<generator>/<template>`, or the file at the same path in `overlay` when
 * there is one there, with `data`. A variable the template uses that `data` lacks is a
 * TemplateError naming the file, the line and the variables there are.
 */
export function renderTemplate(generator: string, template: string, data: object, overlay?: string): string {
  const relative = `${generator}/${template}` as TemplatePath;
  const documented = Object.keys(templateCatalog[relative] ?? {});
  const given = Object.keys(data);
  if (documented.length !== given.length || given.some(name => !documented.includes(name))) {
    throw new Error(`The data for ${relative} (${given.join(', ')}) is not what templateCatalog documents (${documented.join(', ')})`);
  }
  const overlaid = overlay === undefined ? undefined : path.join(overlay, generator, template);
  const file = overlaid !== undefined && existsSync(overlaid) ? overlaid : path.join(templatesDirectory(generator), template);
  const compiledAtBuild = file === overlaid ? undefined : packagedCompiled[relative];
  try {
    return compiledAtBuild ? compiledAtBuild(data, ejs.escapeXML) : compiled(file, overlay)(data);
  } catch (error) {
    const message = (error as Error).message;
    const lastLine = message.split('\n').pop() ?? message;
    const line = /:(\d+)\n/.exec(message)?.[1];
    const where = line ? ` (line ${line})` : '';
    const unknown = error instanceof ReferenceError ? /^(\S+) is not defined$/.exec(lastLine)?.[1] : undefined;
    if (unknown) {
      throw new TemplateError(file, `unknown variable "${unknown}"${where}; its variables are ${documented.join(', ') || 'none'}`);
    }
    throw new TemplateError(file, `${lastLine.trim() || message.split('\n')[0]}${where}`);
  }
}

// Compiled templates by file, overlay and text: a process that generates many sites compiles each once.
const compiledTemplates = new Map<string, ejs.TemplateFunction>();
const mostCompiled = 500;

// The packaged templates' text, read once: they do not change while the package runs (an overlay's may, and is read each time).
const packagedTexts = new Map<string, string>();

function compiled(file: string, overlay: string | undefined): ejs.TemplateFunction {
  const packaged = overlay === undefined || !file.startsWith(`${overlay}${path.sep}`);
  let text = packaged ? packagedTexts.get(file) : undefined;
  if (text === undefined) {
    text = readFileSync(file, 'utf8');
    if (packaged) packagedTexts.set(file, text);
  }
  const key = `${overlay ?? ''}\0${file}\0${text}`;
  let template = compiledTemplates.get(key);
  if (!template) {
    // Overlays edited over a long run add entries: the cache starts afresh past its bound.
    if (compiledTemplates.size >= mostCompiled) compiledTemplates.clear();
    template = ejs.compile(text, { filename: file, includer: includeWithin(overlay) });
    compiledTemplates.set(key, template);
  }
  return template;
}

/**
 * What `include()` in a template may reach: the packaged templates and the overlay, nothing
 * else of the machine (an overlay is code the user trusts, but an include of /etc/... is
 * never what it means). Links are followed before the check.
 */
function includeWithin(overlay: string | undefined) {
  const roots = [path.join(packageRoot, 'templates'), ...(overlay === undefined ? [] : [overlay])].map(root => (existsSync(root) ? realpathSync(root) : root));
  return (original: string, resolved: string | undefined) => {
    const target = path.resolve(resolved ?? original);
    const real = existsSync(target) ? realpathSync(target) : target;
    if (!roots.some(root => real === root || real.startsWith(`${root}${path.sep}`))) {
      throw new Error(`include(${JSON.stringify(original)}) reaches outside the overlay and the packaged templates`);
    }
    return { filename: real };
  };
}

/**
 * Checks a --templates folder before anything runs: it must exist, and every file in it must
 * be at the path of a packaged template (a misspelt name would silently do nothing).
 */
export function checkOverlay(overlay: string): void {
  if (!existsSync(overlay) || !statSync(overlay).isDirectory()) {
    throw new TemplateError(overlay, 'no such folder (an overlay of templates is a folder laid out like the package\'s templates/)');
  }
  const files: string[] = [];
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else files.push(path.relative(overlay, full).split(path.sep).join('/'));
    }
  };
  visit(overlay);
  const stray = files.find(file => !(file in templateCatalog));
  if (stray !== undefined) {
    throw new TemplateError(path.join(overlay, stray), `not a template of this package; the templates are ${Object.keys(templateCatalog).join(', ')}`);
  }
}
