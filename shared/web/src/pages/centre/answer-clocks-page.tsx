import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Typography } from 'antd';
import { Link } from 'react-router';
import { LoadMore } from '../../components/load-more';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { PublicRows } from '../../components/public-rows';
import { ToneTag } from '../../components/public-tags';
import { showBeijing } from '../../lib/time';
import { fetchAnswerClocks } from '../../services/challenges';
import { SectionCard } from './section-card';

/**
 * 答复时限: every enquiry and challenge across the portal still waiting for the purchasing unit's
 * answer, earliest due first, the overdue ones flagged (实施条例第五十二条; 94号令第十三条).
 */
export function AnswerClocksPage() {
  const list = useInfiniteQuery({
    queryKey: ['centre', 'answer-clocks'],
    queryFn: ({ pageParam, signal }) => fetchAnswerClocks(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: 60_000,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const overdue = list.data?.pages[0]?.overdue ?? 0;
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        答复时限
      </Typography.Title>
      <Typography.Paragraph>
        供应商的询问须在3个工作日内答复（实施条例第五十二条），质疑须在7个工作日内答复（94号令第十三条）。这里按答复期限先后列出全平台尚未答复的询问和质疑。
      </Typography.Paragraph>
      {overdue > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${overdue} 件已超过答复期限`}
          description="请督促采购人答复；质疑供应商可在答复期满后15个工作日内向财政部门投诉（94号令第十七条）。"
        />
      )}
      <SectionCard>
        <ProblemAlert error={list.error} />
        {list.isPending ? (
          <PageLoading />
        ) : (
          <PublicRows
            items={items}
            rowKey={(clock) => `${clock.kind}-${clock.id}`}
            label="尚未答复的询问和质疑"
            empty="全平台没有待答复的询问或质疑。"
            render={(clock) => ({
              title: (
                <span>
                  {clock.overdue ? (
                    <ToneTag tone="red">逾期未答复</ToneTag>
                  ) : (
                    <ToneTag tone="blue">待答复</ToneTag>
                  )}
                  <ToneTag tone={clock.kind === 'challenge' ? 'purple' : 'grey'}>
                    {clock.kind === 'challenge' ? '质疑' : '询问'}
                  </ToneTag>
                  <Link to={`/centre/tenders/${clock.tenderId}`}>{clock.tenderTitle || clock.tenderId}</Link>
                </span>
              ),
              facts: [
                `答复期限 ${clock.answerDueOn}（${clock.citation}）`,
                `采购人：${clock.purchasingUnitName}`,
                `${clock.kind === 'challenge' ? '质疑供应商' : '询问人'}：${clock.supplierName}`,
                `收到：${showBeijing(clock.receivedAt)}`,
                clock.summary,
              ],
            })}
          />
        )}
        <LoadMore list={list} />
      </SectionCard>
    </div>
  );
}
