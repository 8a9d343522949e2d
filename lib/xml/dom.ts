import type { Document, Element } from '@xmldom/xmldom';

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
