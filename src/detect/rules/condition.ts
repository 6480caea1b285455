// Parser for Sigma `condition` expressions: and/or/not, parentheses, `1 of x*`, `all of x*`, `1 of them`.
// Quantifiers are expanded against the rule's selection names here, so the AST only holds and/or/not/ref.

import type { ConditionAst } from './ast.ts';

/** A condition that cannot be parsed; the caller adds file and line. */
export class ConditionSyntaxError extends Error {}

const tokenPattern = /\s*(\(|\)|[^\s()]+)/gy;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  tokenPattern.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = tokenPattern.exec(text)) !== null && m[1] !== undefined) tokens.push(m[1]);
  return tokens;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`);
}

/**
 * Parse `text` against the rule's selection names. Precedence (Sigma): not > and > or.
 * Throws ConditionSyntaxError naming the offending token or missing selection.
 */
export function parseCondition(text: string, selectionNames: readonly string[]): ConditionAst {
  if (text.includes('|')) {
    throw new ConditionSyntaxError(
      'Sigma aggregation expressions (`| count() …`) are not supported in `condition`; use the Rampart `threshold` key instead',
    );
  }
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const next = (): string | undefined => tokens[pos++];

  const parseOr = (): ConditionAst => {
    const items = [parseAnd()];
    while (peek() === 'or') {
      pos++;
      items.push(parseAnd());
    }
    return items.length === 1 ? items[0]! : { type: 'or', items };
  };
  const parseAnd = (): ConditionAst => {
    const items = [parseUnary()];
    while (peek() === 'and') {
      pos++;
      items.push(parseUnary());
    }
    return items.length === 1 ? items[0]! : { type: 'and', items };
  };
  const parseUnary = (): ConditionAst => {
    if (peek() === 'not') {
      pos++;
      return { type: 'not', item: parseUnary() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): ConditionAst => {
    const tok = next();
    if (tok === undefined) throw new ConditionSyntaxError(`condition "${text}" ends unexpectedly`);
    if (tok === '(') {
      const inner = parseOr();
      if (next() !== ')') throw new ConditionSyntaxError(`condition "${text}": missing ")"`);
      return inner;
    }
    if (tok === ')' || tok === 'and' || tok === 'or' || tok === 'of') {
      throw new ConditionSyntaxError(`condition "${text}": unexpected "${tok}"`);
    }
    if (peek() === 'of') {
      pos++;
      return parseQuantifier(tok);
    }
    if (!selectionNames.includes(tok)) {
      throw new ConditionSyntaxError(
        `condition names selection "${tok}", which is not defined in \`detection\` (defined: ${selectionNames.join(', ') || 'none'})`,
      );
    }
    return { type: 'ref', name: tok };
  };
  const parseQuantifier = (quantifier: string): ConditionAst => {
    if (quantifier !== '1' && quantifier !== 'all') {
      throw new ConditionSyntaxError(
        `condition "${text}": "${quantifier} of" is not Sigma; use "1 of" or "all of"`,
      );
    }
    const target = next();
    if (target === undefined || target === '(' || target === ')') {
      throw new ConditionSyntaxError(`condition "${text}": "${quantifier} of" needs a selection pattern or "them"`);
    }
    // Sigma: `them` covers every selection except those whose name starts with an underscore.
    const names =
      target === 'them'
        ? selectionNames.filter((n) => !n.startsWith('_'))
        : selectionNames.filter((n) => globToRegExp(target).test(n));
    if (names.length === 0) {
      throw new ConditionSyntaxError(`condition "${text}": "${quantifier} of ${target}" matches no selection`);
    }
    const refs: ConditionAst[] = names.map((name) => ({ type: 'ref', name }));
    if (refs.length === 1) return refs[0]!;
    return quantifier === '1' ? { type: 'or', items: refs } : { type: 'and', items: refs };
  };

  if (tokens.length === 0) throw new ConditionSyntaxError('condition is empty');
  const ast = parseOr();
  if (pos < tokens.length) throw new ConditionSyntaxError(`condition "${text}": unexpected "${tokens[pos]}"`);
  return ast;
}
