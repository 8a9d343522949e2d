import { createRequire } from 'node:module';
import type { Document, Element, Node } from '@xmldom/xmldom';

// Both parsers are loaded on the first XML read: a new site never reads XML, and they
// cost about 50 ms to load.
const require = createRequire(import.meta.url);
let parsers: { xmldom: typeof import('@xmldom/xmldom'); sax: typeof import('sax') } | undefined;

function loadParsers(): NonNullable<typeof parsers> {
  parsers ??= { xmldom: require('@xmldom/xmldom') as typeof import('@xmldom/xmldom'), sax: require('sax') as typeof import('sax') };
  return parsers;
}

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
 * An XML file as a DOM, with what is needed to write it back changing only what was changed
 * in the DOM: the text it was parsed from, where each element was in it, and what each node
 * was then. An element whose attributes and children are as they were is written back as its
 * original text, byte for byte (its `" />`, its quotes, its entities, its line ends).
 */
export interface XmlText {
  readonly document: Document;
  readonly byteOrderMark: boolean;
  /** The line end of new lines: the file's own (CRLF if it has one). */
  readonly lineEnd: '\n' | '\r\n';
  readonly source: SourceText;
}

/** Where an element was in the source: [start, startTagEnd) is its start tag, [closeStart, end) its end tag (none when self-closing). */
interface Span {
  readonly start: number;
  readonly startTagEnd: number;
  readonly closeStart: number;
  readonly end: number;
  readonly attributes: string;
  readonly children: readonly Node[];
}

interface SourceText {
  readonly content: string;
  readonly spans: WeakMap<Node, Span>;
  /** What each text and comment node held when it was parsed. */
  readonly data: WeakMap<Node, string>;
  /** How the file closes an empty element: `" />"` or `"/>"`. */
  readonly selfClose: ' />' | '/>';
}

const byteOrderMark = '\uFEFF';

/** Parses `text` (the content of `file`); anything not well-formed throws an XmlSyntaxError. */
export function parseXmlText(text: string, file: string): XmlText {
  const hasByteOrderMark = text.startsWith(byteOrderMark);
  const content = hasByteOrderMark ? text.slice(1) : text;
  let problem: XmlSyntaxError | undefined;
  const parser = new (loadParsers().xmldom.DOMParser)({
    onError: (level, message, handler: { locator?: { lineNumber?: number; columnNumber?: number } }) => {
      if (level === 'warning') return;
      // Only the first problem is reported: later ones often follow from it.
      problem ??= new XmlSyntaxError(
        file,
        Math.max(handler.locator?.lineNumber ?? 1, 1),
        handler.locator?.columnNumber ?? 1,
        message.split('\n')[0].trim(),
      );
      throw problem;
    },
  });
  let document: Document;
  try {
    document = parser.parseFromString(content, 'text/xml');
  } catch (error) {
    throw problem ?? error;
  }
  if (!document.documentElement) throw new XmlSyntaxError(file, 1, 1, 'there is no root element');
  const positions = elementPositions(content, file);
  return {
    document,
    byteOrderMark: hasByteOrderMark,
    lineEnd: content.includes('\r\n') ? '\r\n' : '\n',
    source: sourceText(content, document, positions),
  };
}

type Position = [start: number, startTagEnd: number, end: number];

/**
 * Each element's place in `content`, in document order, from sax in strict mode. xmldom
 * accepts a bare & (as in a URL's query string, the most common mistake in a web.config),
 * which IIS refuses: sax finds it, at its position.
 */
function elementPositions(content: string, file: string): Position[] {
  const parser = loadParsers().sax.parser(true, { xmlns: true, position: true });
  const positions: Position[] = [];
  const open: Position[] = [];
  parser.onerror = error => {
    throw new XmlSyntaxError(file, parser.line + 1, parser.column, error.message.split('\n')[0]);
  };
  parser.onopentag = () => {
    const position: Position = [parser.startTagPosition - 1, parser.position, parser.position];
    positions.push(position);
    open.push(position);
  };
  parser.onclosetag = () => {
    open.pop()![2] = parser.position;
  };
  parser.write(content).close();
  return positions;
}

function sourceText(content: string, document: Document, positions: Position[]): SourceText {
  const spans = new WeakMap<Node, Span>();
  const data = new WeakMap<Node, string>();
  const elements: Element[] = [];
  const visit = (node: Node): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === ELEMENT_NODE) {
        elements.push(child as Element);
        visit(child);
      } else if (child.nodeType === TEXT_NODE || child.nodeType === COMMENT_NODE) {
        data.set(child, textOf(child));
      }
    }
  };
  visit(document);
  // Both parsers read the same text, so their elements pair up in order; if they ever did not, nothing is kept as source.
  if (elements.length === positions.length) {
    elements.forEach((element, index) => {
      const [start, startTagEnd, end] = positions[index];
      const selfClosing = end === startTagEnd;
      spans.set(element, {
        start,
        startTagEnd,
        closeStart: selfClosing ? end : content.lastIndexOf('</', end - 1),
        end,
        attributes: attributesKey(element),
        children: Array.from(element.childNodes),
      });
    });
  }
  const spaced = (content.match(/\s\/>/g) ?? []).length;
  const unspaced = (content.match(/[^\s]\/>/g) ?? []).length;
  return { content, spans, data, selfClose: spaced >= unspaced && spaced > 0 ? ' />' : '/>' };
}

export function serializeXmlText(xml: XmlText): string {
  const { content, spans } = xml.source;
  const root = xml.document.documentElement!;
  const rootSpan = spans.get(root);
  const writer = new SourceWriter(xml);
  const body = rootSpan
    ? content.slice(0, rootSpan.start) + writer.node(root) + content.slice(rootSpan.end)
    : writer.fallback(xml.document);
  return (xml.byteOrderMark ? byteOrderMark : '') + body;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;

/** Where each original child of an element was: among all its children, and among its elements. */
interface Positions {
  readonly ofChild: ReadonlyMap<Node, number>;
  readonly ofElement: ReadonlyMap<Node, number>;
}

/** Writes nodes back: as their source where they are unchanged, else as new XML in the file's style. */
class SourceWriter {
  private readonly unchanged = new Map<Node, boolean>();

  constructor(private readonly xml: XmlText) {}

  node(node: Node): string {
    if (node.nodeType === ELEMENT_NODE) return this.element(node as Element);
    if (node.nodeType === TEXT_NODE) return this.newLines(escapeText(textOf(node)));
    if (node.nodeType === COMMENT_NODE) return this.newLines(`<!--${textOf(node)}-->`);
    return this.fallback(node);
  }

  fallback(node: Node): string {
    return this.newLines(new (loadParsers().xmldom.XMLSerializer)().serializeToString(node));
  }

  private element(element: Element): string {
    const { content, spans } = this.xml.source;
    const span = spans.get(element);
    if (span && this.isUnchanged(element)) return content.slice(span.start, span.end);
    const children = Array.from(element.childNodes);
    let startTag = span && span.attributes === attributesKey(element) ? content.slice(span.start, span.startTagEnd) : undefined;
    if (children.length === 0) {
      if (span && span.closeStart !== span.end) return (startTag ?? this.startTag(element, '>')) + content.slice(span.closeStart, span.end);
      return startTag ?? this.startTag(element, this.xml.source.selfClose);
    }
    startTag = startTag?.replace(/\s*\/>$/, '>') ?? this.startTag(element, '>');
    const endTag = span && span.closeStart !== span.end ? content.slice(span.closeStart, span.end) : `</${element.nodeName}>`;
    return startTag + this.children(element, children, span) + endTag;
  }

  /** The children, where a run of text and comments that is as it was between the same two elements is its source. */
  private children(element: Element, children: Node[], span: Span | undefined): string {
    const { content, spans } = this.xml.source;
    // Positions looked up once: a list of thousands of rules is not searched again for each of them.
    const positions: Positions = {
      ofChild: new Map(span ? span.children.map((child, index) => [child, index]) : []),
      ofElement: new Map(span ? span.children.filter(child => child.nodeType === ELEMENT_NODE).map((child, index) => [child, index]) : []),
    };
    const out: string[] = [];
    let previous: Element | null = null;
    let run: Node[] = [];
    const flushRun = (next: Element | null) => {
      const source = span && this.originalRun(span, positions, previous, next, run);
      if (source !== undefined) {
        const from = previous ? spans.get(previous)!.end : span!.startTagEnd;
        const to = next ? spans.get(next)!.start : span!.closeStart;
        out.push(content.slice(from, to));
      } else {
        for (const node of run) out.push(this.node(node));
      }
      run = [];
    };
    for (const child of children) {
      if (child.nodeType !== ELEMENT_NODE) {
        run.push(child);
        continue;
      }
      flushRun(child as Element);
      out.push(this.node(child));
      previous = child as Element;
    }
    flushRun(null);
    return out.join('');
  }

  /** Whether `run`, between `previous` and `next`, is exactly what was between them in the source. */
  private originalRun(span: Span, positions: Positions, previous: Element | null, next: Element | null, run: Node[]): true | undefined {
    const previousIndex = previous ? (positions.ofElement.get(previous) ?? -2) : -1;
    if (previousIndex === -2) return undefined;
    const nextIndex = next ? (positions.ofElement.get(next) ?? -2) : positions.ofElement.size;
    if (nextIndex === -2) return undefined;
    if (nextIndex !== previousIndex + 1) return undefined;
    const from = previous ? positions.ofChild.get(previous)! + 1 : 0;
    const to = next ? positions.ofChild.get(next)! : span.children.length;
    const original = span.children.slice(from, to);
    if (original.length !== run.length) return undefined;
    return original.every((node, index) => node === run[index] && this.isUnchanged(node)) ? true : undefined;
  }

  private isUnchanged(node: Node): boolean {
    const known = this.unchanged.get(node);
    if (known !== undefined) return known;
    let result: boolean;
    if (node.nodeType === ELEMENT_NODE) {
      const span = this.xml.source.spans.get(node);
      const children = Array.from(node.childNodes);
      result =
        span !== undefined &&
        span.attributes === attributesKey(node as Element) &&
        span.children.length === children.length &&
        span.children.every((child, index) => child === children[index] && this.isUnchanged(child));
    } else if (node.nodeType === TEXT_NODE || node.nodeType === COMMENT_NODE) {
      result = this.xml.source.data.get(node) === textOf(node);
    } else {
      result = false;
    }
    this.unchanged.set(node, result);
    return result;
  }

  private startTag(element: Element, close: string): string {
    const attributes = Array.from(element.attributes, attribute => ` ${attribute.name}="${escapeAttribute(attribute.value)}"`);
    return `<${element.nodeName}${attributes.join('')}${close}`;
  }

  private newLines(text: string): string {
    return text.replace(/\r?\n/g, this.xml.lineEnd);
  }
}

function textOf(node: Node): string {
  return (node as unknown as { data: string }).data;
}

function attributesKey(element: Element): string {
  return Array.from(element.attributes, attribute => `${attribute.name}\u0000${attribute.value}`).join('\u0001');
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, character => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[character]!);
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, character => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[character]!);
}
