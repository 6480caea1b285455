import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { testCheck } from '../tester.ts';
import check from './config-recorder-all-regions.ts';

const ACCT = '111111111111';
const statusIn = (results: CheckResult[], region: string) => results.filter((r) => r.region === region).map((r) => r.status);
const accountResult = (results: CheckResult[]) => results.find((r) => r.resource.id === ACCT);

testCheck(check, {
  pass: [
    { name: 'recorder for all supported types, recording, with a channel', snapshot: singleAccount(), resources: [ACCT, 'eu-west-1', 'us-east-1'] },
    {
      name: 'recordingStrategy ALL_SUPPORTED_RESOURCE_TYPES counts as all supported',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r.set('config.recorders', [
            { name: 'default', allSupported: false, includeGlobalResourceTypes: false, recordingStrategy: 'ALL_SUPPORTED_RESOURCE_TYPES' },
          ]),
        ),
      ),
      resources: [ACCT, 'eu-west-1', 'us-east-1'],
    },
    {
      name: 'a recorder that has not recorded yet (lastStatus null) is not failing',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.configRecorder({ lastStatus: null }))),
      resources: [ACCT, 'eu-west-1', 'us-east-1'],
    },
  ],
  fail: [
    {
      name: 'recorders unreadable in a Region listed in regions.denied: the empty channel list still decides a fail',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r.configRecorder({ deliveryChannel: false }).fail('config.recorders', 'AccessDenied', 'config:DescribeConfigurationRecorders'),
        ),
      ),
      resources: ['eu-west-1'],
    },
    {
      name: 'no recorder in one Region',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.configRecorder(null))),
      resources: ['eu-west-1'],
      verify: (results) => assert.deepEqual(statusIn(results, 'us-east-1'), ['pass']),
    },
    {
      name: 'recorder limited to some resource types',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.configRecorder({ allSupported: false }))),
      resources: ['us-east-1'],
    },
    {
      name: 'recorder stopped',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.configRecorder({ recording: false }))),
      // us-east-1 was the Region recording global types, so they are now recorded nowhere.
      resources: ['us-east-1'],
      verify: (results) => {
        assert.match(results.find((r) => r.resource.id === 'us-east-1')?.message ?? '', /is not recording/);
        assert.equal(accountResult(results)?.status, 'warn');
      },
    },
    {
      name: 'last recording attempt failed',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.configRecorder({ lastStatus: 'FAILURE' }))),
      resources: ['us-east-1'],
    },
    {
      name: 'no delivery channel',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.configRecorder({ deliveryChannel: false }))),
      resources: ['eu-west-1'],
    },
    {
      name: 'recorder known to be partial even though its status could not be read',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r.configRecorder({ allSupported: false }).fail('config.recorderStatuses', 'AccessDenied', 'config:DescribeConfigurationRecorderStatus'),
        ),
      ),
      resources: ['eu-west-1'],
    },
  ],
  warn: [
    {
      name: 'global resource types recorded in two Regions',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.configRecorder({ includeGlobalResourceTypes: true }))),
      resources: [ACCT],
      verify: (results) => {
        assert.match(accountResult(results)?.message ?? '', /in 2 Regions \(eu-west-1, us-east-1\)/);
        assert.deepEqual(statusIn(results, 'eu-west-1'), ['pass']);
      },
    },
    {
      name: 'global resource types recorded in no Region',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.configRecorder({ includeGlobalResourceTypes: false }))),
      resources: [ACCT],
      verify: (results) => {
        assert.match(accountResult(results)?.message ?? '', /in no scanned Region/);
      },
    },
    {
      name: 'two Regions record global types even though a third is unreadable',
      snapshot: singleAccount(
        (a) =>
          a
            .inRegion('eu-west-1', (r) => r.configRecorder({ includeGlobalResourceTypes: true }))
            .inRegion('ap-south-1', (r) => r.fail('config.recorders', 'AccessDenied', 'config:DescribeConfigurationRecorders')),
        { regions: ['us-east-1', 'eu-west-1', 'ap-south-1'] },
      ),
      verify: (results) => assert.equal(accountResult(results)?.status, 'warn'),
    },
  ],
  error: [
    {
      name: 'recorders denied',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('config.recorders', 'AccessDenied', 'config:DescribeConfigurationRecorders'))),
      code: 'AccessDenied',
      // eu-west-1 might record global types too, so "exactly one Region" is unknown.
      resources: [ACCT, 'eu-west-1'],
      verify: (results) => assert.deepEqual(statusIn(results, 'us-east-1'), ['pass']),
    },
    {
      name: 'good recorder but its status throttled',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.fail('config.recorderStatuses', 'Throttled', 'config:DescribeConfigurationRecorderStatus')),
      ),
      code: 'Throttled',
      resources: [ACCT, 'us-east-1'],
    },
    {
      name: 'delivery channels unreadable with an otherwise good recorder',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('config.deliveryChannels', 'Timeout', 'config:DescribeDeliveryChannels'))),
      code: 'Timeout',
      resources: ['us-east-1'],
    },
    {
      name: 'global types off in the readable Region, the other Region unreadable: exactly one is unknown',
      snapshot: singleAccount((a) =>
        a
          .inRegion('us-east-1', (r) => r.configRecorder({ includeGlobalResourceTypes: false }))
          .inRegion('eu-west-1', (r) => r.fail('config.recorders', 'Throttled', 'config:DescribeConfigurationRecorders')),
      ),
      code: 'Throttled',
      resources: [ACCT, 'eu-west-1'],
    },
    {
      name: 'status list has no entry for the recorder',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('config.recorderStatuses', []))),
      code: 'ParseError',
      resources: [ACCT, 'us-east-1'],
    },
  ],
  notApplicable: [
    {
      name: 'Region listed in regions.denied',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r
            .fail('config.recorders', 'AccessDenied', 'config:DescribeConfigurationRecorders')
            .fail('config.recorderStatuses', 'AccessDenied', 'config:DescribeConfigurationRecorderStatus')
            .fail('config.deliveryChannels', 'AccessDenied', 'config:DescribeDeliveryChannels'),
        ),
      ),
      resources: ['eu-west-1'],
    },
  ],
});
