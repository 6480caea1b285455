// CloudTrail's S3 key layout, for pruning listings by account, Region and date:
//   [prefix/]AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<id>.json.gz
//   [prefix/]AWSLogs/<o-orgid>/<account>/CloudTrail/<region>/YYYY/MM/DD/...   (organization trails)

export interface S3Url {
  bucket: string;
  prefix: string;
}

/** `s3://bucket/some/prefix` → { bucket, prefix }; undefined when not an s3 URL. */
export function parseS3Url(url: string): S3Url | undefined {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url.trim());
  if (!m || !m[1]) return undefined;
  return { bucket: m[1], prefix: m[2] ?? '' };
}

export interface PrefixParts {
  /** Everything before `AWSLogs/` (the trail's own S3 key prefix), with a trailing slash or empty. */
  base: string;
  /** Path segments the user fixed after `AWSLogs/` (org id, account, `CloudTrail`, region). */
  fixed: string[];
}

export function splitPrefix(prefix: string): PrefixParts {
  const p = prefix.replace(/^\/+/, '');
  const m = /(^|\/)AWSLogs(\/|$)/.exec(p);
  if (!m) return { base: p === '' || p.endsWith('/') ? p : `${p}/`, fixed: [] };
  const base = p.slice(0, m.index + m[1]!.length);
  const fixed = p.slice(m.index + m[0].length).split('/').filter((s) => s !== '');
  return { base, fixed };
}

/** Time the file was written, from its name (`…_20240501T1005Z_…`); undefined for other names. */
export function fileTimeFromKey(key: string): Date | undefined {
  const m = /_(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)Z_[^/]*$/.exec(key);
  if (!m) return undefined;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])));
}

export const ORG_ID = /^o-[a-z0-9]{10,32}$/;
export const ACCOUNT_ID = /^\d{12}$/;
