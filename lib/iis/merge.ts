import type { FileMerge } from '../engine/file-plan.js';
import { mergeDocument, type KeyedList } from '../xml/merge.js';
import { parseXmlText, serializeXmlText } from '../xml/text.js';
import { pythonRuleName, staticRuleName } from './names.js';

/**
 * The lists of a web.config whose items the generator adds or updates, each told apart by
 * its key as IIS does: a unique key of IIS's schema is case-insensitive unless the schema
 * says caseSensitive (handler names). wfastcgi puts app settings into the environment, where
 * Windows ignores case (so `pythonpath` and `PYTHONPATH` are one setting).
 */
export const webConfigLists: readonly KeyedList[] = [
  { path: ['appSettings', 'add'], key: 'key', ignoreCase: true, update: 'attributes', placement: 'end' },
  { path: ['system.webServer', 'handlers', 'add'], key: 'name', ignoreCase: false, update: 'attributes', placement: 'first' },
  { path: ['system.webServer', 'handlers', 'remove'], key: 'name', ignoreCase: false, update: 'attributes', placement: 'first' },
  {
    path: ['system.webServer', 'rewrite', 'rules', 'rule'],
    key: 'name',
    ignoreCase: true,
    update: 'replace',
    placement: 'end',
    // Under `wildcard` routing, or without a static folder, these rules would send requests where no handler is.
    ownedKeys: [staticRuleName, pythonRuleName],
  },
  {
    path: ['system.webServer', 'httpPlatform', 'environmentVariables', 'environmentVariable'],
    key: 'name',
    ignoreCase: true,
    update: 'attributes',
    placement: 'end',
  },
  {
    path: ['system.webServer', 'security', 'requestFiltering', 'hiddenSegments', 'add'],
    key: 'segment',
    ignoreCase: true,
    update: 'attributes',
    placement: 'end',
  },
  {
    path: ['system.webServer', 'security', 'requestFiltering', 'fileExtensions', 'add'],
    key: 'fileExtension',
    ignoreCase: true,
    update: 'attributes',
    placement: 'end',
  },
];

/**
 * Merges the generated web.config into the existing one (`file` names it in errors): our
 * settings, handler, rules and filtering entries are added or updated; everything else stays.
 * Throws an XmlSyntaxError when either is not well-formed.
 */
export function mergeWebConfig(existing: string, generated: string, file: string): FileMerge {
  const target = parseXmlText(existing, file);
  const root = target.document.documentElement!.nodeName;
  if (root !== 'configuration') {
    throw new Error(`${file} is not an IIS configuration file: its root element is <${root}>, not <configuration>; it was left as it is.`);
  }
  const desired = parseXmlText(generated, `the generated ${file}`);
  const changes = mergeDocument(target.document, desired.document, webConfigLists);
  if (changes.length === 0) return { text: existing, change: 'none', changes };
  const change = changes.some(candidate => candidate.kind === 'modification') ? 'modification' : 'addition';
  return { text: serializeXmlText(target), change, changes };
}

