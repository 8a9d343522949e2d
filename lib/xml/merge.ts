import type { Document, Element, Node } from './tree.js';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;

/**
 * A list of elements that are told apart by one attribute (IIS's collections: a setting by
 * its key, a handler by its name). The merge adds, updates or removes items of the list;
 * everything else in it is the user's and stays.
 */
export interface KeyedList {
  /** Element names from the root element's child down to the item, e.g. system.webServer, handlers, add. */
  readonly path: readonly string[];
  readonly key: string;
  readonly ignoreCase: boolean;
  /**
   * How an existing item is brought up to date: `attributes` sets the desired attributes and
   * keeps any other the user added; `replace` swaps the whole element (it has child elements).
   */
  readonly update: 'attributes' | 'replace';
  /**
   * Where a new item goes: at the end, or `first`, before the items already there (after
   * any `clear`), because IIS uses the first item that matches a request.
   */
  readonly placement: 'end' | 'first';
  /** Keys this generator owns in the list: an item with one of them that is not desired any more is removed. */
  readonly ownedKeys?: readonly string[];
  /** Whether an item with an owned key is this generator's, as it writes it (else the user's, and kept). */
  readonly isOwned?: (item: Element) => boolean;
  /**
   * Whether the user's value of `attribute` on `item` already means what `wanted` means, so
   * that it stays as the user wrote it (`current` is null when the attribute is not set).
   */
  readonly sameMeaning?: (item: Element, attribute: string, current: string | null, wanted: string) => boolean;
}

export interface MergeChange {
  readonly kind: 'addition' | 'modification';
  readonly description: string;
}

/**
 * Merges `desired` (a complete document of what must be there) into `target`, in place:
 * containers are matched by element name, list items by their key. Comments right before a
 * new desired element travel with it. Returns what changed, in document order.
 */
export function mergeDocument(target: Document, desired: Document, lists: readonly KeyedList[]): MergeChange[] {
  const changes: MergeChange[] = [];
  mergeChildren(target.documentElement!, desired.documentElement!, [], lists, changes);
  for (const list of lists.filter(candidate => candidate.ownedKeys)) {
    const parent = descendant(target.documentElement!, list.path.slice(0, -1));
    if (parent) removeUnwanted(parent, descendant(desired.documentElement!, list.path.slice(0, -1)), list, changes);
  }
  return changes;
}

/** The first element at `path` below the root `element` (element names, one per level). */
function descendant(element: Element, path: readonly string[]): Element | undefined {
  let current: Element | undefined = element;
  path.forEach((name, depth) => {
    current = current && findContainer(current, name, depth === 0);
  });
  return current;
}

/**
 * `parent`'s child element `name`. At the root, a section may also sit in a <location> for
 * the file's own folder (path "." or none), as ASP.NET Core's web.config has it: IIS counts
 * that as the same place, and refuses a second copy of the section beside it.
 */
function findContainer(parent: Element, name: string, atRoot: boolean): Element | undefined {
  const direct = childElements(parent).find(child => child.nodeName === name);
  if (direct || !atRoot) return direct;
  const here = childElements(parent).filter(child => child.nodeName === 'location' && ['', '.'].includes(child.getAttribute('path') ?? ''));
  return here.map(location => findContainer(location, name, false)).find(found => found !== undefined);
}

function mergeChildren(target: Element, desired: Element, path: string[], lists: readonly KeyedList[], changes: MergeChange[]): void {
  for (const wanted of childElements(desired)) {
    const wantedPath = [...path, wanted.nodeName];
    const list = lists.find(candidate => samePath(candidate.path, wantedPath));
    if (list) {
      mergeItem(target, wanted, list, changes);
      continue;
    }
    const existing = findContainer(target, wanted.nodeName, path.length === 0);
    if (existing) {
      // A container's own settings (httpPlatform's processPath, say) are the generator's too.
      updateAttributes(existing, wanted, `<${wantedPath.join('/')}>`, undefined, changes);
      mergeChildren(existing, wanted, wantedPath, lists, changes);
    } else {
      insertWithComments(target, wanted, null);
      changes.push({ kind: 'addition', description: `added <${wantedPath.join('/')}>` });
    }
  }
}

function mergeItem(target: Element, wanted: Element, list: KeyedList, changes: MergeChange[]): void {
  const key = wanted.getAttribute(list.key) ?? '';
  const label = `<${[...list.path].join('/')} ${list.key}="${key}">`;
  const existing = findItem(target, wanted.nodeName, list, key);
  if (!existing) {
    insertWithComments(target, wanted, placeNewItem(target, wanted, list));
    changes.push({ kind: 'addition', description: `added ${label}` });
    return;
  }
  if (list.update === 'attributes') {
    updateAttributes(existing, wanted, label, list.key, changes, list.sameMeaning);
  } else if (!sameElement(existing, wanted)) {
    const replacement = importIndented(target.ownerDocument!, wanted, indentBefore(existing));
    target.replaceChild(replacement, existing);
    changes.push({ kind: 'modification', description: `replaced ${label} with the generated one` });
  }
}

/** Sets `wanted`'s attributes on `existing`, keeping any other; `key` (matched already, maybe in another case) stays as written. */
function updateAttributes(
  existing: Element,
  wanted: Element,
  label: string,
  key: string | undefined,
  changes: MergeChange[],
  sameMeaning?: KeyedList['sameMeaning'],
): void {
  for (const attribute of attributesOf(wanted)) {
    const current = existing.getAttribute(attribute.name);
    if (current === attribute.value || attribute.name === key) continue;
    if (sameMeaning?.(existing, attribute.name, current, attribute.value)) continue;
    existing.setAttribute(attribute.name, attribute.value);
    const was = current === null ? 'not set' : `was "${current}"`;
    changes.push({ kind: 'modification', description: `${label}: ${attribute.name}="${attribute.value}" (${was})` });
  }
}

/** Removes the items with an owned key that `desired` (the same list there, if any) no longer has. */
function removeUnwanted(target: Element, desired: Element | undefined, list: KeyedList, changes: MergeChange[]): void {
  const itemName = list.path[list.path.length - 1];
  for (const owned of list.ownedKeys ?? []) {
    if (desired && findItem(desired, itemName, list, owned)) continue;
    const existing = findItem(target, itemName, list, owned);
    if (!existing || (list.isOwned && !list.isOwned(existing))) continue;
    // The comments right before an item this generator owns are its own: they go with it.
    removeWithComments(existing);
    changes.push({ kind: 'modification', description: `removed <${list.path.join('/')} ${list.key}="${owned}">` });
  }
}

/** Removes `element`, the comments right before it, and the line break before each. */
export function removeWithComments(element: Element): void {
  const parent = element.parentNode!;
  for (const node of [...leadingComments(element), element]) {
    const before = node.previousSibling;
    if (before && isBlank(before)) parent.removeChild(before);
    parent.removeChild(node);
  }
}

function findItem(parent: Element, name: string, list: KeyedList, key: string): Element | undefined {
  const same = (value: string) => (list.ignoreCase ? value.toLowerCase() === key.toLowerCase() : value === key);
  return childElements(parent).find(child => child.nodeName === name && same(child.getAttribute(list.key) ?? ''));
}

/**
 * The element a new item goes before: the target's item for the desired element that follows
 * it (so that the desired order holds), else by the list's placement; null for the end.
 */
function placeNewItem(target: Element, wanted: Element, list: KeyedList): Element | null {
  for (let next = nextElement(wanted); next; next = nextElement(next)) {
    const found = findItem(target, next.nodeName, list, next.getAttribute(list.key) ?? '');
    if (found) return found;
  }
  if (list.placement === 'end') return null;
  const siblings = childElements(target);
  const afterClear = siblings.slice(siblings.map(sibling => sibling.nodeName).lastIndexOf('clear') + 1);
  return afterClear.find(sibling => sibling.nodeName === wanted.nodeName) ?? null;
}

/** Inserts a copy of `element`, and of the comments right before it, into `parent`, indented like its children. */
function insertWithComments(parent: Element, element: Element, before: Element | null): void {
  const document = parent.ownerDocument!;
  const from = indentBefore(leadingComments(element)[0] ?? element);
  let indent = childIndent(parent);
  if (indent === undefined && !Array.from(parent.childNodes).some(node => !isBlank(node))) {
    // An empty parent such as <handlers/>: its children go one level deeper, and it closes on a line of its own.
    const own = indentBefore(parent) ?? '';
    indent = own + indentUnit(parent);
    const closing = closingWhitespace(parent) ?? parent.appendChild(document.createTextNode(''));
    (closing as unknown as { data: string }).data = `\n${own}`;
  }
  const anchor = before ?? closingWhitespace(parent);
  for (const node of [...leadingComments(element), element]) {
    const copy = importIndented(document, node, indent, from);
    const lineBreak = indent === undefined ? undefined : document.createTextNode(`\n${indent}`);
    // Before an element: the copy takes its line, the element moves to the next. At the end:
    // a new line for the copy, before the parent's closing line.
    const sequence = before ? [copy, lineBreak] : [lineBreak, copy];
    for (const part of sequence) {
      if (part) parent.insertBefore(part, anchor);
    }
  }
}

/** The comments right before `element` (only whitespace between): they describe it. */
function leadingComments(element: Element): Node[] {
  const comments: Node[] = [];
  for (let node = element.previousSibling; node && (isBlank(node) || node.nodeType === COMMENT_NODE); node = node.previousSibling) {
    if (node.nodeType === COMMENT_NODE) comments.unshift(node);
  }
  return comments;
}

/** A deep copy of `node` for `document`, its line breaks re-indented from `from` to `to`. */
function importIndented(document: Document, node: Node, to: string | undefined, from = indentBefore(node)): Node {
  const copy = document.importNode(node, true);
  if (to !== undefined && from !== undefined && to !== from) reindent(copy, `\n${from}`, `\n${to}`);
  return copy;
}

function reindent(node: Node, from: string, to: string): void {
  if (node.nodeType === TEXT_NODE || node.nodeType === COMMENT_NODE) {
    const data = (node as unknown as { data: string }).data;
    (node as unknown as { data: string }).data = data.split(from).join(to);
    return;
  }
  for (const child of Array.from(node.childNodes)) reindent(child, from, to);
}

/** The indentation of the line `node` starts on, when only whitespace comes before it on that line. */
function indentBefore(node: Node): string | undefined {
  const before = node.previousSibling;
  if (!before || !isBlank(before)) return undefined;
  const text = (before as unknown as { data: string }).data;
  return text.includes('\n') ? text.slice(text.lastIndexOf('\n') + 1) : undefined;
}

/** The indentation of `parent`'s children, or undefined when it has none on lines of their own. */
function childIndent(parent: Element): string | undefined {
  for (const child of Array.from(parent.childNodes)) {
    if (child.nodeType === ELEMENT_NODE || child.nodeType === COMMENT_NODE) return indentBefore(child);
  }
  return undefined;
}

/** One level of indentation in `element`'s document: the difference between it and its parent's. */
function indentUnit(element: Element): string {
  const own = indentBefore(element);
  const parent = element.parentNode as Element | null;
  const parentIndent = parent && parent.nodeType === ELEMENT_NODE ? indentBefore(parent) : undefined;
  if (own !== undefined && parentIndent !== undefined && own.startsWith(parentIndent) && own.length > parentIndent.length) {
    return own.slice(parentIndent.length);
  }
  return '  ';
}

function closingWhitespace(parent: Element): Node | null {
  const last = parent.lastChild;
  return last && isBlank(last) ? last : null;
}

function sameElement(a: Element, b: Element): boolean {
  if (a.nodeName !== b.nodeName) return false;
  const attributes = attributesOf(a);
  if (attributes.length !== attributesOf(b).length) return false;
  if (attributes.some(attribute => b.getAttribute(attribute.name) !== attribute.value)) return false;
  const aChildren = childElements(a);
  const bChildren = childElements(b);
  return (
    aChildren.length === bChildren.length &&
    aChildren.every((child, index) => sameElement(child, bChildren[index])) &&
    ownText(a) === ownText(b)
  );
}

function ownText(element: Element): string {
  return Array.from(element.childNodes)
    .filter(node => node.nodeType === TEXT_NODE)
    .map(node => (node as unknown as { data: string }).data)
    .join('')
    .trim();
}

function attributesOf(element: Element): { name: string; value: string }[] {
  return Array.from(element.attributes).map(attribute => ({ name: attribute.name, value: attribute.value }));
}

function childElements(parent: Element): Element[] {
  return Array.from(parent.childNodes).filter((node): node is Element => node.nodeType === ELEMENT_NODE);
}

function nextElement(element: Element): Element | undefined {
  for (let node = element.nextSibling; node; node = node.nextSibling) {
    if (node.nodeType === ELEMENT_NODE) return node as Element;
  }
  return undefined;
}

function isBlank(node: Node): boolean {
  return node.nodeType === TEXT_NODE && (node as unknown as { data: string }).data.trim() === '';
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, index) => name === b[index]);
}
