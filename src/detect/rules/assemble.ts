// A rule as plain data (RuleParts: what parsing found, the compiled detection as its AST) and the one place that
// turns it into a runnable DetectionRule. Worker threads receive their rules this way (structured clone) instead
// of reading and parsing the YAML again: parsing is most of a worker's start-up, and a copy cannot differ.
import type { AlertSeverity } from '../types.ts';
import type { RuleAst } from './ast.ts';
import { compileCondition, compileSelection, type RecordPredicate } from './matcher.ts';
import type { DetectionRule, RuleTest, RuleThreshold } from './types.ts';

export interface RuleParts {
  id: string;
  title: string;
  severity: AlertSeverity;
  description?: string | undefined;
  references: string[];
  falsepositives: string[];
  tags: string[];
  tests: RuleTest[];
  file: string;
  line: number;
  assumptions: string[];
  nextStep?: string | undefined;
  threshold?: RuleThreshold | undefined;
  /** Why the rule cannot run as configured, if it cannot. */
  disabledReason?: string | undefined;
  ast: RuleAst;
}

export function assembleRule(p: RuleParts): DetectionRule {
  const { ast } = p;
  const env = { orgAccounts: ast.orgAccounts };
  const compiled = new Map<string, RecordPredicate>();
  for (const [name, sel] of ast.selections) compiled.set(name, compileSelection(sel, env));
  const predicate = compileCondition(ast.condition, compiled);
  const severityPredicates = ast.severityWhen.map((s) => ({
    pred: compileCondition(s.condition, compiled),
    result: { matched: true, severity: s.severity },
  }));
  // Results are preallocated: match() runs per rule per record and must not allocate.
  const noMatch = Object.freeze({ matched: false, severity: p.severity });
  const baseMatch = Object.freeze({ matched: true, severity: p.severity });
  const rule: DetectionRule = {
    id: p.id,
    title: p.title,
    severity: p.severity,
    references: p.references,
    falsepositives: p.falsepositives,
    tags: p.tags,
    tests: p.tests,
    file: p.file,
    line: p.line,
    match:
      p.disabledReason !== undefined
        ? () => noMatch
        : (event) => {
            if (!predicate(event)) return noMatch;
            for (const s of severityPredicates) if (s.pred(event)) return s.result;
            return baseMatch;
          },
  };
  if (p.description !== undefined) rule.description = p.description;
  if (p.assumptions.length > 0) rule.assumptions = p.assumptions;
  if (p.nextStep !== undefined) rule.nextStep = p.nextStep;
  if (p.threshold) rule.threshold = p.threshold;
  if (p.disabledReason !== undefined) rule.disabled = { reason: p.disabledReason };
  Object.defineProperty(rule, 'ast', { value: ast, enumerable: false });
  return rule;
}

/** A loaded rule's parts, to send to another thread (its embedded tests stay behind: only the rules run there). */
export function ruleParts(rule: DetectionRule): RuleParts {
  if (rule.ast === undefined) throw new Error(`rule ${rule.id} has no compiled detection to send`);
  return {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    description: rule.description,
    references: rule.references,
    falsepositives: rule.falsepositives,
    tags: rule.tags,
    tests: [],
    file: rule.file,
    line: rule.line,
    assumptions: rule.assumptions ?? [],
    nextStep: rule.nextStep,
    threshold: rule.threshold,
    disabledReason: rule.disabled?.reason,
    ast: rule.ast,
  };
}
