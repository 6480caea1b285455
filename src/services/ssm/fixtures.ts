// Fixtures of the SSM slice: the empty default of a fixture Region (no managed node, no compliance data) and builders.
import { ok } from '../../inventory/collected.ts';
import type { ManagedInstance, PatchCompliance, SsmSlice } from './schema.ts';

export function emptySsm(): SsmSlice {
  return { managedInstances: ok([]), patchCompliance: ok([]) };
}

/** A managed EC2 instance, Online unless told otherwise. */
export function managedInstance(instanceId: string, opts: Partial<ManagedInstance> = {}): ManagedInstance {
  return {
    instanceId,
    pingStatus: 'Online',
    resourceType: instanceId.startsWith('mi-') ? 'ManagedInstance' : 'EC2Instance',
    platformType: 'Linux',
    lastPingDateTime: '2026-11-20T11:55:00.000Z',
    ...opts,
  };
}

/** A Patch compliance summary, COMPLIANT unless told otherwise. */
export function patchCompliance(resourceId: string, opts: Partial<PatchCompliance> = {}): PatchCompliance {
  const status = opts.status ?? 'COMPLIANT';
  return {
    resourceId,
    resourceType: 'ManagedInstance',
    status,
    overallSeverity: status === 'COMPLIANT' ? 'UNSPECIFIED' : 'CRITICAL',
    nonCompliantCount: status === 'COMPLIANT' ? 0 : 3,
    executionTime: '2026-11-19T03:00:00.000Z',
    ...opts,
  };
}
