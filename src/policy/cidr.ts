// Decides whether an aws:SourceIp value is narrow enough for S3 to call the grant non-public:
// S3 treats IPv4 ranges broader than /8 and IPv6 ranges broader than /32 as public ("The meaning of public").
import { isIPv4, isIPv6 } from 'node:net';

export const MIN_IPV4_PREFIX = 8;
export const MIN_IPV6_PREFIX = 32;

/**
 * True for a valid IPv4 CIDR with prefix ≥ /8 or IPv6 CIDR with prefix ≥ /32 (a bare address counts as
 * /32 or /128). Anything we cannot parse is not narrow, so it cannot make a grant look private.
 * S3's note also excludes RFC 1918 ranges from the "broad" rule; every RFC 1918 block is /8 or longer,
 * so that exclusion never changes the answer for a range that passes the IPv4 prefix test.
 */
export function isNarrowSourceIp(value: string): boolean {
  const slash = value.indexOf('/');
  const address = slash === -1 ? value : value.slice(0, slash);
  const prefixText = slash === -1 ? undefined : value.slice(slash + 1);
  const v4 = isIPv4(address);
  if (!v4 && !isIPv6(address)) return false;
  const max = v4 ? 32 : 128;
  if (prefixText === undefined) return true;
  if (!/^\d{1,3}$/.test(prefixText)) return false;
  const prefix = Number(prefixText);
  if (prefix > max) return false;
  return prefix >= (v4 ? MIN_IPV4_PREFIX : MIN_IPV6_PREFIX);
}
