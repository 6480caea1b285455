// The reason a JSON text did not parse, without the text itself: V8 quotes the input around the error
// (`Unexpected token 'x', ..."password": xAKIA…"... is not valid JSON`), and that input may be a secret
// (a CloudTrail request parameter, a policy document, a snapshot). Only the position or token kind is kept.

export function jsonErrorReason(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  // the quoted excerpt may start and end with "..." when V8 shortens it
  return msg.replace(/, (\.\.\.)?"[\s\S]*"(\.\.\.)? is not valid JSON$/, ' (not valid JSON)');
}
