import assert from 'node:assert/strict';
import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { parseXmlText, serializeXmlText } from '../../lib/xml/text.js';
import { webConfigCorpus } from '../fixtures/web-config-corpus.js';

/*
 * The package's document tree against an independent parser (xmldom): the same elements,
 * attributes, text and comments in the same order, for every well-formed web.config of the
 * corpus (real files) and for generated documents; and written back unchanged, byte for byte.
 */

interface Walked {
  readonly type: number;
  readonly name: string;
  readonly attributes?: readonly string[];
  readonly data?: string;
}

type AnyNode = { nodeType: number; nodeName: string; childNodes: ArrayLike<AnyNode>; attributes?: ArrayLike<{ name: string; value: string }>; data?: string };

/** Every node below `node` in document order: elements with their attributes, text and comments with their data. */
function walk(node: AnyNode, into: Walked[] = []): Walked[] {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 1) {
      into.push({ type: 1, name: child.nodeName, attributes: Array.from(child.attributes ?? [], attribute => `${attribute.name}=${attribute.value}`) });
      walk(child, into);
    } else if (child.nodeType === 3 || child.nodeType === 4 || child.nodeType === 8) {
      into.push({ type: child.nodeType, name: child.nodeName, data: child.data });
    }
  }
  return into;
}

const rootOf = (node: AnyNode) => Array.from(node.childNodes).find(child => child.nodeType === 1)!;

function sameAsXmldom(text: string): void {
  const ours = parseXmlText(text, 'web.config');
  const theirs = new DOMParser({ onError: () => {} }).parseFromString(text.replace(/^\uFEFF/, ''), 'text/xml') as unknown as AnyNode;
  const root = rootOf(ours.document as unknown as AnyNode);
  const theirRoot = rootOf(theirs);
  assert.equal(root.nodeName, theirRoot.nodeName);
  // xmldom turns CRLF into LF in text, as XML's end-of-line handling says; the tree keeps the file's bytes for writing back.
  const normalised = (nodes: Walked[]) => nodes.map(node => (node.data === undefined ? node : { ...node, data: node.data.replace(/\r\n/g, '\n') }));
  assert.deepEqual(normalised(walk(root)), normalised(walk(theirRoot)));
  assert.equal(serializeXmlText(ours), text);
}

describe('xml: the document tree reads what an independent parser reads', () => {
  it("every web.config of the corpus that IIS can read: the same nodes as xmldom's, written back byte for byte", () => {
    let compared = 0;
    for (const fixture of webConfigCorpus) {
      for (const [file, text] of Object.entries(fixture.files)) {
        if (!file.endsWith('web.config')) continue;
        try {
          parseXmlText(text, file);
        } catch {
          continue;
        }
        sameAsXmldom(text);
        compared++;
      }
    }
    assert.ok(compared >= 20, `only ${compared} files compared`);
  });

  it('generated documents with attributes, entities, comments, CDATA and mixed line ends', () => {
    const name = fc.constantFrom('add', 'rule', 'system.webServer', 'xdt:Transform', 'match');
    const value = fc.string({ unit: fc.constantFrom('a', ' ', '&amp;', '&lt;', '&quot;', '&#9;', '>', "'", 'é', '/', '\\'), maxLength: 12 });
    const text = fc.string({ unit: fc.constantFrom('x', ' ', '\n', '\r\n', '\t', '&amp;', '&gt;', 'ü'), maxLength: 10 });
    const leaf = fc.oneof(
      text,
      // Never empty: sax reports no node for <!---->, which is written back from the source all the same.
      text.map(data => `<!-- ${data.replace(/-/g, '')}-->`),
      text.map(data => `<![CDATA[${data}<&]]>`),
      fc.tuple(name, value).map(([tag, attribute]) => `<${tag} a="${attribute}" b='${attribute.replace(/'/g, '')}'/>`),
      fc.tuple(name, value).map(([tag, attribute]) => `<${tag} a="${attribute}" ></${tag}>`),
    );
    const document = fc.array(leaf, { maxLength: 8 }).map(children => `<?xml version="1.0"?>\r\n<configuration xmlns:xdt="http://schemas.microsoft.com/XML-Document-Transform">${children.join('')}</configuration>\n`);
    fc.assert(fc.property(document, sameAsXmldom), { numRuns: 300 });
  });
});
