// Classifies what a set of granted actions lets someone do — read, write, list, change permissions —
// from the access levels of the iam-data catalog, falling back to the action's verb when the catalog lacks it.
import { actionMatches, expandActionPattern, literalService } from './actions.ts';
import { catalogAction, catalogActionsForService, catalogServices } from './catalog.ts';
import type { AccessLevel } from './catalog.ts';

export interface AccessClasses {
  read: boolean;
  write: boolean;
  list: boolean;
  permissions: boolean;
}

export function noAccess(): AccessClasses {
  return { read: false, write: false, list: false, permissions: false };
}

export function mergeAccess(a: AccessClasses, b: AccessClasses): AccessClasses {
  return { read: a.read || b.read, write: a.write || b.write, list: a.list || b.list, permissions: a.permissions || b.permissions };
}

/**
 * Access granted by an Action list. `service` limits wildcards to one service (a bucket policy's `*` only
 * grants s3 actions). A pattern the catalog cannot expand (a new or mistyped action) is classified by its verb.
 */
export function classifyActionPatterns(patterns: string[], service?: string): AccessClasses {
  let acc = noAccess();
  for (const p of patterns) {
    const prefix = literalService(p);
    if (service !== undefined && prefix !== undefined && prefix !== service.toLowerCase()) continue;
    const concrete =
      service !== undefined && prefix === undefined
        ? (catalogActionsForService(service) ?? []).filter((a) => actionMatches(p, a.action)).map((a) => a.action)
        : expandActionPattern(p);
    if (concrete.length === 0) {
      acc = mergeAccess(acc, classifyByVerb(p));
      continue;
    }
    for (const a of concrete) acc = mergeAccess(acc, fromLevels(catalogAction(a)?.accessLevels ?? []));
  }
  return acc;
}

/** Access granted by a NotAction list: every catalog action (of `service`, if given) that the list does not name. */
export function classifyNotActionPatterns(notActions: string[], service?: string): AccessClasses {
  let acc = noAccess();
  const services = service === undefined ? catalogServices() : [service.toLowerCase()];
  for (const s of services) {
    for (const a of catalogActionsForService(s) ?? []) {
      if (!notActions.some((n) => actionMatches(n, a.action))) acc = mergeAccess(acc, fromLevels(a.accessLevels));
    }
  }
  return acc;
}

function fromLevels(levels: AccessLevel[]): AccessClasses {
  return {
    read: levels.includes('Read'),
    // Tagging changes the resource, so it counts as write (the catalog already pairs it with Write).
    write: levels.includes('Write') || levels.includes('Tagging'),
    list: levels.includes('List'),
    permissions: levels.includes('Permissions management'),
  };
}

// Unknown actions: the verb is a good guess; anything we cannot place is treated as write, the worse case.
function classifyByVerb(pattern: string): AccessClasses {
  const name = pattern.includes(':') ? pattern.slice(pattern.indexOf(':') + 1) : pattern;
  if (/^[*?]/.test(name)) return { read: true, write: true, list: true, permissions: true };
  if (/^(get|describe|head|view)/i.test(name)) return { ...noAccess(), read: true };
  if (/^list/i.test(name)) return { ...noAccess(), list: true };
  const permissions = /(policy|acl|permission)/i.test(name);
  return { ...noAccess(), write: true, permissions };
}
