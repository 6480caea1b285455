// GuardDuty collector (per Region): the detectors and, per detector, its status and features — what
// guardduty-enabled reads. No detector is a value (an empty list); a denied call stays an error.
import { GetDetectorCommand, GuardDutyClient, paginateListDetectors } from '@aws-sdk/client-guardduty';
import { drain } from '../collect.ts';
import type { RegionalCollector } from '../types.ts';
import { ok } from '../../inventory/collected.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import { need, read, regionalClient, type ItemOf, type ValueOf } from './shared.ts';

type Detector = ItemOf<RegionalSnapshot['guardduty']['detectors']>;
type DetectorDetail = ValueOf<Detector['detail']>;

const OPS = { list: 'guardduty:ListDetectors', get: 'guardduty:GetDetector' } as const;

export const guarddutyCollector: RegionalCollector<'guardduty'> = {
  key: 'guardduty',
  operations: Object.values(OPS),
  async collect(ctx): Promise<RegionalSnapshot['guardduty']> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, GuardDutyClient);
    const ids = await read(OPS.list, region, () => limiter.run(() => drain(paginateListDetectors({ client, pageSize: 50 }, {}), (p) => p.DetectorIds)));
    if (!ids.ok) return { detectors: ids };
    // A Region has at most one detector per account; each is read on its own so one failure does not hide the list.
    const detectors = await Promise.all(
      ids.value.map(
        async (detectorId): Promise<Detector> => ({
          detectorId,
          detail: await read<DetectorDetail>(OPS.get, region, () =>
            limiter.run(async () => {
              const d = await client.send(new GetDetectorCommand({ DetectorId: detectorId }));
              return {
                status: need(d.Status, 'Status'),
                features: (d.Features ?? []).map((f) => ({ name: need(f.Name, 'Features.Name'), status: need(f.Status, 'Features.Status') })),
              };
            }),
          ),
        }),
      ),
    );
    return { detectors: ok(detectors) };
  },
};
