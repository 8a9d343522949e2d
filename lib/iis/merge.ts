import type { FileMerge } from '../engine/file-plan.js';
import { mergeDocument, removeWithComments, type KeyedList } from '../xml/merge.js';
import { parseXmlText, serializeXmlText } from '../xml/text.js';
import type { Document, Element } from '../xml/tree.js';
import { children } from '../xml/dom.js';
import { isGeneratedPythonRule, rewritesToHandler, sameAppSetting, sameHandlerAttribute } from './equivalents.js';
import { handlerKind, handlerLabels } from './handlers.js';
import { pythonRuleName, staticRuleName } from './names.js';

/**
 * The lists of a web.config whose items the generator adds or updates, each told apart by
 * its key as IIS does: a unique key of IIS's schema is case-insensitive unless the schema
 * says caseSensitive (handler names). wfastcgi puts app settings into the environment, where
 * Windows ignores case (so `pythonpath` and `PYTHONPATH` are one setting).
 */
export const webConfigLists: readonly KeyedList[] = [
  { path: ['appSettings', 'add'], key: 'key', ignoreCase: true, update: 'attributes', placement: 'end', sameMeaning: sameAppSetting },
  { path: ['system.webServer', 'handlers', 'add'], key: 'name', ignoreCase: false, update: 'attributes', placement: 'first', sameMeaning: sameHandlerAttribute },
  { path: ['system.webServer', 'handlers', 'remove'], key: 'name', ignoreCase: false, update: 'attributes', placement: 'first' },
  {
    path: ['system.webServer', 'rewrite', 'rules', 'rule'],
    key: 'name',
    ignoreCase: true,
    update: 'replace',
    placement: 'end',
    // Under `wildcard` routing, or without a static folder, these rules would send requests where no handler is.
    ownedKeys: [staticRuleName, pythonRuleName],
    isOwned: rule => rule.getAttribute('name') !== pythonRuleName || isGeneratedPythonRule(rule),
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
  const switched = adoptUsersPythonHandler(target.document, desired.document);
  keepUsersPythonRule(target.document, desired.document);
  const changes = [...switched, ...mergeDocument(target.document, desired.document, webConfigLists)];
  if (changes.length === 0) return { text: existing, change: 'none', changes };
  const change = changes.some(candidate => candidate.kind === 'modification') ? 'modification' : 'addition';
  return { text: serializeXmlText(target), change, changes };
}


/**
 * The user's Python handler is told by what it does, not by its name: a FastCGI handler whose
 * scriptProcessor runs wfastcgi, or HttpPlatformHandler. The generated handler takes its name,
 * so that the merge updates it in place. A handler of another server (or iisnode's) is never
 * replaced silently: the change that would switch it is a modification, saying which server
 * the site runs now and what keeps it.
 */
function adoptUsersPythonHandler(target: Document, desired: Document): { kind: 'modification'; description: string }[] {
  const ours = children(desired.getElementsByTagName('handlers')[0], 'add')[0];
  if (!ours) return [];
  // A handler that runs our scriptProcessor is ours too, whatever the paths look like.
  const runsOurs = (handler: Element) => ours.hasAttribute('scriptProcessor') && handler.getAttribute('scriptProcessor') === ours.getAttribute('scriptProcessor');
  const theirs = children(target.getElementsByTagName('handlers')[0], 'add').filter(handler => handlerKind(handler, runsOurs(handler)) !== undefined);
  const ourKind = handlerKind(ours, true);
  const named = children(target.getElementsByTagName('handlers')[0], 'add').find(handler => handler.getAttribute('name') === ours.getAttribute('name'));
  // Ours by name (an earlier run's, or the document's own): the merge updates it, unless it runs another server.
  if (named && (handlerKind(named, true) === ourKind || handlerKind(named) === undefined)) return [];
  const same = theirs.find(handler => handlerKind(handler, runsOurs(handler)) === ourKind);
  if (same && !named) {
    ours.setAttribute('name', same.getAttribute('name') ?? '');
    return [];
  }
  const current = named ?? theirs[0];
  if (!current) return [];
  const kind = handlerKind(current, true)!;
  const keeps = kind === 'iisnode' ? 'remove that handler if the site is to run Python' : `--server ${kind} keeps it`;
  return [{ kind: 'modification', description: `the site runs ${handlerLabels[kind]} now (handler "${current.getAttribute('name')}"), and ${ourKind === undefined ? 'this' : handlerLabels[ourKind]} would take its requests: ${keeps}` }];
}

/**
 * A user's rule that already rewrites to the handler (the source document's "Configure
 * Python" with an exclusion of the user's, or the same rule under another name) does the
 * generated rule's work: it stays as the user wrote it, conditions and all, and the
 * generated rule is not added beside it.
 */
function keepUsersPythonRule(target: Document, desired: Document): void {
  const users = children(target.getElementsByTagName('rules')[0], 'rule').some(rule => rewritesToHandler(rule) && !isGeneratedPythonRule(rule));
  if (!users) return;
  const ours = children(desired.getElementsByTagName('rules')[0], 'rule').find(rule => rule.getAttribute('name') === pythonRuleName);
  if (ours) removeWithComments(ours);
}
