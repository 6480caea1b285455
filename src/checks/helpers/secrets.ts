// Shared wording for the secret checks: a finding lists the variables and where they are, never a value (the
// snapshot holds none: collectors keep the detector's verdict only, src/secrets/schema.ts).
import type { SecretMatch } from '../../secrets/schema.ts';

/** `DB_PASSWORD (secret-name) in Environment.Variables; a line in user data line 4 (high-entropy)` */
export function describeSecretMatches(matches: readonly SecretMatch[]): string {
  return matches
    .map((m) => (m.name === null ? `a value at ${m.location} (${m.ruleIds.join(', ')})` : `${m.name} (${m.ruleIds.join(', ')}) in ${m.location}`))
    .join('; ');
}

/** Evidence for a finding: names, rules and locations only. */
export function secretEvidence(matches: readonly SecretMatch[]): Record<string, unknown> {
  return { secrets: matches.map((m) => ({ name: m.name, ruleIds: m.ruleIds, location: m.location })) };
}

export const DETECTOR_RULES =
  'access key ids (AKIA/ASIA), 40-character secret keys next to a key id or under an aws_secret name, PEM private keys, names containing password/passwd/secret/token/api_key/apikey with a literal value, strings of 20+ characters with Shannon entropy of 4.5 bits/char or more, and secretlint\'s recommended preset';
