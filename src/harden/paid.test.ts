import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputFileError } from '../core/errors.ts';
import { demoSnapshot } from '../demo/organization.ts';
import { snapshot } from '../inventory/fixtures.ts';
import type { Snapshot } from '../inventory/snapshot.ts';
import { evaluateSnapshot } from '../scan.ts';
import { baselineSchema, defaultBaseline, type Baseline } from './baseline.ts';
import { parseBaseline } from './baseline-file.ts';
import { planHardening } from './planner.ts';
import type { Plan } from './plan-schema.ts';

const MGMT = '111111111111';
const PAID_KINDS = ['guardduty.detector', 'guardduty.features', 'config.recorder', 'securityhub.hub', 'securityhub.standards', 'inspector2.enable', 'macie.enable', 'accessanalyzer.unused-access', 'org.guardduty-admin', 'org.securityhub-admin'];
const planFor = (s: Snapshot, b: Baseline = defaultBaseline()): Plan => planHardening(s, evaluateSnapshot(s).findings, b);
const allPaid = {
  regions: { allowed: ['us-east-1'] },
  paid: { guardduty: true, securityHub: true, securityHubStandards: ['aws-foundational-security-best-practices/v/1.0.0'], inspector: ['EC2', 'LAMBDA'], macie: true, unusedAccessAnalyzer: true, unusedAccessAge: 60, shieldAdvanced: true },
};
/** No GuardDuty, no Security Hub, no analyzer: every paid service has something to do. */
const bare = () =>
  snapshot({ regions: ['us-east-1'] })
    .account(MGMT, (a) => a.inRegion('us-east-1', (r) => r.guardDuty('none').analyzers([])).set('regional.us-east-1.securityhub.hub', null))
    .build();

const bad = (text: string, re: RegExp) => assert.throws(() => parseBaseline(text, 'b.yaml'), (e: unknown) => e instanceof InputFileError && re.test(e.message));

describe('paid services', () => {
  it('are never planned by the default baseline, on the demo or on an account with none of them', () => {
    for (const s of [demoSnapshot(), bare()]) {
      const plan = planFor(s);
      assert.deepEqual(plan.actions.filter((a) => PAID_KINDS.includes(a.kind) || a.risk === 'paid').map((a) => a.id), []);
      assert.equal(plan.manual.some((m) => m.checkId === 'shield-advanced'), false);
    }
    const d = defaultBaseline().paid;
    assert.deepEqual(d, { guardduty: false, securityHub: false, guarddutyFeatures: [], securityHubStandards: [], inspector: [], config: false, macie: false, unusedAccessAnalyzer: false, unusedAccessAge: 90, shieldAdvanced: false });
  });

  it('are each planned when opted in, labelled paid with a cost note', () => {
    const plan = planFor(bare(), baselineSchema.parse(allPaid));
    const kinds = plan.actions.filter((a) => a.risk === 'paid').map((a) => a.kind).sort();
    assert.deepEqual(kinds, ['accessanalyzer.unused-access', 'guardduty.detector', 'inspector2.enable', 'macie.enable', 'securityhub.hub', 'securityhub.standards']);
    for (const a of plan.actions.filter((x) => x.risk === 'paid')) assert.match(a.costNote ?? '', /bills/, a.id);
    const standards = plan.actions.find((a) => a.kind === 'securityhub.standards')!;
    assert.deepEqual(standards.calls[0]!.params, { StandardsSubscriptionRequests: [{ StandardsArn: 'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0' }] });
    assert.deepEqual(standards.dependsOn, [plan.actions.find((a) => a.kind === 'securityhub.hub')!.id], 'subscribes after the hub is on');
    assert.deepEqual(plan.actions.find((a) => a.kind === 'inspector2.enable')!.calls[0]!.params, { accountIds: [MGMT], resourceTypes: ['EC2', 'LAMBDA'] });
    const unused = plan.actions.find((a) => a.kind === 'accessanalyzer.unused-access')!;
    assert.deepEqual(unused.calls[0]!.params, { analyzerName: 'rampart-unused-access', type: 'ACCOUNT_UNUSED_ACCESS', configuration: { unusedAccess: { unusedAccessAge: 60 } } });
    // Shield Advanced is a one-year commitment: a manual step, never an action
    assert.ok(plan.manual.some((m) => m.checkId === 'shield-advanced' && /one-year commitment/.test(m.instructions)));
    assert.equal(plan.actions.some((a) => a.calls.some((c) => c.service === 'shield')), false);
  });

  it('skip what is already in place: subscribed standards, an active unused-access analyzer', () => {
    const s = snapshot({ regions: ['us-east-1'] })
      .account(MGMT, (a) =>
        a
          .inRegion('us-east-1', (r) => r.analyzers([{ name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS' }]))
          .set('regional.us-east-1.securityhub.enabledStandards', [{ standardsArn: 'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0', status: 'READY' }]),
      )
      .build();
    const plan = planFor(s, baselineSchema.parse(allPaid));
    assert.equal(plan.actions.some((a) => a.kind === 'securityhub.standards' || a.kind === 'accessanalyzer.unused-access'), false);
  });

  it('GuardDuty protection plans: on a new detector with its creation, on one already on as their own action', () => {
    const b = baselineSchema.parse({ paid: { guardduty: true, guarddutyFeatures: ['S3_DATA_EVENTS', 'EBS_MALWARE_PROTECTION'] } });
    const fresh = planFor(bare(), b).actions.find((a) => a.kind === 'guardduty.detector')!;
    assert.deepEqual(fresh.calls[0]!.params, { Enable: true, Features: [{ Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }, { Name: 'EBS_MALWARE_PROTECTION', Status: 'ENABLED' }] });
    const on = snapshot({ regions: ['us-east-1'] })
      .account(MGMT, (a) => a.inRegion('us-east-1', (r) => r.guardDuty('enabled')).set('regional.us-east-1.guardduty.detectors', [{ detectorId: 'd-1', detail: { ok: true, value: { status: 'ENABLED', features: [{ name: 'S3_DATA_EVENTS', status: 'ENABLED' }] } } }]))
      .build();
    const plan = planFor(on, b);
    assert.equal(plan.actions.some((a) => a.kind === 'guardduty.detector'), false);
    const [features] = plan.actions.filter((a) => a.kind === 'guardduty.features');
    assert.equal(features?.risk, 'paid');
    assert.deepEqual(features?.calls[0]!.params, { DetectorId: 'd-1', Features: [{ Name: 'EBS_MALWARE_PROTECTION', Status: 'ENABLED' }] });
    assert.deepEqual(features?.before, { EBS_MALWARE_PROTECTION: 'DISABLED' });
    assert.deepEqual(features?.checkIds, ['guardduty-protection-plans']);
  });

  it('AWS Config: records everything in every Region, global types in the home Region only, and closes config-recorder-all-regions', () => {
    const s = snapshot({ regions: ['us-east-1', 'eu-west-1'] })
      .account(MGMT, (a) => a.inRegion('us-east-1', (r) => r.configRecorder(null)).inRegion('eu-west-1', (r) => r.configRecorder({ recording: false })))
      .build();
    const failing = evaluateSnapshot(s).findings.filter((f) => f.checkId === 'config-recorder-all-regions' && f.status === 'fail');
    assert.equal(failing.length, 2);
    assert.equal(planFor(s).actions.some((a) => a.kind === 'config.recorder'), false, 'not without the opt-in');
    const plan = planFor(s, baselineSchema.parse({ regions: { allowed: ['eu-west-1', 'us-east-1'] }, paid: { config: { bucket: 'org-config-logs' } } }));
    const actions = plan.actions.filter((a) => a.kind === 'config.recorder');
    assert.deepEqual(actions.map((a) => a.region).sort(), ['eu-west-1', 'us-east-1']);
    const fresh = actions.find((a) => a.region === 'us-east-1')!;
    assert.deepEqual(fresh.calls.map((c) => c.operation), ['CreateServiceLinkedRole', 'PutConfigurationRecorder', 'PutDeliveryChannel', 'StartConfigurationRecorder']);
    assert.deepEqual((fresh.calls[1]!.params['ConfigurationRecorder'] as { recordingGroup: unknown }).recordingGroup, { allSupported: true, includeGlobalResourceTypes: false });
    assert.equal(fresh.rollback.possible, true);
    const reused = actions.find((a) => a.region === 'eu-west-1')!;
    assert.deepEqual((reused.calls[1]!.params['ConfigurationRecorder'] as { recordingGroup: unknown }).recordingGroup, { allSupported: true, includeGlobalResourceTypes: true }, 'the home Region records IAM');
    assert.equal(reused.calls.some((c) => c.operation === 'PutDeliveryChannel'), false, 'the existing channel stays');
    assert.equal(reused.rollback.possible, false);
    for (const a of actions) {
      assert.equal(a.risk, 'paid');
      assert.match(a.costNote ?? '', /configuration item/);
      assert.deepEqual(a.closes.map((c) => `${c.checkId} ${c.region}`), [`config-recorder-all-regions ${a.region}`]);
    }
  });

  it('the paid section is validated with file and line', () => {
    bad('paid:\n  config: {bucket: Bad_Bucket}\n', /b\.yaml:2: paid\.config/);
    bad('paid:\n  guarddutyFeatures: [S3_DATA_EVENTS]\n', /b\.yaml:2: paid\.guarddutyFeatures: GuardDuty protection plans need GuardDuty/);
    bad('paid:\n  inspector: [EC2, VMS]\n', /b\.yaml:2: paid\.inspector\.1: /);
    bad('paid:\n  macie: yes please\n', /b\.yaml:2: paid\.macie: /);
    bad('paid:\n  shield: true\n', /b\.yaml:2: paid: Unrecognized key: "shield"/);
    bad('paid:\n  securityHubStandards: [cis-aws-foundations-benchmark/v/3.0.0]\n', /b\.yaml:2: paid\.securityHubStandards: Security Hub standards need Security Hub/);
    bad('paid:\n  unusedAccessAge: 900\n', /b\.yaml:2: paid\.unusedAccessAge: /);
  });
});
