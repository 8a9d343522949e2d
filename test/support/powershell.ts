/**
 * A tokenizer for the part of PowerShell's syntax that decides whether a generated script
 * parses and what its string literals hold: comments, single- and double-quoted strings with
 * PowerShell's quote characters (the typographic ones included, as about_Quoting_Rules says),
 * backtick escapes, `$name`, `${name}` and `$scope:name` variables, `$( )` subexpressions and
 * bracket balance. There is no PowerShell here to parse the scripts with; what this does not
 * model (here-strings, most operators) it treats as plain words, or refuses.
 */
export interface Token {
  readonly kind: 'single-quoted' | 'double-quoted' | 'variable' | 'word' | 'punctuation' | 'newline';
  /** The token as written. */
  readonly text: string;
  /** A single-quoted string's value; a variable's name. */
  readonly value: string;
  readonly line: number;
}

export class PowerShellSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'PowerShellSyntaxError';
  }
}

const singleQuotes = "'\u2018\u2019\u201A\u201B";
const doubleQuotes = '"\u201C\u201D\u201E';
const isSingleQuote = (character: string | undefined) => character !== undefined && singleQuotes.includes(character);
const isDoubleQuote = (character: string | undefined) => character !== undefined && doubleQuotes.includes(character);
const nameCharacter = /[A-Za-z0-9_?]/;
const closing: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let line = 1;
  const brackets: { open: string; line: number }[] = [];
  const fail = (message: string): never => {
    throw new PowerShellSyntaxError(message, line);
  };
  const push = (kind: Token['kind'], start: number, value = source.slice(start, index)) => {
    tokens.push({ kind, text: source.slice(start, index), value, line });
  };

  /** A variable at `index` (on its `$`): its name; `$name:` must go on with a name character. */
  const variable = (): string => {
    index++;
    if (source[index] === '{') {
      const end = source.indexOf('}', index);
      if (end === -1) fail('missing } of ${...}');
      const name = source.slice(index + 1, end);
      index = end + 1;
      return name;
    }
    if (source[index] === '$' || source[index] === '^') return source[index++]!;
    let name = '';
    while (index < source.length && nameCharacter.test(source[index]!)) name += source[index++];
    if (source[index] === ':' && name !== '') {
      if (!nameCharacter.test(source[index + 1] ?? '')) {
        fail(`variable reference is not valid: ':' after $${name} is not followed by a variable name character (write \${${name}})`);
      }
      index++;
      name += ':';
      while (index < source.length && nameCharacter.test(source[index]!)) name += source[index++];
    }
    return name;
  };

  /** A `$( ... )` subexpression at `index` (on its `$`), tokenized on its own, up to its matching ). */
  const subexpression = (): void => {
    let depth = 0;
    const start = index + 1;
    for (index = start; index < source.length; index++) {
      const character = source[index]!;
      if (isSingleQuote(character) || isDoubleQuote(character)) {
        // A string inside: skipped whole, by the same rules.
        const inner = tokenize(source.slice(index)).find(token => token.kind === 'single-quoted' || token.kind === 'double-quoted');
        index += (inner?.text.length ?? 1) - 1;
      } else if (character === '(') depth++;
      else if (character === ')' && --depth === 0) {
        tokenize(source.slice(start + 1, index));
        index++;
        return;
      } else if (character === '\n') line++;
    }
    fail('missing ) of a $( ) subexpression');
  };

  while (index < source.length) {
    const start = index;
    const character = source[index]!;
    if (character === '\n') {
      index++;
      push('newline', start);
      line++;
    } else if (character === ' ' || character === '\t' || character === '\r') {
      index++;
    } else if (character === '#') {
      while (index < source.length && source[index] !== '\n') index++;
    } else if (character === '<' && source[index + 1] === '#') {
      const end = source.indexOf('#>', index + 2);
      if (end === -1) fail('missing #> of a block comment');
      line += source.slice(index, end).split('\n').length - 1;
      index = end + 2;
    } else if (character === '@' && (isSingleQuote(source[index + 1]) || isDoubleQuote(source[index + 1]))) {
      fail('here-strings are not modelled');
    } else if (isSingleQuote(character)) {
      let value = '';
      for (index++; ; index++) {
        if (index >= source.length) fail('missing the end of a single-quoted string');
        const inside = source[index]!;
        if (isSingleQuote(inside)) {
          if (isSingleQuote(source[index + 1])) {
            value += source[++index];
            continue;
          }
          index++;
          break;
        }
        if (inside === '\n') line++;
        value += inside;
      }
      push('single-quoted', start, value);
    } else if (isDoubleQuote(character)) {
      for (index++; ; ) {
        if (index >= source.length) fail('missing the end of a double-quoted string');
        const inside = source[index]!;
        if (inside === '`') index += 2;
        else if (inside === '$' && source[index + 1] === '(') subexpression();
        else if (inside === '$' && (source[index + 1] === '{' || nameCharacter.test(source[index + 1] ?? ''))) variable();
        else if (isDoubleQuote(inside)) {
          index++;
          if (isDoubleQuote(source[index])) index++;
          else break;
        } else {
          if (inside === '\n') line++;
          index++;
        }
      }
      push('double-quoted', start, '');
    } else if (character === '$' && source[index + 1] === '(') {
      index++;
      push('punctuation', start);
      brackets.push({ open: '(', line });
      index++;
    } else if (character === '$') {
      const name = variable();
      if (name === '') fail('a $ with no variable name');
      push('variable', start, name);
    } else if (character === '`') {
      // An escape outside strings: the next character (a line end, for a continuation) is literal.
      if (source[index + 1] === '\n') line++;
      index += 2;
    } else if ('([{'.includes(character)) {
      brackets.push({ open: character, line });
      index++;
      push('punctuation', start);
    } else if (')]}'.includes(character)) {
      const open = brackets.pop();
      if (!open || closing[open.open] !== character) fail(`${character} closes nothing${open ? ` (${open.open} of line ${open.line} is open)` : ''}`);
      index++;
      push('punctuation', start);
    } else if ('=|,;!@'.includes(character)) {
      index++;
      push('punctuation', start);
    } else {
      while (index < source.length && !/[\s()[\]{}$'"`#=|,;\u2018-\u201e]/.test(source[index]!)) index++;
      push('word', start);
    }
  }
  const open = brackets.pop();
  if (open) fail(`${open.open} of line ${open.line} is never closed`);
  return tokens;
}

/** The single-quoted literal assigned to `$name` on a line of its own (`$name = '...'`), as PowerShell reads it. */
export function assignedLiteral(tokens: readonly Token[], name: string): string {
  const lines = new Map<number, Token[]>();
  for (const token of tokens) if (token.kind !== 'newline') lines.set(token.line, [...(lines.get(token.line) ?? []), token]);
  for (const lineTokens of lines.values()) {
    const [target, equals, literal, ...rest] = lineTokens;
    if (target?.kind === 'variable' && target.value === name && equals?.text === '=') {
      if (literal?.kind !== 'single-quoted' || rest.length > 0) {
        throw new Error(`$${name} is assigned ${lineTokens.map(token => token.text).join(' ')}, not one single-quoted string`);
      }
      return literal.value;
    }
  }
  throw new Error(`$${name} is never assigned`);
}
