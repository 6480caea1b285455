// Public API of the rule language: types, loading, embedded tests.

export type { DetectionRule, RuleTest, RuleThreshold } from './types.ts';
export { RuleLoadError } from './types.ts';
export type { RuleAst, SelectionAst, FieldTest, ConditionAst, FieldOp, Scalar } from './ast.ts';
export { parseRuleText, type ParseOptions } from './parse.ts';
export { loadRules, builtinRulesDir, type LoadRulesOptions } from './load.ts';
export { runRuleTests, type RuleTestResult } from './run-tests.ts';
export { derivedFieldNames } from './derived.ts';
