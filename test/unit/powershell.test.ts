import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SiteAnswers } from '../../lib/answers/model.js';
import { checkAll, snapshotDestination } from '../../lib/answers/resolve.js';
import { powershellString } from '../../lib/iis/setup-script.js';
import { webConfigLayout } from '../../lib/iis/web-config.js';
import { webconfigPart } from '../../lib/plans/webconfig.js';
import { generators } from '../../lib/engine/registry.js';
import { assignedLiteral, PowerShellSyntaxError, tokenize } from '../support/powershell.js';
import { temporaryFolder } from '../helpers.js';

const words = (source: string) => tokenize(source).filter(token => token.kind === 'word').map(token => token.text);

describe('PowerShell: the tokenizer the generated scripts are checked with', () => {
  it("reads single-quoted strings as PowerShell does, typographic quotes included", () => {
    assert.equal(tokenize("'it''s'")[0]!.value, "it's");
    assert.equal(tokenize("'a\u2019\u2019b'")[0]!.value, 'a\u2019b');
    assert.equal(tokenize("'a $b `c $(d)'")[0]!.value, 'a $b `c $(d)', 'nothing is expanded');
    // The injection: a typographic quote ends the string, and what follows runs.
    const injected = "$x = 'C:\\inetpub\\x\u2019; Start-Process calc; \u2019'";
    assert.equal(tokenize(injected)[2]!.value, 'C:\\inetpub\\x');
    assert.deepEqual(words(injected), ['Start-Process', 'calc']);
  });

  it('refuses what PowerShell refuses to parse', () => {
    for (const source of ['"at $wfastcgi: generate"', "'open", '"open', '{ (', '$(Get-Date', '"$(Get-Date"', ')']) {
      assert.throws(() => tokenize(source), PowerShellSyntaxError, source);
    }
  });

  it('accepts scoped variables, braced variables, subexpressions, escapes and comments', () => {
    for (const source of ['"at ${wfastcgi}: generate"', '$env:windir', '"$env:windir\\x"', '"$(Get-Date) `"quoted`""', "$_.fullPath -eq $python", '# a comment with \' and "', '<# block\n " #>', 'a `\n b', '@{ fullPath = $python }']) {
      assert.doesNotThrow(() => tokenize(source), source);
    }
  });
});

describe('PowerShell: string literals and setup-iis.ps1', () => {
  it('powershellString: any text reads back exactly, as one string token, whatever quotes, $ or backticks it holds', () => {
    const characters = fc.constantFrom(..."ab\\: '\u2018\u2019\u201A\u201B\"\u201C\u201D\u201E$`(){};#é中".split(''));
    fc.assert(
      fc.property(fc.string({ unit: characters, maxLength: 40 }), value => {
        const tokens = tokenize(`$x = ${powershellString(value)}`);
        assert.equal(assignedLiteral(tokens, 'x'), value);
        assert.equal(tokens.length, 3);
      }),
      { numRuns: 500 },
    );
  });

  it("the site root with a typographic quote that would end the string is refused, from an option and from .yo-rc.json", () => {
    const attack = 'C:\\inetpub\\x\u2019; Start-Process calc; \u2019';
    const request = (options: Record<string, unknown>) => ({ names: generators.webconfig.answers, options: { yes: true, host: 'iis', ...options }, canPrompt: false });
    assert.throws(() => checkAll(request({ 'site-root': attack }), snapshotDestination(temporaryFolder())), /^InvalidAnswerError: --site-root: .* typographic quotes/);
    assert.throws(() => checkAll(request({ interpreter: 'C:\\Py\u201C\\python.exe', wfastcgi: 'C:\\Py\\wfastcgi.py' }), snapshotDestination(temporaryFolder())), /--interpreter: /);
    const kept = { ...snapshotDestination(temporaryFolder()), kept: { siteRoot: attack } };
    assert.throws(() => checkAll(request({}), kept), /^InvalidAnswerError: \.yo-rc\.json "siteRoot": /);
  });

  const variants: Partial<SiteAnswers>[] = [
    { server: 'fastcgi', routing: 'rewrite' },
    { server: 'fastcgi', routing: 'wildcard', staticDir: 'static' },
    { server: 'httpplatform', routing: 'wildcard', staticDir: 'static' },
    { server: 'fastcgi', routing: 'rewrite', siteRoot: "C:\\inetpub\\o'neil's site", interpreter: "C:\\Users\\O'Brien\\Python 3.12\\python.exe", wfastcgi: "C:\\Users\\O'Brien\\Python 3.12\\Lib\\site-packages\\wfastcgi.py" },
    { server: 'httpplatform', routing: 'wildcard', siteRoot: 'D:\\sites\\$(calc) `x ${y} é', interpreter: 'D:\\Py\\$env\\python.exe' },
  ];
  for (const variant of variants) {
    it(`setup-iis.ps1 parses, and names exactly web.config's paths: ${JSON.stringify(variant)}`, () => {
      const { answers } = checkAll(
        { names: generators.webconfig.answers, options: { yes: true, host: 'iis', ...Object.fromEntries(Object.entries(variant).map(([name, value]) => [name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`), value])) }, canPrompt: false },
        snapshotDestination(temporaryFolder()),
      );
      const site = answers as unknown as SiteAnswers;
      const script = webconfigPart.plan(site, { siteFiles: () => [] }).find(file => file.path === 'setup-iis.ps1');
      assert.ok(script?.kind === 'generated');
      const tokens = tokenize(script.contents);
      const layout = webConfigLayout(site);
      assert.equal(assignedLiteral(tokens, 'python'), layout.runtime.interpreter);
      assert.equal(assignedLiteral(tokens, 'sitePath'), layout.siteRoot);
      if (site.server === 'fastcgi') assert.equal(assignedLiteral(tokens, 'wfastcgi'), layout.runtime.wfastcgi);
      else assert.equal(assignedLiteral(tokens, 'logFolder'), 'C:\\inetpub\\logs\\python');
      // No path is ever put into a filter or a double-quoted string, where PowerShell would read it.
      assert.doesNotMatch(script.contents, /@fullPath='/);
    });
  }
});
