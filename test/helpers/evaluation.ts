import type { ApiClient } from './api';
import type { PlacedBid } from './bidder';

/** An expert of a test pool. */
export interface PoolExpert {
  /** Expert id. */
  id: string;
  /** Sign-in subject. */
  userSub: string;
  /** Bearer token. */
  token: string;
}

/** Adds `count` experts of one specialty to the pool (centre token), numbered from `from`. */
export async function addExperts(
  api: ApiClient,
  centre: string,
  specialty: string,
  from: number,
  count: number,
): Promise<PoolExpert[]> {
  const experts: PoolExpert[] = [];
  for (let n = from; n < from + count; n += 1) {
    const userSub = `pool-expert-${n}`;
    const created = await api.call('POST', '/api/experts', {
      token: centre,
      body: {
        name: `专家${n}`,
        userSub,
        specialties: [specialty],
        region: '杭州市',
        employerOrgId: `org-institute-${n}`,
      },
    });
    if (created.status !== 201) throw new Error(`expert: ${JSON.stringify(created.body)}`);
    experts.push({
      id: created.body.id,
      userSub,
      token: await api.token('expert', `org-institute-${n}`, userSub),
    });
  }
  return experts;
}

/**
 * Draws a committee of 5 for a tender in evaluation; every member declares no conflict and gives
 * every bid the same two-decimal points, so the report ranks by price alone; the tender ends in
 * `awarding`.
 */
export async function playToAwarding(
  api: ApiClient,
  centre: string,
  pool: PoolExpert[],
  tenderId: string,
  specialty: string,
  bids: PlacedBid[],
): Promise<void> {
  const drawn = await api.call('POST', `/api/tenders/${tenderId}/committee`, {
    token: centre,
    body: { size: 5, reserveSize: 0, specialties: [specialty] },
  });
  if (drawn.status !== 201) throw new Error(`draw: ${JSON.stringify(drawn.body)}`);
  // Two-decimal points, as experts give them (each × 100 is off in floating point)
  const scores = Object.fromEntries(bids.map((bid) => [bid.bidId, { c1: 38.55, c2: 4.35, c3: 1.1 }]));
  for (const seat of drawn.body.members as { expertId: string }[]) {
    const member = pool.find((p) => p.id === seat.expertId);
    if (!member) throw new Error('drawn expert not in the test pool');
    const path = `/api/tenders/${tenderId}/evaluation`;
    await api.call('POST', `${path}/declaration`, { token: member.token, body: { conflict: false } });
    await api.call('PUT', `${path}/sheet`, { token: member.token, body: { scores } });
    const submitted = await api.call('POST', `${path}/sheet/submit`, { token: member.token });
    if (submitted.status !== 200) throw new Error(`submit: ${JSON.stringify(submitted.body)}`);
  }
  const status = (await api.call('GET', `/api/tenders/${tenderId}`)).body.status;
  if (status !== 'awarding') throw new Error(`expected awarding, got ${status}`);
}
