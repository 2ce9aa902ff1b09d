import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { CentreEnquiries, enquiryKeys } from '../../components/enquiries';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { fetchRestrictedEnquiries } from '../../services/enquiries';
import { SectionCard } from './section-card';

/**
 * 询问监督: every enquiry of the tender with who asked it (the centre alone may know it) and the
 * answer periods, the overdue ones first in the counts (实施条例第五十二条).
 */
export function EnquiriesSection({ tenderId }: { tenderId: string }) {
  const list = useQuery({
    queryKey: enquiryKeys.restricted(tenderId),
    queryFn: ({ signal }) => fetchRestrictedEnquiries(tenderId, signal),
    refetchInterval: 60_000,
  });
  return (
    <SectionCard
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          询问监督
        </Typography.Title>
      }
      style={{ marginBottom: 16 }}
    >
      <ProblemAlert error={list.error} />
      {list.isPending && <PageLoading label="正在读取询问…" />}
      {list.data && <CentreEnquiries tenderId={tenderId} list={list.data} />}
    </SectionCard>
  );
}
