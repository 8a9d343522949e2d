import type { Element } from '../xml/tree.js';
import type { FileMerge } from '../engine/file-plan.js';
import { nameOnDisk, type ExistingSite } from '../site/existing.js';
import { children, elementAt, elementPath } from '../xml/dom.js';
import { parseXmlText, serializeXmlText } from '../xml/text.js';
import type { AttributeEdit, FileEdit } from './check.js';

/**
 * The fix that sets attributes of `element`, an element of the site's web.config as read: a
 * change --fix applies to the file as it is then, and --json prints.
 */
export function webConfigEdit(site: ExistingSite, element: Element, values: Readonly<Record<string, string>>): FileEdit | undefined {
  const file = nameOnDisk(site.folder, 'web.config');
  if (file === undefined) return undefined;
  const where = elementPath(element);
  const edits = Object.entries(values)
    .filter(([attribute, to]) => element.getAttribute(attribute) !== to)
    .map(([attribute, to]): AttributeEdit => ({ element: where, attribute, from: element.getAttribute(attribute), to }));
  return edits.length === 0 ? undefined : { path: file, kind: 'update', edits };
}

/** The text of an XML file with `edits` made, all else written back as it was; an element no longer there is a change not made. */
export function applyEdits(text: string, file: string, edits: readonly AttributeEdit[]): FileMerge {
  const xml = parseXmlText(text, file);
  const made = edits.filter(edit => {
    const element = elementAt(xml.document, edit.element);
    if (!element || element.getAttribute(edit.attribute) === edit.to) return false;
    element.setAttribute(edit.attribute, edit.to);
    return true;
  });
  if (made.length === 0) return { text, change: 'none', changes: [] };
  return {
    text: serializeXmlText(xml),
    change: 'modification',
    changes: made.map(edit => ({ kind: 'modification', description: `${edit.element} ${edit.attribute}: ${edit.from === null ? '(none)' : JSON.stringify(edit.from)} becomes ${JSON.stringify(edit.to)}` })),
  };
}

/** The <add> of web.config's appSettings that holds `name` (app settings' names are not case-sensitive). */
export function settingElement(site: ExistingSite, name: string): Element | undefined {
  // The same <add>s readExistingSite reads the settings from.
  return children(site.webConfig?.getElementsByTagName('appSettings')[0], 'add').find(add => (add.getAttribute('key') ?? '').toUpperCase() === name.toUpperCase());
}

/** The fix that sets the app setting `name` in web.config, when web.config holds it. */
export function settingEdit(site: ExistingSite, name: string, value: string): FileEdit | undefined {
  const element = settingElement(site, name);
  return element && webConfigEdit(site, element, { value });
}
