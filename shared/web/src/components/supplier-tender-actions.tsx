import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Typography } from 'antd';
import { useSession } from '../lib/session';
import { fetchMyBids, fetchMySupplierTenders, registerForTender } from '../services/supplier';
import type { PublicTender } from '../services/tender-types';
import { LinkButton } from './link-button';
import { ProblemAlert } from './problem-alert';

/** Statuses from which the opening room has something to show. */
const OPENED = ['opening', 'evaluating', 'awarding', 'awarded', 'complete', 'failed'];

/** Whether the supplier registered for a tender: it is in its project list (first pages read). */
async function findRegistration(tenderId: string, signal: AbortSignal): Promise<boolean> {
  let cursor: string | null = null;
  for (let page = 0; page < 5; page += 1) {
    const answer = await fetchMySupplierTenders(cursor, signal);
    if (answer.items.some((item) => item.id === tenderId)) return true;
    cursor = answer.nextCursor;
    if (!cursor) return false;
  }
  return false;
}

/**
 * What a signed-in supplier can do on a tender's page: 报名 while it is tendering, then links to
 * 投标, the 开标大厅 and 我的结果 as they apply.
 *
 * Registering twice changes nothing on the server, so the button is offered until a registration is known.
 */
export function SupplierTenderActions({
  tender,
  onBidPage = false,
}: {
  tender: PublicTender;
  onBidPage?: boolean;
}) {
  const { user } = useSession();
  const queryClient = useQueryClient();
  const isSupplier = user?.role === 'supplier';
  const bids = useQuery({
    queryKey: ['supplier', 'my-bids', tender.id],
    queryFn: ({ signal }) => fetchMyBids(tender.id, signal),
    enabled: isSupplier && !tender.content.transfer,
  });
  const registration = useQuery({
    queryKey: ['supplier', 'projects', 'registered', tender.id],
    queryFn: ({ signal }) => findRegistration(tender.id, signal),
    enabled: isSupplier && !tender.content.transfer,
  });
  const register = useMutation({
    mutationFn: () => registerForTender(tender.id),
    onSuccess: () => {
      queryClient.setQueryData(['supplier', 'projects', 'registered', tender.id], true);
      void queryClient.invalidateQueries({ queryKey: ['supplier', 'projects'], exact: true });
    },
  });
  if (!isSupplier) return null;
  if (tender.content.transfer) {
    // A listing or auction: one room for the application (竞买申请), the 竞买号 and the quotes
    return (
      <section aria-label="竞买人操作" style={{ margin: '12px 0' }}>
        <LinkButton type="primary" to={`/supplier/tenders/${tender.id}/auction`}>
          {tender.status === 'tendering' ? '竞买申请 / 进入竞价室' : '进入竞价室'}
        </LinkButton>
      </section>
    );
  }
  const hasBid = (bids.data ?? []).length > 0;
  const submitted = (bids.data ?? []).some((bid) => bid.status === 'submitted');
  const registered = registration.data === true || hasBid;
  const tendering = tender.status === 'tendering';
  const base = `/supplier/tenders/${tender.id}`;
  return (
    <section aria-label="供应商操作" style={{ margin: '12px 0' }}>
      <ProblemAlert error={register.error ?? bids.error ?? registration.error} />
      {register.isSuccess && (
        <Alert type="success" showIcon title="报名成功，现在可以投标" style={{ marginBottom: 8 }} />
      )}
      <Space wrap>
        {tendering && !registered && !registration.isPending && (
          <Button type="primary" loading={register.isPending} onClick={() => register.mutate()}>
            报名
          </Button>
        )}
        {tendering && registered && !onBidPage && (
          <LinkButton type="primary" to={`${base}/bid`}>
            投标
          </LinkButton>
        )}
        {(submitted || OPENED.includes(tender.status)) && hasBid && (
          <LinkButton to={`${base}/opening`}>开标大厅</LinkButton>
        )}
        {hasBid && ['awarded', 'complete'].includes(tender.status) && (
          <LinkButton to={`${base}/result`}>我的结果</LinkButton>
        )}
        {!tendering && !hasBid && !onBidPage && <Typography.Text>该项目已截止报名和投标。</Typography.Text>}
      </Space>
    </section>
  );
}
