// The compiled form of a rule's detection: selections, field tests and the condition tree.
// The matcher and the SQL compiler both walk this; it is plain data (the predicates live in matcher.ts).

import type { AlertSeverity } from '../types.ts';

export type Scalar = string | number | boolean | null;

/** How one field test compares the event value with the rule's values. */
export type FieldOp =
  | 'eq' // plain value, Sigma wildcards `*` `?` allowed
  | 'contains'
  | 'startswith'
  | 'endswith'
  | 're'
  | 'cidr'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'fieldref'
  | 'exists';

export interface FieldTest {
  /** Dotted path as written in the rule (`userIdentity.arn`, `rampart.ingress.adminPorts`). */
  path: string;
  op: FieldOp;
  /**
   * Values after value-transforming modifiers (expand, windash, base64, base64offset) were applied.
   * `null` means "field absent or null". For `exists`, one boolean. For `fieldref`, field paths.
   */
  values: Scalar[];
  /** `|all`: every value must match instead of any. */
  all: boolean;
  /** `|cased`: case-sensitive compare (re is always case-sensitive unless `re|i`). */
  cased: boolean;
  /** JS RegExp flags for `re` (subset of `ims`). */
  reFlags: string;
  /** 1-based line of the field key in the rule file. */
  line: number;
}

/** A selection is an OR of alternatives, each an AND of field tests; or a keyword search. */
export type SelectionAst =
  | { kind: 'fields'; name: string; line: number; alternatives: FieldTest[][] }
  | { kind: 'keywords'; name: string; line: number; keywords: Scalar[] };

export type ConditionAst =
  | { type: 'and'; items: ConditionAst[] }
  | { type: 'or'; items: ConditionAst[] }
  | { type: 'not'; item: ConditionAst }
  | { type: 'ref'; name: string };

export interface RuleAst {
  selections: Map<string, SelectionAst>;
  condition: ConditionAst;
  severityWhen: Array<{ condition: ConditionAst; severity: AlertSeverity; line: number }>;
  /** The organization's accounts (var org_account_ids) the derived fields were compiled with; undefined when not given. */
  orgAccounts: ReadonlySet<string> | undefined;
}
