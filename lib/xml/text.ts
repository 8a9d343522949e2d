import { createRequire } from 'node:module';
import type { Document } from '@xmldom/xmldom';

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
 * An XML file as a DOM, with what the DOM does not keep about the text (a byte-order mark,
 * CRLF line ends, the whitespace after the root element), so that writing it back changes
 * only what was changed in the DOM.
 */
export interface XmlText {
  readonly document: Document;
  readonly byteOrderMark: boolean;
  readonly lineEnd: '\n' | '\r\n';
  readonly trailing: string;
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
  checkStrictly(content, file);
  return {
    document,
    byteOrderMark: hasByteOrderMark,
    lineEnd: content.includes('\r\n') ? '\r\n' : '\n',
    trailing: content.slice(content.trimEnd().length),
  };
}

/**
 * xmldom accepts a bare & (as in a URL's query string, the most common mistake in a
 * web.config), which IIS refuses: sax's strict mode finds it, at its position.
 */
function checkStrictly(content: string, file: string): void {
  const parser = loadParsers().sax.parser(true, { xmlns: true, position: true });
  parser.onerror = error => {
    throw new XmlSyntaxError(file, parser.line + 1, parser.column, error.message.split('\n')[0]);
  };
  parser.write(content).close();
}

export function serializeXmlText(xml: XmlText): string {
  const serialized = new (loadParsers().xmldom.XMLSerializer)().serializeToString(xml.document) + xml.trailing.replaceAll('\r\n', '\n');
  return (xml.byteOrderMark ? byteOrderMark : '') + serialized.split('\n').join(xml.lineEnd);
}
