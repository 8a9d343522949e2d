import assert from 'node:assert/strict';
import { mergeWebConfig } from '../../lib/iis/merge.js';
import { mergeDocument, type KeyedList } from '../../lib/xml/merge.js';
import { parseXmlText, serializeXmlText, XmlSyntaxError } from '../../lib/xml/text.js';
import { malformedWebConfigs } from '../fixtures/malformed.js';

const settings: KeyedList = { path: ['appSettings', 'add'], key: 'key', ignoreCase: true, update: 'attributes', placement: 'end' };
const desired = '<configuration>\n  <appSettings>\n    <add key="WSGI_HANDLER" value="app.app" />\n  </appSettings>\n</configuration>\n';

function merged(existing: string): { text: string; changes: string[] } {
  const target = parseXmlText(existing, 'web.config');
  const changes = mergeDocument(target.document, parseXmlText(desired, 'generated').document, [settings]);
  return { text: serializeXmlText(target), changes: changes.map(change => `${change.kind}: ${change.description}`) };
}

describe('xml: reading, merging and writing back', () => {
  for (const { name, text, position } of malformedWebConfigs) {
    it(`${name}: an XmlSyntaxError with the parser's position, from the reader and from the merge`, () => {
      assert.throws(() => parseXmlText(text, 'web.config'), (error: unknown) => {
        assert.ok(error instanceof XmlSyntaxError);
        assert.match(error.message, /^web\.config is not well-formed XML \(/);
        assert.match(error.message, position);
        assert.match(error.message, /it was left as it is: fix it, then run again\.$/);
        return true;
      });
      assert.throws(() => mergeWebConfig(text, desired, 'web.config'), XmlSyntaxError);
    });
  }

  it('adds a missing keyed item at the end of its list, and reports it as an addition', () => {
    const { text, changes } = merged('<configuration>\n  <appSettings>\n    <add key="OTHER" value="1" />\n  </appSettings>\n</configuration>\n');
    assert.equal(
      text,
      '<configuration>\n  <appSettings>\n    <add key="OTHER" value="1" />\n    <add key="WSGI_HANDLER" value="app.app" />\n  </appSettings>\n</configuration>\n',
    );
    assert.equal(changes.length, 1);
    assert.match(changes[0]!, /^addition: /);
  });

  it('updates an item found by its key without regard to case, keeping the attributes the user added', () => {
    const { text, changes } = merged('<configuration>\n  <appSettings>\n    <add key="wsgi_handler" value="old.app" note="mine" />\n  </appSettings>\n</configuration>\n');
    assert.equal(text, '<configuration>\n  <appSettings>\n    <add key="wsgi_handler" value="app.app" note="mine" />\n  </appSettings>\n</configuration>\n');
    assert.equal(changes.length, 1);
    assert.match(changes[0]!, /^modification: /);
  });

  it('changes nothing, and reports nothing, when the item is already there', () => {
    const existing = '<configuration>\n  <!-- mine -->\n  <appSettings>\n    <add key="WSGI_HANDLER" value="app.app" />\n  </appSettings>\n</configuration>\n';
    assert.deepEqual(merged(existing).changes, []);
  });

  it('creates the containers a document lacks', () => {
    const { text } = merged('<configuration>\n  <system.webServer />\n</configuration>\n');
    assert.equal(
      text,
      '<configuration>\n  <system.webServer />\n  <appSettings>\n    <add key="WSGI_HANDLER" value="app.app" />\n  </appSettings>\n</configuration>\n',
    );
  });

  it('writes back what it did not change as it was: quotes, entities, " />", attribute layout, mixed line ends', () => {
    const existing = [
      "<?xml version='1.0' encoding='utf-8'?>\r\n",
      '<configuration>\r\n',
      "  <appSettings  >\n",
      "    <add key='OTHER' value='a &amp; b &#x41;'/>\r\n",
      '  </appSettings>\r\n',
      '  <system.webServer>\r\n',
      '    <rewrite><rules><rule name="x"\r\n          stopProcessing="true"><match url="^(.*)$" /></rule></rules></rewrite>\r\n',
      '    <!-- keep &amp; this -->\r\n',
      '  </system.webServer>\r\n',
      '</configuration>',
    ].join('');
    const { text } = merged(existing);
    // Only the new item is new text, in the file's CRLF; every other byte is the file's own.
    const expected = existing.replace("a &amp; b &#x41;'/>\r\n", "a &amp; b &#x41;'/>\r\n    <add key=\"WSGI_HANDLER\" value=\"app.app\" />\r\n");
    assert.equal(text, expected);
  });

  it('rewrites only the start tag of an item it updates, and keeps the file\'s "/>" for what it adds', () => {
    const existing = '<configuration>\n  <appSettings>\n    <add   key="wsgi_handler"\n         value="old.app"/>\n    <add key="B" value="&quot;x&quot;"/>\n  </appSettings>\n</configuration>\n';
    const { text } = merged(existing);
    assert.equal(text, '<configuration>\n  <appSettings>\n    <add key="wsgi_handler" value="app.app"/>\n    <add key="B" value="&quot;x&quot;"/>\n  </appSettings>\n</configuration>\n');
  });

  it('writes back a byte-order mark, CRLF line ends and the whitespace after the root', () => {
    const text = '\uFEFF<?xml version="1.0"?>\r\n<configuration>\r\n  <!-- a comment -->\r\n  <appSettings>\r\n  </appSettings>\r\n</configuration>\r\n\r\n';
    assert.equal(serializeXmlText(parseXmlText(text, 'web.config')), text);
  });
});
