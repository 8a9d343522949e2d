import { createRequire } from 'node:module';
import { CharacterData, COMMENT_NODE, Document, Element, positionIn, ProcessingInstruction, TEXT_NODE, type Node, type SourceSpan } from './tree.js';

export type { Document, Element, Node } from './tree.js';

// sax is loaded on the first XML read: a new site never reads XML.
const require = createRequire(import.meta.url);
let sax: typeof import('sax') | undefined;

/** A file that is not well-formed XML, with the parser's position of the first problem. */
export class XmlSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file} is not well-formed XML (line ${line}, column ${column}: ${reason}); it was left as it is: fix it, then run again.`);
    this.name = 'XmlSyntaxError';
  }
}

/**
 * An XML file as a document tree, with what is needed to write it back changing only what was
 * changed in the tree: the text it was parsed from (each element knows its place in it, and
 * whether anything in it changed). An element whose attributes and children are as they were
 * is written back as its original text, byte for byte (its `" />`, its quotes, its entities,
 * its line ends).
 */
export interface XmlText {
  readonly document: Document;
  readonly byteOrderMark: boolean;
  /** The line end of new lines: the file's own (CRLF if it has one). */
  readonly lineEnd: '\n' | '\r\n';
  /** The text parsed, without its byte-order mark. */
  readonly content: string;
  /** How the file closes an empty element: `" />"` or `"/>"`. */
  readonly selfClose: ' />' | '/>';
}

const byteOrderMark = '\uFEFF';

/**
 * Parses `text` (the content of `file`) with sax in strict mode: anything not well-formed
 * throws an XmlSyntaxError at its position, a bare & (as in a URL's query string, the most
 * common mistake in a web.config) included, as IIS refuses it.
 */
export function parseXmlText(text: string, file: string): XmlText {
  const hasByteOrderMark = text.startsWith(byteOrderMark);
  const content = hasByteOrderMark ? text.slice(1) : text;
  const document = buildTree(content, file);
  if (!document.documentElement) throw new XmlSyntaxError(file, 1, 1, 'there is no root element');
  const spaced = (content.match(/\s\/>/g) ?? []).length;
  const unspaced = (content.match(/[^\s]\/>/g) ?? []).length;
  return {
    document,
    byteOrderMark: hasByteOrderMark,
    lineEnd: content.includes('\r\n') ? '\r\n' : '\n',
    content,
    selfClose: spaced >= unspaced && spaced > 0 ? ' />' : '/>',
  };
}

/**
 * `text` as one piece: sax builds values a character at a time, which V8 keeps as a chain of
 * pieces (32 bytes each) until something reads the string's characters, as charCodeAt does.
 */
function flat(text: string): string {
  if (text.length > 12) text.charCodeAt(0);
  return text;
}

function buildTree(content: string, file: string): Document {
  sax ??= require('sax') as typeof import('sax');
  // strictEntities: only XML's five named entities (sax would take HTML's &nbsp; too, which XML and IIS refuse).
  const parser = sax.parser(true, { xmlns: true, position: true, strictEntities: true } as import('sax').SAXOptions);
  const document = new Document(content);
  // Element and attribute names, and the same indentation, repeat thousands of times over: one string for each.
  const known = new Map<string, string>();
  const shared = (value: string) => {
    let one = known.get(value);
    if (one === undefined) known.set(value, (one = flat(value)));
    return one;
  };
  const text = (data: string) => (data.length > 80 || data.trim() !== '' ? flat(data) : shared(data));
  const open: Element[] = [];
  const add = (node: Node) => {
    const parent = open.at(-1);
    // Outside the root element only whitespace can be text (sax refuses any other): it is not kept.
    if (parent) parent.adoptParsed(node);
    else if (node.nodeType !== TEXT_NODE) document.adoptParsed(node);
  };
  parser.onerror = error => {
    const reason = error.message.split('\n')[0]!;
    // An end tag that does not match, or the end of the file: the element left open is the mistake, where it opens.
    const unclosed = /^(Unexpected close tag|Unclosed root tag)/.test(reason) ? open.at(-1) : undefined;
    if (unclosed) {
      const [line, column] = positionIn(content, unclosed.source!.start);
      throw new XmlSyntaxError(file, line, column, `<${unclosed.nodeName}> is not closed (${reason.toLowerCase()})`);
    }
    throw new XmlSyntaxError(file, parser.line + 1, parser.column, reason);
  };
  // The declaration, if any, must be the file's very first characters (sax takes it anywhere).
  const declaration = /<\?xml[\s?]/.exec(content);
  if (declaration && declaration.index > 0) {
    const [line, column] = positionIn(content, declaration.index);
    throw new XmlSyntaxError(file, line, column, 'the XML declaration (<?xml ...?>) must be the first thing in the file');
  }
  // sax keeps the last of two attributes of one name; XML (and IIS) refuse the file.
  const attributeNames = new Set<string>();
  parser.onattribute = ({ name }) => {
    if (attributeNames.has(name)) throw new XmlSyntaxError(file, parser.line + 1, parser.column, `the attribute ${name} is given twice`);
    attributeNames.add(name);
  };
  parser.onopentag = tag => {
    attributeNames.clear();
    const given = Object.values(tag.attributes as Record<string, { name: string; value: string }>);
    // Made at its size: an array grown by push keeps spare room.
    const attributes = new Array<string>(given.length * 2);
    given.forEach(({ name, value }, index) => {
      attributes[2 * index] = shared(name);
      attributes[2 * index + 1] = flat(value);
    });
    const element = new Element(document, shared(tag.name), attributes);
    const start = parser.startTagPosition - 1;
    // A < in a start tag is one in an attribute value: sax takes it, XML (and IIS) refuse it.
    const stray = content.indexOf('<', start + 1);
    if (stray !== -1 && stray < parser.position) {
      const [line, column] = positionIn(content, stray);
      throw new XmlSyntaxError(file, line, column, `a < in an attribute value of <${tag.name}> (write it &lt;)`);
    }
    element.placeInSource(start, parser.position);
    add(element);
    open.push(element);
  };
  parser.onclosetag = () => {
    const element = open.pop()!;
    const { start, startTagEnd } = element.source!;
    const end = parser.position;
    element.placeInSource(start, startTagEnd, end === startTagEnd ? end : content.lastIndexOf('</', end - 1), end);
    element.endParsed();
  };
  parser.ontext = data => add(new CharacterData('text', document, text(data)));
  parser.oncomment = data => add(new CharacterData('comment', document, data));
  let cdata = '';
  parser.onopencdata = () => {
    cdata = '';
  };
  parser.oncdata = data => {
    cdata += data;
  };
  parser.onclosecdata = () => add(new CharacterData('cdata', document, cdata));
  parser.onprocessinginstruction = ({ name, body }) => add(new ProcessingInstruction(document, name, body));
  parser.write(content).close();
  return document;
}

/** The file's text for the document as it is now: unchanged parts byte for byte from the source, changed ones written in the file's style. */
export function serializeXmlText(xml: XmlText): string {
  const root = xml.document.documentElement!;
  // One list of pieces for the whole file, joined once: a changed element deep in a large file
  // is not copied again at each level above it.
  const out: string[] = [xml.byteOrderMark ? byteOrderMark : ''];
  const writer = new SourceWriter(xml, out);
  if (root.source) {
    out.push(xml.content.slice(0, root.source.start));
    writer.node(root);
    writer.flush();
    out.push(xml.content.slice(root.source.end));
  } else {
    for (const node of xml.document.childNodes) writer.node(node);
    writer.flush();
  }
  return out.join('');
}

/**
 * Writes nodes back into `out`: as their source where they are unchanged, else as new XML in
 * the file's style. Consecutive source text is taken in one piece: a list of thousands of
 * rules with one added is a few slices of the file, not thousands.
 */
class SourceWriter {
  // Source text to write as it is, not yet put in `out`.
  #kept: { from: number; to: number } | undefined;

  constructor(
    private readonly xml: XmlText,
    private readonly out: string[],
  ) {}

  node(node: Node): void {
    if (node instanceof Element) this.element(node);
    else if (node instanceof CharacterData) {
      if (node.nodeType === TEXT_NODE) this.write(this.newLines(escapeText(node.data)));
      else if (node.nodeType === COMMENT_NODE) this.write(this.newLines(`<!--${node.data}-->`));
      else this.write(this.newLines(`<![CDATA[${node.data}]]>`));
    } else if (node instanceof ProcessingInstruction) this.write(this.newLines(`<?${node.target}${node.data ? ` ${node.data}` : ''}?>`));
  }

  flush(): void {
    if (this.#kept) this.out.push(this.xml.content.slice(this.#kept.from, this.#kept.to));
    this.#kept = undefined;
  }

  private keep(from: number, to: number): void {
    if (this.#kept && this.#kept.to === from) this.#kept.to = to;
    else {
      this.flush();
      this.#kept = { from, to };
    }
  }

  private write(text: string): void {
    this.flush();
    this.out.push(text);
  }

  private element(element: Element): void {
    const span = element.source;
    if (span && !element.changed) return this.keep(span.start, span.end);
    const startTagKept = span !== undefined && !element.attributesChanged;
    const endTagKept = span !== undefined && span.closeStart !== span.end;
    if (element.childNodes.length === 0) {
      if (startTagKept) this.keep(span.start, span.startTagEnd);
      else this.write(this.startTag(element, endTagKept ? '>' : this.xml.selfClose));
      if (endTagKept) this.keep(span.closeStart, span.end);
      return;
    }
    const startTag = startTagKept ? this.xml.content.slice(span.start, span.startTagEnd) : undefined;
    // A self-closing element that gains children: its start tag opens, and an end tag follows.
    if (startTag !== undefined && !/\/>$/.test(startTag)) this.keep(span!.start, span!.startTagEnd);
    else this.write(startTag?.replace(/\s*\/>$/, '>') ?? this.startTag(element, '>'));
    this.children(element, span);
    if (endTagKept) this.keep(span!.closeStart, span!.end);
    else this.write(`</${element.nodeName}>`);
  }

  /**
   * The children: a run of text and comments between two elements (or an end) that is what
   * the source had between the same two, unchanged, is the source's text, and so is an
   * unchanged element; the rest is written.
   */
  private children(element: Element, span: SourceSpan | undefined): void {
    const isOriginalRun = span ? this.#originalRuns(element) : () => false;
    let previous: Element | undefined;
    let run: Node[] = [];
    const endRun = (next: Element | undefined) => {
      if (span && isOriginalRun(previous, next, run)) this.keep(previous ? previous.source!.end : span.startTagEnd, next ? next.source!.start : span.closeStart);
      else for (const node of run) this.node(node);
      run = [];
    };
    for (const child of element.childNodes) {
      if (!(child instanceof Element)) {
        run.push(child);
        continue;
      }
      endRun(child);
      this.node(child);
      previous = child;
    }
    endRun(undefined);
  }

  /**
   * Whether a run of text and comments between `previous` and `next` (undefined: the start,
   * the end) is exactly and only what the source had between them. Children that were never
   * added, moved or removed are where they were: a run is then original when nothing in it changed.
   */
  #originalRuns(element: Element): (previous: Element | undefined, next: Element | undefined, run: readonly Node[]) => boolean {
    if (element.originalChildren === undefined) return (_previous, _next, run) => run.every(node => !node.changed);
    const parsed = element.parsedChildren;
    // Positions looked up once: a list of thousands of rules is not searched again for each of them.
    const parsedIndex = new Map<Node, number>();
    parsed.forEach((child, index) => parsedIndex.set(child, index));
    return (previous, next, run) => {
      const from = previous ? parsedIndex.get(previous) : -1;
      const to = next ? parsedIndex.get(next) : parsed.length;
      if (from === undefined || to === undefined || to <= from || to - from - 1 !== run.length) return false;
      for (let index = 0; index < run.length; index++) {
        const node = parsed[from + 1 + index]!;
        if (node !== run[index] || node.changed || node instanceof Element) return false;
      }
      return true;
    };
  }

  private startTag(element: Element, close: string): string {
    const attributes = element.attributes.map(attribute => ` ${attribute.name}="${escapeAttribute(attribute.value)}"`);
    return `<${element.nodeName}${attributes.join('')}${close}`;
  }

  private newLines(text: string): string {
    return text.replace(/\r?\n/g, this.xml.lineEnd);
  }
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, character => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[character]!);
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, character => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[character]!);
}
