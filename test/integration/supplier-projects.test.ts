/**
 * The supplier's own projects (我的项目, GET /api/suppliers/me/tenders) through the local gateway on
 * DynamoDB Local and s3rver: the tenders its organisation registered for, newest first, each with
 * its current bid and to-dos, as the tender moves from tendering through the opening.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MySupplierTender } from '../../shared/schemas/supplier-tender';
import type { Tender } from '../../shared/schemas/tender';
import { type ApiClient, type ApiResponse, publishTender, startTestApi } from '../helpers/api';
import { makeSupplier, type PlacedBid, placeBid, revealBid, type TestSupplier } from '../helpers/bidder';

const MINUTE = 60_000;

let api: ApiClient;
let purchaser: string;

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-projects-unit');
});

afterAll(async () => {
  await api.gateway.stop();
});

/** The supplier's project list, every page of `limit`. */
async function myProjects(supplier: TestSupplier, limit = 20): Promise<MySupplierTender[]> {
  const items: MySupplierTender[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 20; pages += 1) {
    const query: string = `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: ApiResponse = await api.call('GET', `/api/suppliers/me/tenders${query}`, {
      token: supplier.token,
    });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** One tender of the list, by id. */
function entry(items: MySupplierTender[], tender: Tender): MySupplierTender | undefined {
  return items.find((item) => item.id === tender.id);
}

/** The to-do codes of one tender in a supplier's list. */
async function todoOf(supplier: TestSupplier, tender: Tender): Promise<string[]> {
  return (entry(await myProjects(supplier), tender)?.todo ?? []).map((t) => t.code);
}

/** Moves the dev clock to an instant (never back) and runs the tick. */
async function at(instant: string | Date): Promise<void> {
  const target = new Date(instant);
  if (target.getTime() > api.gateway.clock.now().getTime()) api.gateway.clock.set(target);
  await api.tick();
}

describe('GET /api/suppliers/me/tenders (我的项目)', () => {
  it('lists the tenders a supplier registered for, with its bid and to-dos, through the opening', async () => {
    // Prepare: two tenders; the supplier bids in the first and only registers for the second;
    // two other suppliers bid in the first, so its opening record is published (3 valid bids)
    const first = await publishTender(api, purchaser, { title: '区图书馆自助借还设备采购项目' });
    const second = await publishTender(api, purchaser, { title: '区档案馆密集架采购项目' });
    const elsewhere = await publishTender(api, purchaser, { title: '区文化馆音响设备采购项目' });
    const [me, other, third, stranger] = [
      await makeSupplier(api, 7101),
      await makeSupplier(api, 7102),
      await makeSupplier(api, 7103),
      await makeSupplier(api, 7104),
    ] as [TestSupplier, TestSupplier, TestSupplier, TestSupplier];
    const myBid = await placeBid(api, me, first.id, 318_000_000);
    await api.advance(1000);
    const registered = await api.call('POST', `/api/tenders/${second.id}/registrations`, { token: me.token });
    const others: PlacedBid[] = [
      await placeBid(api, other, first.id, 325_000_000),
      await placeBid(api, third, first.id, 330_000_000),
    ];
    await api.call('POST', `/api/tenders/${elsewhere.id}/registrations`, { token: other.token });

    // Act: before the deadline
    const mine = await myProjects(me);
    const paged = await myProjects(me, 1);
    const theirs = await myProjects(other);
    const none = await myProjects(stranger);
    const asPurchaser = await api.call('GET', '/api/suppliers/me/tenders', { token: purchaser });
    const anonymous = await api.call('GET', '/api/suppliers/me/tenders');

    // Assess: newest registration first; the public view plus registeredAt, myBid and todo
    expect(registered.status).toBe(201);
    expect(mine.map((t) => t.id)).toEqual([second.id, first.id]);
    expect(paged.map((t) => t.id)).toEqual([second.id, first.id]);
    const publicView = (await api.call('GET', `/api/tenders/${first.id}`)).body;
    const { registeredAt, myBid: summary, todo, ...view } = entry(mine, first) as MySupplierTender;
    expect(view).toEqual(publicView);
    expect(registeredAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(summary).toEqual({
      id: myBid.bidId,
      status: 'submitted',
      submittedAt: myBid.receipt.body.submittedAt,
      needsReconfirmation: false,
      revealedAt: null,
    });
    expect(todo).toEqual([{ code: 'none', label: '暂无待办事项', until: null }]);
    expect(entry(mine, second)).toMatchObject({
      registeredAt: registered.body.registeredAt,
      myBid: null,
      todo: [{ code: 'submit-bid', label: '递交投标文件', until: second.content.timeline.bidDeadline }],
    });
    expect(theirs.map((t) => t.id).sort()).toEqual([first.id, elsewhere.id].sort());
    expect(none).toEqual([]);
    expect(asPurchaser.status).toBe(403);
    expect(anonymous.status).toBe(401);

    // Act: a correction that affects bid preparation; the supplier re-confirms
    const corrected = await api.call('POST', `/api/tenders/${first.id}/corrections`, {
      token: purchaser,
      body: { summary: '技术参数更正', affectsBidPreparation: true },
    });
    const afterCorrection = entry(await myProjects(me), first);
    const reconfirmed = await api.call('POST', `/api/tenders/${first.id}/bids/${myBid.bidId}/reconfirm`, {
      token: me.token,
    });
    const afterReconfirm = await todoOf(me, first);
    for (const [i, supplier] of [other, third].entries()) {
      await api.call('POST', `/api/tenders/${first.id}/bids/${others[i]?.bidId}/reconfirm`, {
        token: supplier.token,
      });
    }

    // Assess
    expect(corrected.status).toBe(200);
    expect(afterCorrection?.myBid?.needsReconfirmation).toBe(true);
    expect(afterCorrection?.todo.map((t) => t.code)).toEqual(['reconfirm']);
    expect(reconfirmed.status).toBe(200);
    expect(afterReconfirm).toEqual(['none']);

    // Act: the deadline; the tick opens both tenders
    const deadline = (await api.call('GET', `/api/tenders/${first.id}`)).body.content.timeline.bidDeadline;
    await at(deadline);
    await at(second.content.timeline.bidDeadline);
    const opened = entry(await myProjects(me), first);
    const missed = await todoOf(me, second);
    const revealed = await revealBid(api, me, first.id, myBid);
    const afterReveal = entry(await myProjects(me), first);
    for (const [i, supplier] of [other, third].entries()) {
      await revealBid(api, supplier, first.id, others[i] as PlacedBid);
    }

    // Assess
    expect(opened?.status).toBe('opening');
    expect(opened?.todo).toEqual([
      { code: 'reveal', label: '解密投标', until: opened?.opening?.decryptionEndsAt },
    ]);
    expect(missed).toEqual(['none']);
    expect(revealed.body.status).toBe('valid');
    expect(afterReveal?.myBid?.revealedAt).toMatch(/^\d{4}-/);
    expect(afterReveal?.todo.map((t) => t.code)).toEqual(['none']);

    // Act: the decryption window closes; the record goes out; the supplier confirms it
    await at(new Date(Date.parse(String(opened?.opening?.decryptionEndsAt)) + MINUTE));
    const recordOut = entry(await myProjects(me), first);
    const confirmed = await api.call('POST', `/api/tenders/${first.id}/opening/responses`, {
      token: me.token,
      body: { decision: 'confirm' },
    });
    const afterConfirm = await todoOf(me, first);

    // Assess
    expect(recordOut?.opening?.recordPublishedAt).toBeDefined();
    expect(recordOut?.todo).toEqual([
      { code: 'respond-opening', label: '确认开标记录', until: recordOut?.opening?.confirmationEndsAt },
    ]);
    expect(confirmed.status).toBe(200);
    expect(afterConfirm).toEqual(['none']);
  });

  it('refuses a cursor of another list with a 400', async () => {
    // Prepare
    const supplier = await makeSupplier(api, 7199);
    const alien = Buffer.from(
      JSON.stringify({ pk: 'x', sk: 'y', ownerPk: 'ORG#org-projects-unit', ownerSk: 'z' }),
    ).toString('base64url');

    // Act
    const response = await api.call('GET', `/api/suppliers/me/tenders?cursor=${alien}`, {
      token: supplier.token,
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('query.cursor');
  });
});
