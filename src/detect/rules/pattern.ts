// Sigma string values → fast string tests: `*`/`?` wildcards with `\` escapes, case-insensitive unless cased.
// Literal-only patterns become equals/startsWith/endsWith/includes; the rest compile to one RegExp, once.

export type StringOp = 'eq' | 'contains' | 'startswith' | 'endswith';

type Token = { kind: 'lit'; text: string } | { kind: 'star' } | { kind: 'one' };

/** Sigma escapes: `\*` `\?` `\\`; a backslash before anything else is a literal backslash. */
export function tokenizeSigmaString(value: string): Token[] {
  const tokens: Token[] = [];
  let lit = '';
  const flush = (): void => {
    if (lit !== '') tokens.push({ kind: 'lit', text: lit });
    lit = '';
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\') {
      const n = value[i + 1];
      if (n === '*' || n === '?' || n === '\\') {
        lit += n;
        i++;
      } else lit += c;
    } else if (c === '*') {
      flush();
      tokens.push({ kind: 'star' });
    } else if (c === '?') {
      flush();
      tokens.push({ kind: 'one' });
    } else lit += c;
  }
  flush();
  return tokens;
}

/** Tokens of `value` with the wildcards a string modifier implies (Sigma: contains = `*v*`). */
export function opTokens(value: string, op: StringOp): Token[] {
  const tokens = tokenizeSigmaString(value);
  if (op === 'contains' || op === 'endswith') tokens.unshift({ kind: 'star' });
  if (op === 'contains' || op === 'startswith') tokens.push({ kind: 'star' });
  // Collapse runs of `*` so `*foo*` with contains stays a plain substring test.
  return tokens.filter((t, i) => !(t.kind === 'star' && tokens[i - 1]?.kind === 'star'));
}

/** Anchored RegExp source of tokens. */
export function tokensToRegExpSource(tokens: readonly Token[]): string {
  let src = '^';
  for (const t of tokens) {
    if (t.kind === 'star') src += '[\\s\\S]*';
    else if (t.kind === 'one') src += '[\\s\\S]';
    else src += t.text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return `${src}$`;
}

/** True when tokens are literals only (no wildcards), i.e. a plain equality. */
export function isPlainLiteral(tokens: readonly Token[]): tokens is Array<{ kind: 'lit'; text: string }> {
  return tokens.every((t) => t.kind === 'lit');
}

const ascii = /^[\x00-\x7f]*$/;

/** Compile a Sigma string value into a test of one string (already the event's string form). */
export function compileStringTest(value: string, op: StringOp, cased: boolean): (s: string) => boolean {
  const tokens = opTokens(value, op);
  const fold = (s: string): string => (cased ? s : s.toLowerCase());
  const lits = tokens.filter((t) => t.kind === 'lit');
  const stars = tokens.filter((t) => t.kind === 'star').length;
  const ones = tokens.some((t) => t.kind === 'one');
  if (!ones && lits.length <= 1) {
    const lit = fold(lits[0]?.text ?? '');
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    if (stars === 0) {
      // Equal lengths first: most event values differ in length, and toLowerCase is then skipped.
      if (cased) return (s) => s === lit;
      if (ascii.test(lit)) return (s) => s.length === lit.length && s.toLowerCase() === lit;
      return (s) => s.toLowerCase() === lit;
    }
    if (lits.length === 0) return () => true;
    if (stars === 2) return (s) => fold(s).includes(lit);
    if (first?.kind === 'star') return (s) => fold(s).endsWith(lit);
    if (last?.kind === 'star') return (s) => fold(s).startsWith(lit);
  }
  const re = new RegExp(tokensToRegExpSource(tokens), cased ? 'u' : 'iu');
  return (s) => re.test(s);
}
