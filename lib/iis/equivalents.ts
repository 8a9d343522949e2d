import type { Element } from '../xml/tree.js';
import { children } from '../xml/dom.js';
import { handlerPlaceholder, pythonRuleName } from './names.js';

/*
 * What a user's web.config may say in its own words and still mean what the generated one
 * means. A value that does is the user's, and stays as written: changing it would be a
 * change to what the user wrote, for nothing.
 */

const djangoFactory = 'django.core.wsgi.get_wsgi_application()';
const projectWsgiModule = /^([A-Za-z_]\w*)\.wsgi\.application$/;
const settingsModule = /^([A-Za-z_]\w*)\.[A-Za-z_][\w.]*$/;

/** The entries of a PYTHONPATH, as Windows compares folders: without case or a trailing backslash. */
function pathEntries(value: string): string[] {
  return value
    .split(';')
    .map(entry => entry.trim().replace(/\\+$/, '').toLowerCase())
    .filter(Boolean);
}

function appSetting(item: Element, key: string): string | undefined {
  const parent = item.parentNode as Element | null;
  const found = children(parent ?? undefined, 'add').find(add => add.getAttribute('key')?.toUpperCase() === key);
  return found?.getAttribute('value') ?? undefined;
}

/** App settings: `value` of the user's item `key` against the generated value. */
const appSettingEquivalents: Readonly<Record<string, (current: string, wanted: string, item: Element) => boolean>> = {
  // The same folders first, in the same order, with the user's extra folders after: wfastcgi puts them all on sys.path.
  PYTHONPATH: (current, wanted) => {
    const have = pathEntries(current);
    const need = pathEntries(wanted);
    return need.length > 0 && need.every((entry, index) => have[index] === entry);
  },
  // The project's own wsgi.py calls Django's factory with the project's settings: the same app as the factory
  // under a DJANGO_SETTINGS_MODULE of that project, either way round.
  WSGI_HANDLER: (current, wanted, item) => {
    const settingsProject = settingsModule.exec(appSetting(item, 'DJANGO_SETTINGS_MODULE') ?? '')?.[1];
    const project = (handler: string) => projectWsgiModule.exec(handler)?.[1] ?? (handler === djangoFactory ? settingsProject : undefined);
    return settingsProject !== undefined && project(current) === settingsProject && project(wanted) === settingsProject;
  },
  // Another settings module of the same project (settings_dev, production): the user's choice of settings.
  DJANGO_SETTINGS_MODULE: (current, wanted) => {
    const project = settingsModule.exec(wanted)?.[1];
    return project !== undefined && settingsModule.exec(current)?.[1] === project;
  },
};

export function sameAppSetting(item: Element, attribute: string, current: string | null, wanted: string): boolean {
  const equivalent = appSettingEquivalents[(item.getAttribute('key') ?? '').toUpperCase()];
  return attribute === 'value' && current !== null && equivalent !== undefined && equivalent(current, wanted, item);
}

/**
 * The Python handler: requireAccess left out is IIS's default, Script; resourceType
 * Unspecified passes every request to Python whether a file exists or not, which is all that
 * Either (the placeholder must exist) asks for the rewritten requests.
 */
export function sameHandlerAttribute(_item: Element, attribute: string, current: string | null, wanted: string): boolean {
  if (attribute === 'requireAccess') return current === null && wanted === 'Script';
  if (attribute === 'resourceType') return current === 'Unspecified';
  return false;
}

/** Whether `rule` sends its requests to the handler: a Rewrite to handler.fcgi (with a path after it, or not). */
export function rewritesToHandler(rule: Element): boolean {
  if (rule.getAttribute('enabled') === 'false') return false;
  const action = children(rule, 'action')[0];
  if ((action?.getAttribute('type') ?? '') !== 'Rewrite') return false;
  const target = (action!.getAttribute('url') ?? '').replace(/^\//, '').split(/[/?]/)[0]!;
  return target.toLowerCase() === handlerPlaceholder.toLowerCase();
}

// The conditions of the generated rule: existing files (and folders) are IIS's.
const generatedConditionTypes = new Set(['IsFile', 'IsDirectory']);

/**
 * Whether `rule` is the Python rule as this generator writes it: its name, and no condition of
 * the user's (an exclusion such as {REQUEST_URI} ^/static/). A user's rule that does the same
 * work under another name, or with conditions of its own, is the user's.
 */
export function isGeneratedPythonRule(rule: Element): boolean {
  if ((rule.getAttribute('name') ?? '').toLowerCase() !== pythonRuleName.toLowerCase()) return false;
  const conditions = children(children(rule, 'conditions')[0], 'add');
  return conditions.every(
    condition => condition.getAttribute('input') === '{REQUEST_FILENAME}' && generatedConditionTypes.has(condition.getAttribute('matchType') ?? '') && condition.getAttribute('negate') === 'true',
  );
}
