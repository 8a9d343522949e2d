/*
 * The document tree the package reads and merges XML in: the part of the W3C DOM its readers
 * and the merge use (the same names), built in one pass of sax's strict parser, with where
 * each element was in the source and whether anything in it has changed since. A 10 MB
 * web.config is read in a third of the time and memory a general-purpose DOM takes, and
 * written back unchanged wherever it was not changed (see text.ts).
 */

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;
export const PROCESSING_INSTRUCTION_NODE = 7;
export const COMMENT_NODE = 8;
export const DOCUMENT_NODE = 9;

/** Where an element was in the source: [start, startTagEnd) is its start tag, [closeStart, end) its end tag (empty when self-closing). */
export interface SourceSpan {
  readonly start: number;
  readonly startTagEnd: number;
  readonly closeStart: number;
  readonly end: number;
}

const noChildren: readonly Node[] = Object.freeze([]);

const characterKinds = {
  text: { nodeType: TEXT_NODE, nodeName: '#text' },
  comment: { nodeType: COMMENT_NODE, nodeName: '#comment' },
  cdata: { nodeType: CDATA_SECTION_NODE, nodeName: '#cdata-section' },
} as const;

export type CharacterKind = keyof typeof characterKinds;

export abstract class Node {
  parentNode: ParentNode | null = null;
  /** Whether this node, or anything in it, changed since it was parsed (a new node has no source, and is written anew). */
  changed = false;

  constructor(public ownerDocument: Document | null) {}

  abstract get nodeType(): number;
  abstract get nodeName(): string;

  get childNodes(): readonly Node[] {
    return noChildren;
  }

  get lastChild(): Node | null {
    return this.childNodes[this.childNodes.length - 1] ?? null;
  }

  get previousSibling(): Node | null {
    const siblings = this.parentNode?.childNodes;
    const index = siblings ? siblings.indexOf(this) : -1;
    return index > 0 ? siblings![index - 1]! : null;
  }

  get nextSibling(): Node | null {
    const siblings = this.parentNode?.childNodes;
    const index = siblings ? siblings.indexOf(this) : -1;
    return index >= 0 ? (siblings![index + 1] ?? null) : null;
  }

  /** Marks this node and every node it is in as changed: their source no longer says what they hold. */
  protected markChanged(): void {
    for (let node: Node | null = this; node && !node.changed; node = node.parentNode) node.changed = true;
  }

  abstract cloneInto(document: Document, deep: boolean): Node;
}

/** A node whose content is text: a text node, a comment, a CDATA section. */
export class CharacterData extends Node {
  #data: string;
  readonly #kind: CharacterKind;

  constructor(kind: CharacterKind, ownerDocument: Document | null, data: string) {
    super(ownerDocument);
    this.#kind = kind;
    this.#data = data;
  }

  get nodeType(): number {
    return characterKinds[this.#kind].nodeType;
  }

  get nodeName(): string {
    return characterKinds[this.#kind].nodeName;
  }

  get data(): string {
    return this.#data;
  }

  set data(value: string) {
    if (value === this.#data) return;
    this.#data = value;
    this.markChanged();
  }

  cloneInto(document: Document): CharacterData {
    return copied(new CharacterData(this.#kind, document, this.#data));
  }
}

export class ProcessingInstruction extends Node {
  constructor(
    ownerDocument: Document | null,
    readonly target: string,
    readonly data: string,
  ) {
    super(ownerDocument);
  }

  get nodeType(): number {
    return PROCESSING_INSTRUCTION_NODE;
  }

  get nodeName(): string {
    return this.target;
  }

  cloneInto(document: Document): ProcessingInstruction {
    return copied(new ProcessingInstruction(document, this.target, this.data));
  }
}

/** A node with children: an element, or the document. */
export abstract class ParentNode extends Node {
  // Made on the first child: most elements of a large file (a rule's <match>) have none.
  #children: Node[] | undefined;
  /** The children as parsed, kept from the first change to them: the writer tells the source's runs from new ones. */
  originalChildren: readonly Node[] | undefined;

  override get childNodes(): readonly Node[] {
    return this.#children ?? noChildren;
  }

  /** The children at parse time: the ones the source holds. */
  get parsedChildren(): readonly Node[] {
    return this.originalChildren ?? this.childNodes;
  }

  /** Adds a child while parsing: no change to mark. */
  adoptParsed(child: Node): void {
    child.parentNode = this;
    (this.#children ??= []).push(child);
  }

  /** The parse is done with its children: their list takes only the room they need (an array grown by push keeps spare room). */
  endParsed(): void {
    if (this.#children) this.#children = this.#children.slice();
  }

  insertBefore<T extends Node>(node: T, before: Node | null): T {
    node.parentNode?.removeChild(node);
    this.#beforeChange();
    const children = (this.#children ??= []);
    const index = before ? children.indexOf(before) : -1;
    if (index < 0) children.push(node);
    else children.splice(index, 0, node);
    node.parentNode = this;
    return node;
  }

  appendChild<T extends Node>(node: T): T {
    return this.insertBefore(node, null);
  }

  removeChild<T extends Node>(node: T): T {
    const index = this.childNodes.indexOf(node);
    if (index < 0) throw new Error('removeChild: not a child of this node');
    this.#beforeChange();
    this.#children!.splice(index, 1);
    node.parentNode = null;
    return node;
  }

  replaceChild<T extends Node>(node: Node, old: T): T {
    this.insertBefore(node, old);
    return this.removeChild(old);
  }

  /** The elements below this node named `name`, in document order. */
  getElementsByTagName(name: string): Element[] {
    const found: Element[] = [];
    const visit = (parent: ParentNode) => {
      for (const child of parent.childNodes) {
        if (child instanceof Element) {
          if (child.nodeName === name) found.push(child);
          visit(child);
        }
      }
    };
    visit(this);
    return found;
  }

  #beforeChange(): void {
    this.originalChildren ??= [...this.childNodes];
    this.markChanged();
  }
}

export interface Attr {
  readonly name: string;
  readonly value: string;
}

export class Element extends ParentNode {
  readonly #name: string;
  // Names and values in turn: a file of thousands of elements keeps no object per attribute.
  #attributes: string[];
  // Where it was in the source (see SourceSpan); -1 for an element made or copied after parsing.
  #start = -1;
  #startTagEnd = -1;
  #closeStart = -1;
  #end = -1;

  constructor(ownerDocument: Document | null, name: string, attributes: string[] = []) {
    super(ownerDocument);
    this.#name = name;
    this.#attributes = attributes;
  }

  get nodeType(): number {
    return ELEMENT_NODE;
  }

  get nodeName(): string {
    return this.#name;
  }

  get tagName(): string {
    return this.#name;
  }

  /** Where it was in the source; undefined for an element made or copied after parsing. */
  get source(): SourceSpan | undefined {
    return this.#start < 0 ? undefined : { start: this.#start, startTagEnd: this.#startTagEnd, closeStart: this.#closeStart, end: this.#end };
  }

  /** Sets where the parser found it: its start tag first, its end once it is closed. */
  placeInSource(start: number, startTagEnd: number, closeStart = startTagEnd, end = startTagEnd): void {
    this.#start = start;
    this.#startTagEnd = startTagEnd;
    this.#closeStart = closeStart;
    this.#end = end;
  }

  /** Its line in the source (1-based), for messages about it; undefined for an element made after parsing. */
  get lineNumber(): number | undefined {
    const text = this.ownerDocument?.sourceText;
    return this.#start < 0 || text === undefined ? undefined : positionIn(text, this.#start)[0];
  }

  get attributes(): Attr[] {
    const attributes: Attr[] = [];
    for (let index = 0; index < this.#attributes.length; index += 2) attributes.push({ name: this.#attributes[index]!, value: this.#attributes[index + 1]! });
    return attributes;
  }

  /** Whether its attributes changed since it was parsed (else the source's start tag says them). */
  attributesChanged = false;

  getAttribute(name: string): string | null {
    const index = this.#indexOf(name);
    return index < 0 ? null : this.#attributes[index + 1]!;
  }

  hasAttribute(name: string): boolean {
    return this.#indexOf(name) >= 0;
  }

  setAttribute(name: string, value: string): void {
    const index = this.#indexOf(name);
    if (index >= 0 && this.#attributes[index + 1] === value) return;
    this.#attributes = [...this.#attributes];
    if (index >= 0) this.#attributes[index + 1] = value;
    else this.#attributes.push(name, value);
    this.attributesChanged = true;
    this.markChanged();
  }

  #indexOf(name: string): number {
    for (let index = 0; index < this.#attributes.length; index += 2) if (this.#attributes[index] === name) return index;
    return -1;
  }

  cloneInto(document: Document, deep: boolean): Element {
    const copy = new Element(document, this.nodeName, [...this.#attributes]);
    if (deep) for (const child of this.childNodes) copy.adoptParsed(child.cloneInto(document, true));
    return copied(copy);
  }
}

export class Document extends ParentNode {
  /** @param sourceText the text the document was parsed from, if it was. */
  constructor(readonly sourceText?: string) {
    super(null);
  }

  get nodeType(): number {
    return DOCUMENT_NODE;
  }

  get nodeName(): string {
    return '#document';
  }

  get documentElement(): Element | null {
    return (this.childNodes.find(child => child instanceof Element) as Element | undefined) ?? null;
  }

  createElement(name: string): Element {
    return copied(new Element(this, name));
  }

  createTextNode(data: string): CharacterData {
    return copied(new CharacterData('text', this, data));
  }

  /** A copy of `node` (with its descendants when `deep`) that belongs to this document, with no source. */
  importNode<T extends Node>(node: T, deep = false): T {
    return node.cloneInto(this, deep) as T;
  }

  cloneInto(): Document {
    throw new Error('a document is not copied');
  }
}

/** The 1-based line and column of `offset` in `content`. */
export function positionIn(content: string, offset: number): [line: number, column: number] {
  const before = content.slice(0, offset).split('\n');
  return [before.length, before.at(-1)!.length + 1];
}

/** A node made after parsing: it has no source, so it is written anew. */
function copied<T extends Node>(node: T): T {
  node.changed = true;
  return node;
}
