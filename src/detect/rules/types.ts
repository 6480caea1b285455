// The public shape of a loaded detection rule and its embedded tests.

import { InputFileError } from '../../core/errors.ts';
import type { AlertSeverity, CloudTrailRecord } from '../types.ts';
import type { RuleAst } from './ast.ts';

export interface RuleTest {
  name?: string;
  expect: 'match' | 'no-match';
  events: CloudTrailRecord[];
  /** 1-based line of the test entry in the rule file. */
  line: number;
}

export interface RuleThreshold {
  count: number;
  windowSeconds: number;
  groupBy: string[];
}

export interface DetectionRule {
  id: string;
  title: string;
  /** Base severity (`severity`, or Sigma `level` mapped); `match` may raise it via `severityWhen`. */
  severity: AlertSeverity;
  description?: string;
  references: string[];
  falsepositives: string[];
  tags: string[];
  threshold?: RuleThreshold;
  tests: RuleTest[];
  file: string;
  line: number;
  /** What the rule assumes because a variable it could use was not given (it runs anyway). */
  assumptions?: string[];
  /** What to do when it fires (`nextStep`). */
  nextStep?: string;
  /** Set when the rule cannot run as configured (e.g. an `expand` placeholder without variables). */
  disabled?: { reason: string };
  match(event: CloudTrailRecord): { matched: boolean; severity: AlertSeverity };
  /** Compiled detection (non-enumerable), for the engine's index and the SQL compiler. */
  readonly ast?: RuleAst;
  /** The same rule compiled with its `testVars` (non-enumerable); embedded tests run against it. */
  readonly forTests?: () => DetectionRule;
}

/** A rule file that cannot be loaded; the message starts with `file:line:`. */
export class RuleLoadError extends InputFileError {}
