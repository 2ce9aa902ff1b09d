import { describe, expect, test } from 'vitest';
import { factLabels, transferTermItems } from '../../shared/web/src/components/transfer-terms';
import { LAND_TERMS } from '../helpers/transfer';

describe('the transfer terms a tender page shows', () => {
  test('start price, increment and deposit in 元; a sealed reserve by its commitment, never an amount', () => {
    // Prepare
    const sealed = { transfer: { ...LAND_TERMS, reserveCommitment: 'ab'.repeat(32) } };

    // Act
    const items = transferTermItems(sealed, 'public');
    const open = transferTermItems({ transfer: LAND_TERMS }, 'preview');

    // Assess
    expect(items.map((item) => item.label)).toEqual(['起始价', '增价幅度', '竞买保证金', '底价']);
    expect(items[0]?.children).toContain('10,000,000.00');
    expect(items[3]?.children).toBe(`已密封（承诺 ${'ab'.repeat(8)}…），竞价结束后公开`);
    expect(open[3]?.children).toBe('未设底价');
    expect(transferTermItems({}, 'public')).toEqual([]);
  });
});

describe('factLabels', () => {
  test('a procurement keeps its words; a listing and an auction name their own end', () => {
    // Act
    const procurement = factLabels({ tradeType: 'governmentProcurement', method: 'openTender' });
    const listing = factLabels({ tradeType: 'landUseRights', method: 'listing' });
    const auction = factLabels({ tradeType: 'miningRights', method: 'auction' });

    // Assess
    expect(procurement).toEqual({
      unit: '采购单位',
      method: '采购方式',
      deadline: '投标截止（开标）',
      evaluation: '评审办法',
    });
    expect(listing).toMatchObject({
      unit: '出让人',
      method: '出让方式',
      deadline: '挂牌截止',
      evaluation: '竞得规则',
    });
    expect(auction.deadline).toBe('拍卖开始');
  });
});
