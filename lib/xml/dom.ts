import type { Document, Element } from './tree.js';

/** The element children of `parent` named `name`, in order; none for no parent. */
export function children(parent: Element | undefined, name: string): Element[] {
  if (!parent) return [];
  return Array.from(parent.childNodes).filter((node): node is Element => node.nodeType === 1 && node.nodeName === name);
}

/** The first element named `name` anywhere below `scope`. */
export function first(scope: Document | Element, name: string): Element | undefined {
  return scope.getElementsByTagName(name)[0];
}

/** The `item` children of the first `list` element below `scope`: `<list><item/>...</list>`. */
export function items(scope: Document | Element, list: string, item: string): Element[] {
  return children(first(scope, list), item);
}

// The attributes that name an item of an IIS collection, in the order they are tried.
const itemKeys = ['key', 'name', 'segment', 'fileExtension', 'value'];

/**
 * Where `element` is, as a path of element names from the root that reads back to it:
 * `configuration/appSettings/add[@key='WSGI_HANDLER']`, an item by the attribute that names it
 * (or its position among its like, `rule[2]`, when none does).
 */
export function elementPath(element: Element): string {
  const steps: string[] = [];
  for (let current: Element | null = element; current && current.nodeType === 1; current = current.parentNode as Element | null) {
    const parent = current.parentNode as Element | null;
    const siblings = parent && parent.nodeType === 1 ? children(parent, current.nodeName) : [current];
    const key = itemKeys.find(name => current!.hasAttribute(name) && siblings.filter(sibling => sibling.getAttribute(name) === current!.getAttribute(name)).length === 1);
    const value = key === undefined ? undefined : current.getAttribute(key)!;
    steps.unshift(
      value !== undefined && !value.includes("'") ? `${current.nodeName}[@${key}='${value}']` : siblings.length > 1 ? `${current.nodeName}[${siblings.indexOf(current) + 1}]` : current.nodeName,
    );
  }
  return steps.join('/');
}

/** The element `elementPath` names in `document`, if it is there. */
export function elementAt(document: Document, where: string): Element | undefined {
  let found: Element[] = document.documentElement ? [document.documentElement] : [];
  const steps = where.split('/');
  for (const [index, step] of steps.entries()) {
    const [, name, key, value, position] = /^([^[\]]+)(?:\[@([\w.]+)='([^']*)'\]|\[(\d+)\])?$/.exec(step) ?? [];
    if (name === undefined) return undefined;
    const candidates = index === 0 ? found.filter(root => root.nodeName === name) : found.flatMap(parent => children(parent, name));
    found = key !== undefined ? candidates.filter(candidate => candidate.getAttribute(key) === value) : position !== undefined ? candidates.slice(Number(position) - 1, Number(position)) : candidates.slice(0, 1);
  }
  return found[0];
}
